package org.ralf.jobs.logpatterns;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.async.AsyncFunction;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.jobs.kafka.KeyedBytes;
import org.ralf.pipelines.logs.LogLine;
import org.ralf.pipelines.logs.LogPatternStreamSettings;
import org.ralf.pipelines.logs.TemplateCount;
import org.ralf.pipelines.logs.TemplateMinerFunction;
import org.ralf.pipelines.logs.TemplateMinerOperator;
import org.ralf.pipelines.logs.TemplateRateFunction;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.TemplatedLog;
import org.ralf.schemas.serde.EventSerde;

/**
 * The logpatterns job: {@code ralf.logs} → template id for every line (one miner per host/service)
 * → every line with its template id to {@code ralf.logs.templated} ({@link TemplatedLog}, key
 * host), template records to the compacted catalogue {@code ralf.log-templates} and to pgvector
 * ({@code ralf.log_templates}); per-template window counts through the rate detectors (spikes,
 * disappearance of regular messages) and {@code NEW_TEMPLATE} anomalies for never-seen error-like
 * templates (with the nearest known template from pgvector) → {@code ralf.anomalies}; undecodable
 * input → {@code ralf.deadletter}. Checkpointed: the miners are in keyed state; Kafka outputs are
 * exactly once (transactions committed at checkpoints), pgvector upserts at least once
 * (idempotent).
 *
 * <p>Shape per STYLE.md: sources and sinks come through the constructor, the graph is the static
 * {@link #build}, {@link #main} only wires production I/O from {@code ralf.yaml}.
 */
public final class LogPatternsJob implements AutoCloseable {

    private final LogPatternsSettings settings;
    private final Source<RawLog, ?, ?> source;
    private final Sink<Tuple2<byte[], byte[]>> templatesSink;
    private final Sink<Tuple2<byte[], byte[]>> linesSink;
    private final Sink<Tuple2<byte[], byte[]>> anomaliesSink;
    private final Sink<Tuple2<byte[], byte[]>> deadLetterSink;
    private final Sink<LogTemplate> storeSink;
    @Nullable private final AsyncFunction<Anomaly, Anomaly> variants;
    @Nullable private volatile JobClient client;

    /** The streams the graph produces. */
    public record Outputs(
            DataStream<TemplatedLog> lines,
            DataStream<LogTemplate> templates,
            DataStream<Anomaly> anomalies,
            DataStream<DeadLetter> deadLetters) {}

    /**
     * @param settings job settings
     * @param source raw {@code ralf.logs} records
     * @param templatesSink {@code (templateId, LogTemplate JSON)}
     * @param linesSink {@code (host, TemplatedLog JSON)}
     * @param anomaliesSink {@code (entity, Anomaly JSON)}
     * @param deadLetterSink {@code (source, DeadLetter JSON)}
     * @param storeSink template rows (pgvector)
     * @param variants nearest-template lookup for new templates, null to skip it
     */
    public LogPatternsJob(
            LogPatternsSettings settings,
            Source<RawLog, ?, ?> source,
            Sink<Tuple2<byte[], byte[]>> templatesSink,
            Sink<Tuple2<byte[], byte[]>> linesSink,
            Sink<Tuple2<byte[], byte[]>> anomaliesSink,
            Sink<Tuple2<byte[], byte[]>> deadLetterSink,
            Sink<LogTemplate> storeSink,
            @Nullable AsyncFunction<Anomaly, Anomaly> variants) {
        this.settings = settings;
        this.source = source;
        this.templatesSink = templatesSink;
        this.linesSink = linesSink;
        this.anomaliesSink = anomaliesSink;
        this.deadLetterSink = deadLetterSink;
        this.storeSink = storeSink;
        this.variants = variants;
    }

