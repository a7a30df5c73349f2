package org.ralf.simulator.engine;

import java.time.Instant;

/**
 * What one fault of a scenario does to the model: once when it starts, on every tick while it is
 * active, and once when it stops (on schedule or by a Proxmox action). One instance per fault holds
 * that fault's own state; {@link FaultBehaviours} creates it for the fault's kind. Calls come from
 * the engine's thread only, in fault order, so the random draws keep their order.
 */
interface FaultBehaviour {

    /** The fault starts at t; it is scheduled to end at {@code scheduledEnd}. */
    void start(Instant t, Instant scheduledEnd);

    /**
     * A tick while the fault is active and its host is present.
     *
     * @param t the tick's instant
     * @param sinceStartSeconds seconds since the fault started
     */
    void during(Instant t, long sinceStartSeconds);

    /** The fault ends at t, by {@code schedule} or {@code action:<action>}. */
    void stop(Instant t, String by);

    /**
     * Every tick from the fault's scheduled end on, whether it is still active or not (effects that
     * outlive an early end are undone here).
     */
    default void pastScheduledEnd() {}

    /**
     * Whether restarting the guest the fault lives on ends it; asked only for kinds that are {@link
     * org.ralf.simulator.scenario.FaultKind#remediable() remediable}.
     */
    default boolean endsWithGuestRestart() {
        return true;
    }

    /** A guest was migrated away from node {@code from} while the fault was active. */
    default void guestMigratedFrom(String from) {}

    /** After the tick's demand is computed: whether a migration has relieved the fault. */
    default boolean relievedByMigration() {
        return false;
    }
}
