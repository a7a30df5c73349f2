package org.ralf.schemas.config;

/** Invalid configuration; the message names the key and what is expected. */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message names the offending key and the expected value
     */
    public ConfigException(String message) {
        super(message);
    }
}
