package org.ralf.pipelines.entity;

/** What an {@link EntityEvent} says about its entity. */
public enum EntityKind {
    /** The entity's liveness metric ({@code up}) reports it running. */
    UP,
    /** The entity's liveness metric reports it down. */
    DOWN,
    /** A health check of the entity passed. */
    HEALTH_OK,
    /** A health check of the entity failed. */
    HEALTH_FAIL,
    /** A log line of severity error or worse. */
    ERROR_LOG,
    /** A sample of a saturation metric (CPU, memory, I/O utilisation as a ratio 0..1). */
    SATURATION,
    /** A sample of a disk usage metric (used ratio 0..1). */
    DISK_USAGE,
    /** A discovery source observed the host. */
    HOST_SEEN,
    /** The inventory (CDC of nodes / guests) knows the host. */
    INVENTORY,
    /** A deployment row changed (CDC); {@code detail} is its state. */
    DEPLOYMENT,
    /** The entity is alive (it sent metrics or logs); thinned out to one per heartbeat. */
    ACTIVITY
}
