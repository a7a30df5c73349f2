/**
 * The simulator's Proxmox-VE-API-compatible HTTPS endpoint (FakeProxmox) and its bridge to the
 * simulated homelab (closed loop).
 */
package org.ralf.simulator.proxmox;
