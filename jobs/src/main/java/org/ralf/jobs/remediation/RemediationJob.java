package org.ralf.jobs.remediation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.jobs.kafka.KeyedBytes;
import org.ralf.models.incident.Experience;
import org.ralf.models.incident.IncidentMemory;
import org.ralf.pipelines.remediation.RemediationGraph;
import org.ralf.pipelines.remediation.RemediationGraphSettings;
import org.ralf.pipelines.remediation.RemediationStreams;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.notify.Notification;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.sinks.memory.PgIncidentMemory;

/**
 * The remediation job: anomalies ({@code ralf.anomalies}), the inventory, policies and maintenance
 * windows (CDC) and command results in; incidents, signed commands (exactly once), notifications,
 * decision rows, git audit commits and experience records out. The graph is {@link
 * RemediationGraph}; this class only plugs in I/O.
 *
 * <p>Entry points: {@link #fromConfig} + {@link #run()} / {@link #close()} for {@code ralf up},
 * {@link #start} for tests and benchmarks, {@link #main} for {@code flink run}.
 */
public final class RemediationJob implements AutoCloseable {

    /**
     * The job's sources and sinks.
     *
     * @param anomalies raw anomalies
     * @param cdc raw CDC envelopes
     * @param results raw command results
     * @param commands exactly-once sink of commands
     * @param incidents sink of incidents (Kafka)
     * @param notifications sink of notifications
     * @param deadLetters sink of dead letters
     * @param decisionRows decisions into PostgreSQL
     * @param incidentRows incidents into PostgreSQL
     * @param experiences experiences into the incident memory
     * @param audit decisions into the git audit repository, or null
     * @param memory opens the incident memory for lookups
     */
    public record Io(
            Source<Tuple2<byte[], byte[]>, ?, ?> anomalies,
            Source<Tuple2<byte[], byte[]>, ?, ?> cdc,
            Source<Tuple2<byte[], byte[]>, ?, ?> results,
            Sink<Tuple2<byte[], byte[]>> commands,
            Sink<Tuple2<byte[], byte[]>> incidents,
            Sink<Tuple2<byte[], byte[]>> notifications,
            Sink<Tuple2<byte[], byte[]>> deadLetters,
            Sink<Decision> decisionRows,
            Sink<Incident> incidentRows,
            Sink<Experience> experiences,
            @Nullable Sink<Decision> audit,
            IncidentMemory.Factory memory) {}

    /**
     * The graph's outputs plus undecodable input.
     *
     * @param streams the remediation outputs
     * @param deadLetters undecodable input
     */
    public record Outputs(RemediationStreams streams, DataStream<DeadLetter> deadLetters) {}

    /**
     * Retries of a failing PostgreSQL or git batch before the task fails and replays from the last
     * checkpoint (back-off 0.2, 0.4, ... 3.2 s: about 6 s, enough for a database restart).
     */
    static final int SINK_RETRIES = 5;

    private final RemediationJobSettings settings;
    private final Io io;
    private @Nullable JobClient client;

    /**
     * @param settings settings
     * @param io sources and sinks
     */
    public RemediationJob(RemediationJobSettings settings, Io io) {
        this.settings = settings;
        this.io = io;
    }

    /** The job with production I/O (Kafka, PostgreSQL, git) from configuration. */
    public static RemediationJob fromConfig(RalfConfig config) {
        RemediationJobSettings s = RemediationJobSettings.fromConfig(config);
        return new RemediationJob(s, production(s));
    }

    /** Production I/O for the settings. */
    public static Io production(RemediationJobSettings s) {
        String b = s.bootstrapServers();
        RemediationTopics t = s.topics();
        String tx = s.transactionalIdPrefix();
        return new Io(
                KafkaIo.rawSource(b, t.anomalies(), s.groupId(), false),
                RawRecords.source(b, t.cdc(), s.groupId() + "-cdc"),
                KafkaIo.rawSource(b, t.results(), s.groupId() + "-results", false),
                KafkaIo.exactlyOnceRawSink(b, t.commands(), tx + "-commands"),
                KafkaIo.exactlyOnceRawSink(b, t.incidents(), tx + "-incidents"),
                KafkaIo.exactlyOnceRawSink(b, t.notifications(), tx + "-notifications"),
                KafkaIo.exactlyOnceRawSink(b, t.deadLetters(), tx + "-deadletter"),
                new BatchingSink<>(Handlers.decisions(s.database()), s.sinkBatch(), SINK_RETRIES),
                new BatchingSink<>(Handlers.incidents(s.database()), s.sinkBatch(), SINK_RETRIES),
                new BatchingSink<>(Handlers.experiences(s.database()), s.sinkBatch(), SINK_RETRIES),
                s.audit() == null
                        ? null
                        : new BatchingSink<>(
                                Handlers.audit(s.audit()), s.sinkBatch(), SINK_RETRIES),
                PgIncidentMemory.factory(s.database(), s.efSearch()));
    }

    /**
     * The graph from raw streams: decoding (bad input to dead letters), then {@link
     * RemediationGraph}.
     */
    public static Outputs build(
            DataStream<Tuple2<byte[], byte[]>> anomalies,
            DataStream<Tuple2<byte[], byte[]>> cdc,
            DataStream<Tuple2<byte[], byte[]>> results,
            RemediationTopics topics,
            RemediationGraphSettings params,
            IncidentMemory.Factory memory) {
        SingleOutputStreamOperator<Anomaly> a =
                decode(anomalies, Anomaly.class, topics.anomalies(), false, "anomalies");
        SingleOutputStreamOperator<CdcEnvelope> c =
                decode(cdc, CdcEnvelope.class, "ralf.cdc", true, "cdc");
        SingleOutputStreamOperator<CommandResult> r =
                decode(results, CommandResult.class, topics.results(), false, "results");
        DataStream<DeadLetter> dead =
                a.getSideOutput(Decode.DEAD_LETTERS)
                        .union(
                                c.getSideOutput(Decode.DEAD_LETTERS),
                                r.getSideOutput(Decode.DEAD_LETTERS));
        return new Outputs(RemediationGraph.build(a, c, r, params, memory), dead);
    }

