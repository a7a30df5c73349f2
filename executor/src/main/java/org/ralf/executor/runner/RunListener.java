package org.ralf.executor.runner;

/** Callbacks from a running action to the executor, used for the ledger and for measurements. */
public interface RunListener {

    /** A listener that ignores everything. */
    RunListener NONE = new RunListener() {};

    /** The backend process (or API call) is about to start, or has just started. */
    default void started() {}

    /** The backend assigned an external reference (a Proxmox task UPID) to keep for recovery. */
    default void externalRef(String ref) {}
}
