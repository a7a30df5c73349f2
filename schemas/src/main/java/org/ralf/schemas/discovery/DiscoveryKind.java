package org.ralf.schemas.discovery;

/** What a {@link DiscoveryEvent} reports about a host. */
public enum DiscoveryKind {
    /** The host was observed (first time or again, without changes). */
    SEEN,
    /** The host was observed with attributes that differ from the previous observation. */
    CHANGED,
    /** The host is no longer reported by the source. */
    GONE
}
