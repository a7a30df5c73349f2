package org.ralf.schemas.db;

import org.flywaydb.core.Flyway;

/** Applies the Flyway migrations of schema {@code ralf} (classpath:db/migration). */
public final class Migrations {

    private Migrations() {}

    /**
     * Migrates the database to the newest version.
     *
     * @return the number of migrations applied by this call
     */
    public static int apply(String jdbcUrl, String user, String password) {
        return Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .schemas("ralf")
                .locations("classpath:db/migration")
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
