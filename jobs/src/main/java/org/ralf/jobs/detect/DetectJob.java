package org.ralf.jobs.detect;

import java.nio.file.Path;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.ralf.jobs.kafka.EventTimes;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.jobs.kafka.RecordSerializer;
import org.ralf.jobs.kafka.SourceRecord;
import org.ralf.pipelines.cep.PatternLibrary;
import org.ralf.pipelines.detect.MetricIngest;
import org.ralf.pipelines.detect.SeriesDetectorFunction;
import org.ralf.pipelines.detect.SeriesSample;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.ToEntityEvents;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;

/**
 * The detect job: metrics, logs, discovery and CDC changes from Kafka → per-series detectors and
 * the CEP pattern library → anomalies to {@code ralf.anomalies} (exactly once) and to the {@code
 * ralf.anomalies} table (idempotent upsert); every record that fails to decode or is refused by
 * rule goes to {@code ralf.deadletter}.
 *
 * <p>The job receives its source and sinks (tests and benchmarks plug in others); {@link #build} is
 * the pure graph; {@link #main} runs it on a cluster: {@code flink run -c
 * org.ralf.jobs.detect.DetectJob ralf-jobs-<version>-job.jar <connection.properties> [ralf.yaml]}.
 */
public final class DetectJob {

    private final Source<SourceRecord, ?, ?> source;
    private final Sink<Anomaly> anomalies;
    private final Sink<Anomaly> anomalyTable;
    private final Sink<DeadLetter> deadLetters;
    private final DetectSettings settings;

    /**
     * @param source records of every input topic
     * @param anomalies the anomalies topic sink
     * @param anomalyTable the anomalies table sink
     * @param deadLetters the dead-letter topic sink
     * @param settings options and topic routes
     */
    public DetectJob(
            Source<SourceRecord, ?, ?> source,
            Sink<Anomaly> anomalies,
            Sink<Anomaly> anomalyTable,
            Sink<DeadLetter> deadLetters,
            DetectSettings settings) {
        this.source = source;
        this.anomalies = anomalies;
        this.anomalyTable = anomalyTable;
        this.deadLetters = deadLetters;
        this.settings = settings;
    }

    /**
     * The production source: every input topic, metric samples decoded as they are read ({@link
     * MetricSourceDecoder}).
     */
    public static KafkaSource<SourceRecord> source(DetectSettings s, boolean bounded) {
        return KafkaIo.recordSource(
                s.bootstrapServers(),
                s.inputTopics(),
                s.groupId(),
                bounded,
                new MetricSourceDecoder(s.routes().metrics(), new MetricDecoder()));
    }

    /** The production job: Kafka source and sinks, JDBC upsert sink, from the settings. */
    public static DetectJob production(DetectSettings s, boolean bounded) {
        return new DetectJob(
                source(s, bounded),
                KafkaIo.exactlyOnceSink(
                        s.bootstrapServers(),
                        s.transactionalIdPrefix() + "-anomalies",
                        new RecordSerializer<>(s.anomaliesTopic(), Anomaly.class, Anomaly::entity)),
                new AnomalyTableSink(
                        s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.tableBatchSize()),
                KafkaIo.exactlyOnceSink(
                        s.bootstrapServers(),
                        s.transactionalIdPrefix() + "-deadletters",
                        new RecordSerializer<>(
                                s.deadLetterTopic(), DeadLetter.class, DeadLetter::source)),
                s);
    }

    /**
     * The job's outputs.
     *
     * @param anomalies detector and pattern anomalies
     * @param deadLetters refused input
     */
    public record Outputs(DataStream<Anomaly> anomalies, DataStream<DeadLetter> deadLetters) {}

