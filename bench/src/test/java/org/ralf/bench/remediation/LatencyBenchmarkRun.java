package org.ralf.bench.remediation;

import java.nio.file.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.jobs.remediation.RemediationJobSettings;
import org.ralf.jobs.remediation.RemediationTestbed;
import org.ralf.testing.flink.FlinkTestCluster;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * Runs {@link LatencyBenchmark} on the test broker, database and MiniCluster. Not a test (no
 * assertion; the name matches neither *Test nor *IT): run it with {@code mvn -pl jobs -am verify
 * -Dit.test=LatencyBenchmarkRun -Dfailsafe.failIfNoSpecifiedTests=false -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false}; it prints the figures.
 */
@Tag("bench")
@ExtendWith({KafkaBrokerExtension.class, PostgresExtension.class})
class LatencyBenchmarkRun {

    @RegisterExtension static final MiniClusterExtension FLINK = FlinkTestCluster.extension();

    @Test
    void measure(KafkaBroker broker, TestDatabase db, @TempDir Path audit) throws Exception {
        long checkpoint = Long.getLong("ralf.bench.checkpoint", 1_000);
        int incidents = Integer.getInteger("ralf.bench.incidents", 500);
        int rate = Integer.getInteger("ralf.bench.rate", 20);
        RemediationTestbed bed = new RemediationTestbed(broker, db, audit, 600_000, 100_000);
        RemediationJobSettings s =
                new RemediationJobSettings(
                        bed.settings.bootstrapServers(),
                        bed.settings.topics(),
                        bed.settings.groupId(),
                        bed.settings.transactionalIdPrefix(),
                        checkpoint,
                        bed.settings.params(),
                        bed.settings.database(),
                        bed.settings.efSearch(),
                        100,
                        bed.settings.audit());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FlinkTestCluster.configuration());
        env.setParallelism(1);
        System.out.println("BENCH " + LatencyBenchmark.run(s, env, incidents, rate));
    }
}
