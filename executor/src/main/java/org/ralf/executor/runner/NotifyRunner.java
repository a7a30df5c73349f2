package org.ralf.executor.runner;

import org.ralf.schemas.command.CommandState;

/** Runs NOTIFY commands: nothing is executed, the command succeeds and its result is the notice. */
public final class NotifyRunner implements ActionRunner {

    @Override
    public RunOutcome run(RunRequest request) {
        request.listener().started();
        return RunOutcome.of(CommandState.SUCCEEDED, "notify: " + request.command().reason());
    }
}
