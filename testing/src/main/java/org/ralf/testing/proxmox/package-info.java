/**
 * FakeProxmox: a stateful, in-process HTTPS fake of the Proxmox VE API for tests, the simulator and
 * discovery.
 */
package org.ralf.testing.proxmox;
