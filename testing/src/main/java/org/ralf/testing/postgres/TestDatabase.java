package org.ralf.testing.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A database created for one test class on the test PostgreSQL server, with the {@code vector}
 * extension and every migration applied. The credentials are a superuser's, so tests may also
 * create replication slots (Debezium).
 *
 * @param name database name
 * @param jdbcUrl JDBC URL of the database
 * @param host server host
 * @param port server port
 * @param user user name
 * @param password password
 */
public record TestDatabase(
        String name, String jdbcUrl, String host, int port, String user, String password) {

    /** Opens a new connection; the caller closes it. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
