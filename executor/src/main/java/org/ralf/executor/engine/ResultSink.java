package org.ralf.executor.engine;

import org.ralf.executor.ExecutorException;
import org.ralf.schemas.command.CommandResult;

/** Where command results go ({@code ralf.command-results} in production). */
public interface ResultSink {

    /** Hands a result over for publishing; it is durable only after {@link #flush()} returned. */
    void publish(CommandResult result) throws ExecutorException;

    /** Waits until every result handed over so far is acknowledged; throws if any failed. */
    void flush() throws ExecutorException;
}
