package org.ralf.testing.flink;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/**
 * The one MiniCluster shape every Flink integration test uses: 1 TaskManager with 2 slots, no
 * restarts (a failing checkpointed job would otherwise restart forever and hang the test) and no
 * Kryo fallback for generic types (so a missing {@code TypeInformation} fails the test).
 */
public final class FlinkTestCluster {

    private FlinkTestCluster() {}

    /** Configuration applied to the cluster and to jobs submitted in tests. */
    public static Configuration configuration() {
        Configuration conf = new Configuration();
        conf.setString("restart-strategy.type", "none");
        conf.setString("pipeline.generic-types", "false");
        conf.setString("taskmanager.memory.network.min", "64mb");
        conf.setString("taskmanager.memory.network.max", "64mb");
        return conf;
    }

    /**
     * A new extension; register it as a {@code static final} field with {@code @RegisterExtension}.
     */
    public static MiniClusterExtension extension() {
        return new MiniClusterExtension(
                new MiniClusterResourceConfiguration.Builder()
                        .setNumberTaskManagers(1)
                        .setNumberSlotsPerTaskManager(2)
                        .setConfiguration(configuration())
                        .build());
    }
}
