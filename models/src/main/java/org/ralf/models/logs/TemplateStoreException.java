package org.ralf.models.logs;

/** A failure of the template store (database unreachable, statement rejected). */
public class TemplateStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the underlying error
     */
    public TemplateStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
