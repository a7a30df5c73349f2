package org.ralf.sinks.git;

/** The audit repository could not be written or pushed. */
public class AuditException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     */
    public AuditException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause why
     */
    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
