package org.ralf.bench.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.connectors.cdc.CdcConnectorIT;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/** Runs {@link CdcBench} on the test fixtures and prints the figures (no timing asserts). */
@Tag("slow")
@ExtendWith({PostgresExtension.class, KafkaBrokerExtension.class})
class CdcBenchIT {

    @Test
    void shouldDeliverEveryBenchRowAndPrintTheFigures(TestDatabase db, KafkaBroker broker)
            throws Exception {
        // Arrange
        CdcConnectorIT.createRegistryTopics(broker);
        int rows = Integer.getInteger("ralf.bench.cdc.rows", 5000);
        CdcBench.Settings settings =
                new CdcBench.Settings(
                        db.jdbcUrl(),
                        db.user(),
                        db.password(),
                        CdcConnectorIT.settings(db, broker, KafkaBroker.uniqueTopic("cdc-bench")),
                        rows,
                        Integer.getInteger("ralf.bench.cdc.rows-per-tx", 10),
                        Integer.getInteger("ralf.bench.cdc.rate", 0));

        // Act
        CdcBench.Result result = CdcBench.run(settings);

        // Assert
        System.out.println(
                result.describe() + " (rate " + settings.rowsPerSecond() + " rows/s, 0 = max)");
        assertThat(result.changes()).isEqualTo(rows);
    }
}
