package org.ralf.executor.runner;

/**
 * Runs one allowed, ledgered command on one backend (Ansible, OpenTofu, Proxmox, notify) and
 * reports how it ended. Implementations never throw for failures of the action itself: those are
 * {@link RunOutcome}s with state FAILED or TIMED_OUT. They must honour {@link RunRequest#timeout()}
 * and, on interruption, stop what they started before rethrowing.
 */
public interface ActionRunner {

    /** Runs the request to its end (or its timeout). */
    RunOutcome run(RunRequest request) throws InterruptedException;
}
