/** The bridge between the simulated homelab and the stateful FakeProxmox API (closed loop). */
package org.ralf.simulator.proxmox;