    /** The job on Kafka and PostgreSQL as the settings say; {@code bounded} reads up to the end. */
    public static LogPatternsJob production(LogPatternsSettings s, boolean bounded) {
        var builder =
                KafkaSource.<RawLog>builder()
                        .setBootstrapServers(s.bootstrapServers())
                        .setTopics(s.logsTopic())
                        .setGroupId(s.groupId())
                        .setStartingOffsets(KafkaIo.committedOrEarliest())
                        .setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                        .setDeserializer(new RawLogDeserializer());
        if (bounded) {
            builder.setBounded(OffsetsInitializer.latest());
        }
        String tx = s.transactionalIdPrefix();
        return new LogPatternsJob(
                s,
                builder.build(),
                KafkaOut.exactlyOnce(s.bootstrapServers(), s.templatesTopic(), tx + "-t"),
                KafkaOut.exactlyOnce(s.bootstrapServers(), s.templatedTopic(), tx + "-l"),
                KafkaOut.exactlyOnce(s.bootstrapServers(), s.anomaliesTopic(), tx + "-a"),
                KafkaOut.exactlyOnce(s.bootstrapServers(), s.deadLetterTopic(), tx + "-d"),
                new TemplateStoreSink(
                        s.jdbcUrl(), s.jdbcUser(), s.jdbcPassword(), s.storeBatchSize()),
                new VariantLookup(
                        s.jdbcUrl(),
                        s.jdbcUser(),
                        s.jdbcPassword(),
                        s.variantK(),
                        s.variantMinSimilarity(),
                        2));
    }

    /** The same job with another pgvector sink (tests: a sink that fails once). */
    LogPatternsJob withStoreSink(Sink<LogTemplate> sink) {
        return new LogPatternsJob(
                settings,
                source,
                templatesSink,
                linesSink,
                anomaliesSink,
                deadLetterSink,
                sink,
                variants);
    }

    /**
     * The graph, a function of the raw input (with timestamps and watermarks: {@link #watermarks}):
     * dead letters, the keyed miner, the keyed rate detection, the nearest-template lookup.
     */
    public static Outputs build(
            DataStream<RawLog> raw,
            LogPatternsSettings s,
            @Nullable AsyncFunction<Anomaly, Anomaly> variants) {
        LogPatternStreamSettings options = s.options();
        SingleOutputStreamOperator<LogLine> lines =
                raw.process(new DecodeLogs(), TypeInformation.of(LogLine.class)).name("decode");
        DataStream<DeadLetter> deadLetters = lines.getSideOutput(DecodeLogs.DEAD_LETTERS);
        SingleOutputStreamOperator<LogTemplate> templates =
                lines.keyBy(l -> l.source, Types.STRING)
                        .transform(
                                "template-miner",
                                JsonTypeInfo.of(LogTemplate.class),
                                new TemplateMinerOperator(options))
                        .uid("template-miner");
        DataStream<TemplateCount> counts = templates.getSideOutput(TemplateMinerFunction.COUNTS);
        DataStream<TemplatedLog> templated = templates.getSideOutput(TemplateMinerFunction.LINES);
        DataStream<Anomaly> newTemplates =
                templates.getSideOutput(TemplateMinerFunction.NEW_TEMPLATES);
        if (variants != null) {
            newTemplates =
                    AsyncDataStream.unorderedWait(
                                    newTemplates,
                                    variants,
                                    s.lookupTimeout().toMillis(),
                                    TimeUnit.MILLISECONDS,
                                    100)
                            .returns(JsonTypeInfo.of(Anomaly.class))
                            .name("nearest-template");
        }
        DataStream<Anomaly> rates =
                counts.keyBy(TemplateCount::seriesKey, Types.STRING)
                        .process(new TemplateRateFunction(options), JsonTypeInfo.of(Anomaly.class))
                        .uid("template-rates")
                        .name("template-rates");
        return new Outputs(templated, templates, newTemplates.union(rates), deadLetters);
    }

