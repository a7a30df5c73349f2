package org.ralf.models.incident;

/** The incident memory could not be read or written (database unreachable, query failed). */
public class MemoryException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public MemoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
