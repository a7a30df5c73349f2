package org.ralf.connectors;

/** Base of the checked exceptions a connector throws at its API boundary. */
public class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed and, where possible, what to do
     */
    public ConnectorException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public ConnectorException(String message, Throwable cause) {
        super(message, cause);
    }
}
