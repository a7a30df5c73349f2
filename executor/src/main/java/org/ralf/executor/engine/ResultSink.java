package org.ralf.executor.engine;

import org.ralf.executor.ExecutorException;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.deadletter.DeadLetter;

/**
 * Where command results go ({@code ralf.command-results} in production), and dead letters of input
 * that could not be decoded ({@code ralf.deadletter}).
 */
public interface ResultSink {

    /** Hands a result over for publishing; it is durable only after {@link #flush()} returned. */
    void publish(CommandResult result) throws ExecutorException;

    /** Hands a dead letter over for publishing; durable after {@link #flush()}. */
    void deadLetter(DeadLetter letter) throws ExecutorException;

    /** Waits until every result handed over so far is acknowledged; throws if any failed. */
    void flush() throws ExecutorException;
}
