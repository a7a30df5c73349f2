package org.ralf.connectors.http;

/** A request body that cannot be decompressed or is larger than allowed once decompressed. */
public final class BadBody extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why the body was refused (answered with 400 and dead-lettered)
     */
    public BadBody(String message) {
        super(message);
    }
}
