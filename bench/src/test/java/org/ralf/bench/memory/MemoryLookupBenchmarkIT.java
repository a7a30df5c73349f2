package org.ralf.bench.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/** The memory lookup benchmark on a small synthetic memory (moved from the sinks ITs). */
@ExtendWith(PostgresExtension.class)
class MemoryLookupBenchmarkIT {

    private static JdbcSettings settings(TestDatabase db) {
        return new JdbcSettings(db.jdbcUrl(), db.user(), db.password(), 2, 2_000);
    }

    @Test
    void shouldFindTheExactNeighboursOfASmallSyntheticMemory(TestDatabase db) throws Exception {
        // Arrange: an empty memory
        try (var c = db.connect();
                var st = c.createStatement()) {
            st.execute("DELETE FROM ralf.experiences");
        }

        // Act: 2,000 rows, recall against brute force (the 100k figure is a benchmark, not a test)
        MemoryLookupBenchmark.Result r =
                MemoryLookupBenchmark.run(settings(db), 2_000, 50, 10, 100, 7);

        // Assert
        assertThat(r.recall()).isGreaterThan(0.9);
    }
}
