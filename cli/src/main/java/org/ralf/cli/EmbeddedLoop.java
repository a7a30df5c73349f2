package org.ralf.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ralf.jobs.detect.DetectJob;
import org.ralf.jobs.detect.DetectSettings;
import org.ralf.jobs.logpatterns.LogPatternsJob;
import org.ralf.jobs.logpatterns.LogPatternsSettings;
import org.ralf.jobs.remediation.RemediationJob;
import org.ralf.schemas.config.RalfConfig;

/**
 * The three analytics jobs (detect, logpatterns, remediation) on one embedded Flink MiniCluster, as
 * {@code ralf up} and {@code ralf demo} run them. Each job is submitted through a remote
 * environment to the cluster's REST endpoint, exactly as {@code flink run} would submit the jar's
 * main classes to a real cluster.
 */
final class EmbeddedLoop implements AutoCloseable {

    private final MiniCluster cluster;
    private final URI rest;
    private final List<JobClient> jobs = new ArrayList<>();

    private EmbeddedLoop(MiniCluster cluster, URI rest) {
        this.cluster = cluster;
        this.rest = rest;
    }

    /** Starts a MiniCluster with one task manager of {@code slots} slots. */
    static EmbeddedLoop start(int slots) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("rest.bind-address", "127.0.0.1");
        conf.setString("rest.address", "127.0.0.1");
        conf.setString("rest.port", "0");
        conf.setString("taskmanager.memory.network.min", "128mb");
        conf.setString("taskmanager.memory.network.max", "128mb");
        conf.setString(
                "execution.checkpointing.dir",
                RalfCli.home().resolve("checkpoints").toUri().toString());
        MiniCluster cluster =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(slots)
                                .build());
        cluster.start();
        try {
            return new EmbeddedLoop(cluster, cluster.getRestAddress().get());
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** Submits the detect, logpatterns and remediation jobs configured by {@code config}. */
    void startJobs(RalfConfig config) throws Exception {
        StackConnection c = StackConnection.load();
        jobs.add(
                DetectJob.production(
                                DetectSettings.fromConfig(
                                        config,
                                        c.kafkaBootstrap(),
                                        c.pgUrl(),
                                        c.pgUser(),
                                        c.pgPassword()),
                                false)
                        .start(environment()));
        jobs.add(
                LogPatternsJob.production(LogPatternsSettings.fromConfig(config), false)
                        .start(environment()));
        jobs.add(RemediationJob.fromConfig(config).start(environment()));
    }

    /**
     * Waits until every task of every submitted job runs (sources assigned and reading), so that
     * data produced from now on is read live rather than as a backlog; false when the bound passed.
     */
    boolean awaitRunning(java.time.Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        for (JobClient j : jobs) {
            while (true) {
                var graph = cluster.getExecutionGraph(j.getJobID()).get(30, TimeUnit.SECONDS);
                boolean all = true;
                for (var v : graph.getAllExecutionVertices()) {
                    all &= v.getExecutionState() == ExecutionState.RUNNING;
                }
                if (all) {
                    break;
                }
                if (graph.getState().isGloballyTerminalState()) {
                    throw new IllegalStateException(
                            "job " + graph.getJobName() + " ended: " + graph.getState());
                }
                if (System.nanoTime() > deadline) {
                    return false;
                }
                Thread.sleep(200); // bounded by the deadline above
            }
        }
        return true;
    }

    /** Consumer groups of the jobs' Kafka sources (the demo moves them to the topics' end). */
    static List<String> consumerGroups(RalfConfig config) {
        StackConnection c = StackConnection.load();
        String detect =
                DetectSettings.fromConfig(
                                config, c.kafkaBootstrap(), c.pgUrl(), c.pgUser(), c.pgPassword())
                        .groupId();
        String logs = LogPatternsSettings.fromConfig(config).groupId();
        String remediation =
                org.ralf.jobs.remediation.RemediationJobSettings.fromConfig(config).groupId();
        return List.of(detect, logs, remediation, remediation + "-results");
    }

    /** Number of jobs submitted. */
    int jobCount() {
        return jobs.size();
    }

    /** The cluster's REST address (web UI). */
    URI rest() {
        return rest;
    }

    private StreamExecutionEnvironment environment() {
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createRemoteEnvironment(rest.getHost(), rest.getPort());
        env.setParallelism(1);
        return env;
    }

    /** Cancels the jobs (bounded wait each), then stops the cluster. */
    @Override
    public void close() throws Exception {
        for (int i = jobs.size() - 1; i >= 0; i--) {
            try {
                jobs.get(i).cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("ralf: cancelling a job failed: " + e.getMessage());
            }
        }
        jobs.clear();
        cluster.closeAsync().get(60, TimeUnit.SECONDS);
    }
}