    /** The graph, a pure function of the input records and the settings. */
    public static Outputs build(DataStream<SourceRecord> input, DetectSettings s) {
        JsonTypeInfo<Anomaly> anomalyType = JsonTypeInfo.of(Anomaly.class);
        // Event time and watermarks come from the source, one watermark per Kafka partition
        // (EventTimes): every record below carries its event time as its Flink timestamp.
        SingleOutputStreamOperator<MetricSample> metrics =
                input.process(new DecodeRouter(s.routes()))
                        .returns(JsonTypeInfo.of(MetricSample.class))
                        .name("decode")
                        .uid("decode");
        SingleOutputStreamOperator<SeriesSample> samples =
                metrics.process(new MetricIngest(s.entities(), s.detect()))
                        .returns(TypeInformation.of(SeriesSample.class))
                        .name("metric-ingest")
                        .uid("metric-ingest");

        // Per-series detectors, in event time.
        SingleOutputStreamOperator<Anomaly> detected =
                samples.keyBy(e -> e.seriesId)
                        .process(new SeriesDetectorFunction(s.detect()))
                        .returns(anomalyType)
                        .name(SeriesDetectorFunction.DETECTOR)
                        .uid(SeriesDetectorFunction.DETECTOR);

        // The unified per-entity stream and the pattern library over it.
        TypeInformation<EntityEvent> entityType = TypeInformation.of(EntityEvent.class);
        DataStream<EntityEvent> entities =
                samples.getSideOutput(MetricIngest.ENTITY_EVENTS)
                        .union(
                                metrics.getSideOutput(DecodeRouter.LOGS)
                                        .process(ToEntityEvents.logs(s.entities()))
                                        .returns(entityType)
                                        .name("log-entities"),
                                metrics.getSideOutput(DecodeRouter.DISCOVERY)
                                        .process(ToEntityEvents.discovery(s.entities()))
                                        .returns(entityType)
                                        .name("discovery-entities"),
                                metrics.getSideOutput(DecodeRouter.CDC)
                                        .process(ToEntityEvents.cdc(s.entities()))
                                        .returns(entityType)
                                        .name("cdc-entities"));
        DataStream<Anomaly> patterns = PatternLibrary.apply(entities, s.patterns());

        DataStream<DeadLetter> late =
                detected.getSideOutput(SeriesDetectorFunction.LATE)
                        .map(DetectJob::lateLetter)
                        .returns(JsonTypeInfo.of(DeadLetter.class))
                        .name("late-samples");
        DataStream<DeadLetter> dead =
                metrics.getSideOutput(DecodeRouter.DEAD_LETTERS)
                        .union(samples.getSideOutput(MetricIngest.DEAD_LETTERS), late);
        return new Outputs(detected.union(patterns), dead);
    }

    /**
     * A late sample as a dead letter: it is kept (not dropped silently) but not scored, since the
     * detectors have moved past its time.
     */
    static DeadLetter lateLetter(SeriesSample s) {
        java.time.Instant at = java.time.Instant.ofEpochMilli(s.timestamp);
        String json =
                "{\"seriesId\":"
                        + org.ralf.schemas.serde.Json.mapper().valueToTree(s.seriesId)
                        + ",\"value\":"
                        + s.value
                        + ",\"timestamp\":\""
                        + at
                        + "\"}";
        return new DeadLetter(
                DeadLetter.SCHEMA_VERSION,
                "ralf.metrics",
                null,
                null,
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                DeadLetterCause.INVALID_VALUE,
                "late sample: event time " + at + " is behind the watermark",
                MetricSample.class.getSimpleName(),
                java.time.Instant.now());
    }

    /**
     * Adds the job to the environment (checkpointing on, object reuse on) and starts it
     * asynchronously.
     */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        // Safe: no function of the graph keeps a reference to an input record after returning,
        // and it saves a serializer copy per record between chained operators.
        env.getConfig().enableObjectReuse();
        env.setBufferTimeout(settings.bufferTimeout().toMillis());
        if (env.getConfiguration()
                .getOptional(CheckpointingOptions.CHECKPOINTS_DIRECTORY)
                .isEmpty()) {
            // The JobManager-memory default refuses a subtask's state beyond 5 MiB (about 2,500
            // series), which would fail every checkpoint of a real homelab.
            Configuration storage = new Configuration();
            storage.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.checkpointDir());
            env.configure(storage);
        }
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(settings.checkpointInterval().toMillis());
        }
        DataStream<SourceRecord> in =
                env.fromSource(
                                source,
                                EventTimes.perPartition(
                                        settings.detect().outOfOrderness(),
                                        settings.detect().idleness(),
                                        settings.detect().maxFuture()),
                                "kafka-input",
                                TypeInformation.of(SourceRecord.class))
                        .uid("kafka-input");
        Outputs out = build(in, settings);
        out.anomalies().sinkTo(anomalies).name("anomalies-topic").uid("anomalies-topic");
        out.anomalies().sinkTo(anomalyTable).name("anomalies-table").uid("anomalies-table");
        out.deadLetters().sinkTo(deadLetters).name("dead-letters").uid("dead-letters");
        return env.executeAsync("ralf-detect");
    }

    /**
     * Runs on a Flink cluster: {@code DetectJob <connection.properties> [ralf.yaml]}; the
     * connection file is the one {@code ralf stack up} writes.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DetectJob <connection.properties> [ralf.yaml]");
            System.exit(2);
        }
        RalfConfig config = RalfConfig.load(args.length == 2 ? Path.of(args[1]) : null);
        DetectSettings settings = DetectSettings.fromConnectionFile(config, Path.of(args[0]));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        production(settings, false).start(env).getJobExecutionResult().get();
    }
}
