package org.ralf.executor.ledger;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.annotation.Nullable;
import org.ralf.executor.config.Secret;

/**
 * One JDBC connection to the ledger database, re-opened when it has gone bad. The executor's loop
 * is single-threaded, so one connection (auto-commit, each statement its own transaction) is all it
 * needs; methods are synchronized for the benefit of {@link #close()} from another thread.
 */
public final class Database implements AutoCloseable {

    private final String url;
    private final Properties props = new Properties();
    @Nullable private Connection connection;
    private long lastUsedNanos;

    /** A connection idle longer than this is checked with a round trip before use. */
    private static final long IDLE_CHECK_NANOS = 5_000_000_000L;

    /** Creates a lazily connecting database handle. */
    public Database(String url, String user, Secret password) {
        this.url = url;
        props.setProperty("user", user);
        if (!password.isEmpty()) {
            props.setProperty("password", password.reveal());
        }
        props.setProperty("ApplicationName", "ralf-executor");
    }

    /** A live connection, reconnecting if the previous one broke. */
    public synchronized Connection connection() throws SQLException {
        long now = System.nanoTime();
        boolean idle = now - lastUsedNanos > IDLE_CHECK_NANOS;
        lastUsedNanos = now;
        // isClosed() is local (the driver closes the connection on fatal I/O errors); the round
        // trip of isValid() is only paid after idle periods, not for every statement of a burst.
        if (connection != null && !connection.isClosed() && (!idle || connection.isValid(2))) {
            return connection;
        }
        closeQuietly();
        connection = DriverManager.getConnection(url, props);
        connection.setAutoCommit(true);
        return connection;
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The connection is being replaced because it is broken; nothing more to do.
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly();
    }
}
