package org.ralf.bench.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.executor.TestCommands;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.Secret;
import org.ralf.schemas.command.CommandState;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * Runs the benchmark end to end on the test broker and database and prints its figures (sizes from
 * {@code -Dralf.bench.executor.noop} / {@code .process}). Asserts completeness only, never timings.
 */
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class ExecutorBenchIT {

    @TempDir Path tmp;

    @Test
    void shouldCompleteEveryBenchmarkCommand(KafkaBroker broker, TestDatabase db) throws Exception {
        int noop = Integer.getInteger("ralf.bench.executor.noop", 200);
        int process = Integer.getInteger("ralf.bench.executor.process", 20);
        ExecutorSettings cfg =
                TestCommands.config(tmp.resolve("work"), tmp, tmp, "tofu", null, null)
                        .withKafka(broker.bootstrapServers())
                        .withJdbc(db.jdbcUrl(), db.user(), Secret.of(db.password()));

        ExecutorBench.Report r = ExecutorBench.run(cfg, noop, process, System.out);

        assertThat(r.states()).containsOnlyKeys(CommandState.SUCCEEDED);
        assertThat(r.states().get(CommandState.SUCCEEDED)).isEqualTo(1L + noop + process);
        assertThat(r.processCommands()).isEqualTo(process);
        try (var c = db.connect();
                var s = c.createStatement();
                var rs =
                        s.executeQuery(
                                "SELECT count(*) FROM ralf.command_ledger WHERE idempotency_key LIKE 'bench-%'")) {
            rs.next();
            assertThat(rs.getLong(1)).as("the benchmark removes its ledger rows").isZero();
        }
    }
}
