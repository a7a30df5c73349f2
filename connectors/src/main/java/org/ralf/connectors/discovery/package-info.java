/**
 * Discovery pollers (Foreman, Proxmox VE, PBS storages, DHCP leases, ARP) that turn what a source
 * reports into seen, changed and gone events on {@code ralf.discovery}; read-only, no scanning.
 */
package org.ralf.connectors.discovery;