    private static <T extends Versioned> SingleOutputStreamOperator<T> decode(
            DataStream<Tuple2<byte[], byte[]>> in,
            Class<T> type,
            String topic,
            boolean skipTombstones,
            String name) {
        return in.process(
                        new Decode<>(EventSerde.of(type), topic, skipTombstones),
                        org.ralf.pipelines.types.JsonTypeInfo.of(type))
                .name("decode-" + name)
                .uid("remediation-decode-" + name);
    }

    /**
     * Adds the job to the environment and starts it asynchronously; turns checkpointing on at the
     * configured interval unless the environment has it on already (without checkpoints the
     * exactly-once sinks would never commit a command).
     */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(settings.checkpointIntervalMs());
        }
        DataStream<Tuple2<byte[], byte[]>> anomalies =
                env.fromSource(
                                io.anomalies(),
                                WatermarkStrategy.noWatermarks(),
                                "anomalies",
                                KeyedBytes.TYPE)
                        .uid("remediation-source-anomalies");
        DataStream<Tuple2<byte[], byte[]>> cdc =
                env.fromSource(io.cdc(), WatermarkStrategy.noWatermarks(), "cdc", KeyedBytes.TYPE)
                        .uid("remediation-source-cdc");
        DataStream<Tuple2<byte[], byte[]>> results =
                env.fromSource(
                                io.results(),
                                WatermarkStrategy.noWatermarks(),
                                "command-results",
                                KeyedBytes.TYPE)
                        .uid("remediation-source-results");
        Outputs out =
                build(anomalies, cdc, results, settings.topics(), settings.params(), io.memory());
        RemediationStreams s = out.streams();
        encode(s.commands(), ActionCommand.class, ActionCommand::target, "commands")
                .sinkTo(io.commands())
                .name("commands-sink")
                .uid("remediation-sink-commands");
        encode(s.incidents(), Incident.class, Incident::incidentId, "incidents")
                .sinkTo(io.incidents())
                .name("incidents-sink")
                .uid("remediation-sink-incidents");
        encode(s.notifications(), Notification.class, Notification::key, "notifications")
                .sinkTo(io.notifications())
                .name("notifications-sink")
                .uid("remediation-sink-notifications");
        encode(out.deadLetters(), DeadLetter.class, DeadLetter::source, "dead-letters")
                .sinkTo(io.deadLetters())
                .name("dead-letter-sink")
                .uid("remediation-sink-deadletter");
        s.decisions()
                .sinkTo(io.decisionRows())
                .name("decisions-table")
                .uid("remediation-sink-decisions");
        s.incidents()
                .sinkTo(io.incidentRows())
                .name("incidents-table")
                .uid("remediation-sink-incident-rows");
        s.experiences()
                .sinkTo(io.experiences())
                .name("incident-memory")
                .uid("remediation-sink-experiences");
        if (io.audit() != null) {
            // one writer per repository: a git work tree does not take concurrent commits
            s.decisions()
                    .sinkTo(io.audit())
                    .name("git-audit")
                    .uid("remediation-sink-audit")
                    .setParallelism(1);
        }
        client = env.executeAsync("ralf-remediation");
        return client;
    }

    /** Runs on the environment of the current context with the configured checkpointing; blocks. */
    public void run() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        start(env).getJobExecutionResult().get();
    }

    /**
     * Cancels the job if it was started and waits for the cancellation.
     *
     * @throws ExecutionException if the cluster refuses to cancel it
     */
    @Override
    public void close() throws ExecutionException {
        JobClient running = client;
        client = null;
        if (running == null) {
            return;
        }
        try {
            running.cancel().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T extends Versioned> DataStream<Tuple2<byte[], byte[]>> encode(
            DataStream<T> in, Class<T> type, KeyFunction<T> key, String name) {
        EventSerde<T> serde = EventSerde.of(type);
        return in.map(
                        (MapFunction<T, Tuple2<byte[], byte[]>>)
                                v ->
                                        Tuple2.of(
                                                key.key(v).getBytes(StandardCharsets.UTF_8),
                                                serde.serialize(v)))
                .returns(KeyedBytes.TYPE)
                .name("encode-" + name)
                .uid("remediation-encode-" + name);
    }

    /** The Kafka key of a record. */
    @FunctionalInterface
    private interface KeyFunction<T> extends java.io.Serializable {
        String key(T value);
    }

    /**
     * {@code flink run ... RemediationJob [ralf.yaml]}: production I/O from the configuration file
     * (default {@code ralf.yaml} in the working directory) and {@code RALF_*} variables.
     */
    public static void main(String[] args) throws Exception {
        Path config = Path.of(args.length > 0 ? args[0] : "ralf.yaml");
        RemediationJob job = fromConfig(RalfConfig.load(config));
        Thread stop =
                new Thread(
                        () -> {
                            try {
                                job.close();
                            } catch (ExecutionException e) {
                                System.err.println("cancelling the job failed: " + e.getMessage());
                            }
                        },
                        "ralf-remediation-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        job.run();
    }
}
