package org.ralf.schemas.discovery;

/** Where a {@link DiscoveryEvent} comes from. */
public enum DiscoverySource {
    /** Foreman hosts API. */
    FOREMAN,
    /** Proxmox VE cluster resources (nodes, qemu and lxc guests). */
    PROXMOX,
    /** Proxmox Backup Server (backup groups / snapshots). */
    PBS,
    /** DHCP leases. */
    DHCP,
    /** ARP / neighbour tables. */
    ARP,
    /** DNS zone data. */
    DNS,
    /** Entered by an operator. */
    MANUAL
}
