package org.ralf.executor.config;

import org.ralf.executor.ExecutorException;

/** Invalid or unreadable executor configuration; the message names the offending key. */
public class ConfigException extends ExecutorException {

    /** Creates an exception whose message starts with the configuration key. */
    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }

    /** Creates an exception whose message starts with the configuration key, with a cause. */
    public ConfigException(String key, String problem, Throwable cause) {
        super(key + ": " + problem, cause);
    }
}
