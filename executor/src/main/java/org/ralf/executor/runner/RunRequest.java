package org.ralf.executor.runner;

import java.nio.file.Path;
import java.time.Duration;
import org.ralf.schemas.command.ActionCommand;

/**
 * What a runner needs to run one command.
 *
 * @param command the verified, allowlisted command
 * @param dryRun the effective dry-run flag (the command's or the executor's forced one)
 * @param timeout how long the run may take before its process tree is killed
 * @param runDir private directory for this run's files (extra vars, plan, captured output)
 * @param listener callbacks for the ledger and measurements
 */
public record RunRequest(
        ActionCommand command,
        boolean dryRun,
        Duration timeout,
        Path runDir,
        RunListener listener) {}
