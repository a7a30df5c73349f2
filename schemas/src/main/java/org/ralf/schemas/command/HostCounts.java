package org.ralf.schemas.command;

/** Per-host task counts of an Ansible run (from the JSON stdout callback's {@code stats}). */
public record HostCounts(int ok, int changed, int failed, int unreachable, int skipped) {}
