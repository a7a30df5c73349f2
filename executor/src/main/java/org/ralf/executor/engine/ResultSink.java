package org.ralf.executor.engine;

import org.ralf.executor.ExecutorException;
import org.ralf.schemas.command.CommandResult;

/** Where command results go ({@code ralf.command-results} in production). */
public interface ResultSink {

    /** Publishes a result durably (returns only once it is acknowledged). */
    void publish(CommandResult result) throws ExecutorException;
}
