package org.ralf.executor.config;

import org.ralf.executor.ExecutorException;

/** Invalid or unreadable executor configuration; the message names the offending key. */
public class ConfigException extends ExecutorException {

    /** Creates an exception whose message starts with the configuration key. */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }

    /** Wraps the error of the shared configuration reader, whose message already names the key. */
    public ConfigException(org.ralf.schemas.config.ConfigException cause) {
        super(cause.getMessage(), cause);
    }

    /** Creates an exception whose message starts with the configuration key, with a cause. */
    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
    }
}
