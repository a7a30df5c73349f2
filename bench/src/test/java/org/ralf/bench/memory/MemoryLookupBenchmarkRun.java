package org.ralf.bench.memory;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * Runs {@link MemoryLookupBenchmark} at 100,000 stored incidents on a fresh test database. Not a
 * test (no assertion, name matches neither *Test nor *IT): run it explicitly with {@code mvn -pl
 * sinks -am verify -Dit.test=MemoryLookupBenchmarkRun -Dfailsafe.failIfNoSpecifiedTests=false
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}; it prints the figures.
 */
@Tag("bench")
@ExtendWith(PostgresExtension.class)
class MemoryLookupBenchmarkRun {

    @Test
    void measure(TestDatabase db) throws Exception {
        int n = Integer.getInteger("ralf.bench.n", 100_000);
        int queries = Integer.getInteger("ralf.bench.queries", 500);
        int ef = Integer.getInteger("ralf.bench.ef", 100);
        JdbcSettings s = new JdbcSettings(db.jdbcUrl(), db.user(), db.password(), 2, 5_000);
        System.out.println("BENCH " + MemoryLookupBenchmark.run(s, n, queries, 10, ef, 42));
    }
}