    /**
     * Event time of the lines, bounded out-of-orderness and idleness. Applied in the source, so
     * that each Kafka partition has its own watermark: a partition read ahead of another does not
     * make the other's lines late. Undecodable records get no event time (they must not move the
     * watermark: their Kafka timestamp is the receive time, not the log's time).
     */
    public static WatermarkStrategy<RawLog> watermarks(LogPatternsSettings s) {
        return WatermarkStrategy.<RawLog>forBoundedOutOfOrderness(s.outOfOrderness())
                .withTimestampAssigner(
                        (r, ts) -> r.line != null ? r.line.timestamp : Long.MIN_VALUE)
                .withIdleness(s.idleness());
    }

    /** Adds the job to the environment and starts it asynchronously. */
    public JobClient start(StreamExecutionEnvironment env) throws Exception {
        env.enableCheckpointing(settings.checkpointInterval().toMillis());
        DataStream<RawLog> raw =
                env.fromSource(
                                source,
                                watermarks(settings),
                                "ralf.logs",
                                TypeInformation.of(RawLog.class))
                        .uid("logs-source");
        Outputs out = build(raw, settings, variants);
        out.templates()
                .map(new ToBytes<>(LogTemplate.class, Kind.TEMPLATE), KeyedBytes.TYPE)
                .sinkTo(templatesSink)
                .name("log-templates");
        out.templates().sinkTo(storeSink).name("pgvector");
        out.lines()
                .map(new ToBytes<>(TemplatedLog.class, Kind.LINE), KeyedBytes.TYPE)
                .sinkTo(linesSink)
                .uid("logs-templated-sink")
                .name("logs-templated");
        out.anomalies()
                .map(new ToBytes<>(Anomaly.class, Kind.ANOMALY), KeyedBytes.TYPE)
                .sinkTo(anomaliesSink)
                .name("anomalies");
        out.deadLetters()
                .map(new ToBytes<>(DeadLetter.class, Kind.DEAD_LETTER), KeyedBytes.TYPE)
                .sinkTo(deadLetterSink)
                .name("deadletter");
        JobClient c = env.executeAsync("ralf-logpatterns");
        client = c;
        return c;
    }

    /** Runs on the environment of the context ({@code flink run} or local) until it ends. */
    public void run() throws Exception {
        start(StreamExecutionEnvironment.getExecutionEnvironment()).getJobExecutionResult().get();
    }

    /** Cancels the job if it runs. */
    @Override
    public void close() throws Exception {
        JobClient c = client;
        if (c == null) {
            return;
        }
        try {
            if (!c.getJobStatus().get(30, TimeUnit.SECONDS).isGloballyTerminalState()) {
                c.cancel().get(30, TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | IllegalStateException e) {
            // already finished, or a local cluster that shut down with its job: nothing to cancel
        }
    }

    /** {@code LogPatternsJob [ralf.yaml]}: runs against the configured Kafka and PostgreSQL. */
    public static void main(String[] args) throws Exception {
        RalfConfig config = RalfConfig.load(args.length > 0 ? Path.of(args[0]) : null);
        try (LogPatternsJob job = production(LogPatternsSettings.fromConfig(config), false)) {
            job.run();
        }
    }

    private enum Kind {
        TEMPLATE,
        LINE,
        ANOMALY,
        DEAD_LETTER
    }

    /** A record as {@code (key, JSON)}: the key is the entity the topic is keyed by. */
    private static final class ToBytes<T extends Versioned>
            implements MapFunction<T, Tuple2<byte[], byte[]>> {
        private static final long serialVersionUID = 1L;
        private final EventSerde<T> serde;
        private final Kind kind;

        ToBytes(Class<T> type, Kind kind) {
            this.serde = EventSerde.of(type);
            this.kind = kind;
        }

        @Override
        public Tuple2<byte[], byte[]> map(T value) {
            String key =
                    switch (kind) {
                        case TEMPLATE -> ((LogTemplate) value).templateId();
                        case LINE -> ((TemplatedLog) value).host();
                        case ANOMALY -> ((Anomaly) value).entity();
                        case DEAD_LETTER -> ((DeadLetter) value).source();
                    };
            return Tuple2.of(key.getBytes(StandardCharsets.UTF_8), serde.serialize(value));
        }
    }
}
