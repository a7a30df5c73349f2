package org.ralf.executor.runner;

import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.command.HostCounts;

/**
 * How a run ended. Output is raw here; the executor redacts and shortens it for the result.
 *
 * @param state SUCCEEDED, FAILED or TIMED_OUT
 * @param reason one-line summary
 * @param hostCounts Ansible per-host counts (empty otherwise)
 * @param taskStatus Proxmox task exit status or OpenTofu plan/apply summary
 * @param stdout captured standard output (or API response summary)
 * @param stderr captured standard error
 */
public record RunOutcome(
        CommandState state,
        String reason,
        Map<String, HostCounts> hostCounts,
        @Nullable String taskStatus,
        String stdout,
        String stderr) {

    /** Copies the map. */
    public RunOutcome {
        hostCounts = Map.copyOf(hostCounts);
    }

    /** An outcome without counts or output. */
    public static RunOutcome of(CommandState state, String reason) {
        return new RunOutcome(state, reason, Map.of(), null, "", "");
    }
}
