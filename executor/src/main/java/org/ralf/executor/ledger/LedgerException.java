package org.ralf.executor.ledger;

import org.ralf.executor.ExecutorException;

/** The ledger or approval store could not be read or written. */
public class LedgerException extends ExecutorException {

    /** Wraps a database failure. */
    public LedgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
