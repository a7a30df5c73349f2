package org.ralf.schemas.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Applies the Flyway migrations of schema {@value #SCHEMA} ({@code classpath:db/migration}, files
 * {@code V<n>__<name>.sql}). Idempotent: already applied migrations are skipped, so every component
 * of the stack may call it at start.
 *
 * <p>The connecting role must own (or be allowed to create) schema {@code ralf} and be allowed to
 * {@code CREATE PUBLICATION}. The {@code vector} extension should already exist (created by a
 * superuser); otherwise the role must be allowed to create it.
 */
public final class Migrations {

    /** The schema the migrations create and Flyway keeps its history table in. */
    public static final String SCHEMA = "ralf";

    /** Where the migration scripts are. */
    public static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    /**
     * Migrates the database at a JDBC URL.
     *
     * @return number of migrations applied by this call (0 when already up to date)
     * @throws FlywayException if a migration fails (it is rolled back) or the applied history does
     *     not match the scripts
     */
    public static int apply(String jdbcUrl, String user, String password) {
        return apply(configure().dataSource(jdbcUrl, user, password));
    }

    /**
     * Migrates the database of a data source.
     *
     * @return number of migrations applied by this call (0 when already up to date)
     * @throws FlywayException if a migration fails or the history does not match the scripts
     */
    public static int apply(DataSource dataSource) {
        return apply(configure().dataSource(dataSource));
    }

    private static FluentConfiguration configure() {
        return Flyway.configure(Migrations.class.getClassLoader())
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations(LOCATION)
                .cleanDisabled(true)
                .validateMigrationNaming(true);
    }

    private static int apply(FluentConfiguration configuration) {
        return configuration.load().migrate().migrationsExecuted;
    }
}
