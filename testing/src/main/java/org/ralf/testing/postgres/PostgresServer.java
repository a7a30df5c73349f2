package org.ralf.testing.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import javax.annotation.Nullable;
import org.ralf.schemas.db.Migrations;

/**
 * The PostgreSQL server tests run against: the local stack's cluster ({@code ./ralf stack up
 * postgres}, which {@code ./ralf test} runs first), found through, in this order, the system
 * properties {@code ralf.test.pg.admin-url}/{@code .user}/{@code .password}, the properties file
 * named by {@code RALF_TEST_CONNECTION} or {@code -Dralf.test.connection}, or {@code
 * .ralf/connection.properties} in a parent of the working directory.
 */
public final class PostgresServer {

    private final String adminUrl;
    private final String user;
    private final String password;

    private PostgresServer(String adminUrl, String user, String password) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    /** Locates the server or fails with a message that says how to start one. */
    public static PostgresServer locate() {
        String url = System.getProperty("ralf.test.pg.admin-url");
        if (url != null && !url.isBlank()) {
            return new PostgresServer(
                    url,
                    System.getProperty("ralf.test.pg.user", "postgres"),
                    System.getProperty("ralf.test.pg.password", ""));
        }
        Path file = connectionFile();
        if (file == null) {
            throw new IllegalStateException(
                    "no PostgreSQL for tests: run './ralf stack up postgres' (or './ralf test'),"
                            + " or set -Dralf.test.pg.admin-url");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new PostgresServer(
                require(p, "pg.admin.url", file),
                require(p, "pg.superuser", file),
                require(p, "pg.superuser.password", file));
    }

    @Nullable
    private static Path connectionFile() {
        String explicit =
                System.getProperty("ralf.test.connection", System.getenv("RALF_TEST_CONNECTION"));
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(".ralf").resolve("connection.properties");
            if (Files.isReadable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static String require(Properties p, String key, Path file) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalStateException(file + " has no " + key + "; re-run ./ralf stack up");
        }
        return v;
    }

    /** Creates a fresh database with pgvector and all migrations applied. */
    public TestDatabase createDatabase(String hint) {
        String name =
                ("ralf_t_"
                                + hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "")
                                + "_"
                                + UUID.randomUUID().toString().substring(0, 8))
                        .replaceAll("^(.{0,55}).*$", "$1");
        try (Connection c = DriverManager.getConnection(adminUrl, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create test database on " + adminUrl + ": " + e.getMessage(), e);
        }
        String url = withDatabase(adminUrl, name);
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            throw new IllegalStateException("pgvector is not available: " + e.getMessage(), e);
        }
        Migrations.apply(url, user, password);
        URI uri = URI.create(adminUrl.substring("jdbc:".length()));
        return new TestDatabase(name, url, uri.getHost(), uri.getPort(), user, password);
    }

    /**
     * Drops the database, first removing logical replication slots that belong to it (a test's
     * Debezium engine leaves one behind) and terminating its sessions.
     */
    public void dropDatabase(TestDatabase db) {
        try (Connection c = DriverManager.getConnection(adminUrl, user, password)) {
            try (PreparedStatement terminate =
                    c.prepareStatement(
                            "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
                                    + " WHERE database = ? AND active_pid IS NOT NULL")) {
                terminate.setString(1, db.name());
                terminate.executeQuery().close();
            }
            try (PreparedStatement slots =
                    c.prepareStatement(
                            "SELECT slot_name FROM pg_replication_slots WHERE database = ?")) {
                slots.setString(1, db.name());
                try (ResultSet rs = slots.executeQuery()) {
                    while (rs.next()) {
                        dropSlot(c, rs.getString(1));
                    }
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot drop test database " + db.name() + ": " + e.getMessage(), e);
        }
    }

    private static void dropSlot(Connection c, String slot) throws SQLException {
        // a terminated walsender releases its slot asynchronously: retry for a bounded time
        SQLException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try (PreparedStatement drop =
                    c.prepareStatement("SELECT pg_drop_replication_slot(?)")) {
                drop.setString(1, slot);
                drop.executeQuery().close();
                return;
            } catch (SQLException e) {
                last = e;
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    private static String withDatabase(String url, String database) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? "" : url.substring(q);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + query;
    }
}
