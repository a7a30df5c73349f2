package org.ralf.sinks.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Connection pools that start even when the database is down (calls fail fast instead). */
public final class Pools {

    private Pools() {}

    /** A pool with a 30 s socket timeout (no statement of the job should take longer). */
    public static HikariDataSource open(JdbcSettings s, String name) {
        return open(s, name, 30);
    }

    /**
     * A pool; it does not connect until first use and never blocks start-up.
     *
     * @param socketTimeoutSeconds read timeout of a statement, 0 for none (bulk maintenance)
     */
    public static HikariDataSource open(JdbcSettings s, String name, int socketTimeoutSeconds) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(s.jdbcUrl());
        c.setUsername(s.user());
        c.setPassword(s.password());
        c.setMaximumPoolSize(s.poolSize());
        c.setMinimumIdle(0);
        c.setPoolName(name);
        c.setConnectionTimeout(Math.max(250, s.connectTimeoutMs()));
        c.setValidationTimeout(Math.max(250, Math.min(s.connectTimeoutMs(), 5000)));
        c.setInitializationFailTimeout(-1);
        c.addDataSourceProperty(
                "connectTimeout", String.valueOf(Math.max(1, s.connectTimeoutMs() / 1000)));
        c.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutSeconds));
        return new HikariDataSource(c);
    }
}
