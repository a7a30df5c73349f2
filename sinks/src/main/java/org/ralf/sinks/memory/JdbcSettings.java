package org.ralf.sinks.memory;

import java.io.Serializable;

/**
 * Where PostgreSQL is and how patiently to talk to it.
 *
 * @param jdbcUrl JDBC URL
 * @param user user
 * @param password password
 * @param poolSize maximum connections
 * @param connectTimeoutMs how long to wait for a connection before failing a call
 */
public record JdbcSettings(
        String jdbcUrl, String user, String password, int poolSize, long connectTimeoutMs)
        implements Serializable {

    /** Hides the password. */
    @Override
    public String toString() {
        return "JdbcSettings[" + jdbcUrl + ", user=" + user + ", poolSize=" + poolSize + "]";
    }
}
