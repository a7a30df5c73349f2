package org.ralf.executor;

/**
 * Base of every checked exception the executor throws across its API boundary (configuration,
 * ledger, runners). The CLI maps subclasses to exit codes and one-line messages.
 */
public class ExecutorException extends Exception {

    /** Creates an exception with a message that is safe to show (never contains secrets). */
    public ExecutorException(String message) {
        super(message);
    }

    /** Creates an exception with a message that is safe to show and its cause. */
    public ExecutorException(String message, Throwable cause) {
        super(message, cause);
    }
}
