package org.ralf.bench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.jobs.detect.DecodeRouter.Routes;
import org.ralf.jobs.detect.DetectJob;
import org.ralf.jobs.detect.DetectSettings;
import org.ralf.jobs.kafka.KafkaIo;
import org.ralf.jobs.kafka.RecordSerializer;
import org.ralf.jobs.passthrough.PassThroughJob;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;

/**
 * {@code ralf bench pipeline}: on the local stack's broker, produces N metric samples over K
 * series, runs (a) the pass-through job Kafka→Flink→Kafka and (b) the detect job over the same
 * input, and prints both rates and their ratio; then runs the detect job live at a fixed rate with
 * injected spikes and measures event→anomaly latency; and reports keyed state bytes per series as
 * the size of a retained checkpoint divided by the number of series (an upper bound: it includes
 * every operator's state). The last line printed is the throughput ratio as a bare number.
 *
 * <p>Every run uses its own topics ({@code <prefix>.<run>.*}, deleted afterwards) so that the
 * benchmark never feeds the live {@code ralf.metrics} of a running stack.
 */
public final class PipelineBench {

    private static final EventSerde<MetricSample> SERDE = EventSerde.of(MetricSample.class);
    private static final EventSerde<Anomaly> ANOMALIES = EventSerde.of(Anomaly.class);
    private static final long STEP_MS = 10_000;
    private static final int PROBE_HISTORY = 200;

    /**
     * The value of an injected spike: the latency counts only anomalies of this value, so that an
     * alert on a probe's ordinary history (e.g. a young series' first new extreme) is not taken for
     * the detection of its spike.
     */
    private static final double SPIKE = 500.0;

    /**
     * Benchmark parameters.
     *
     * @param bootstrapServers broker of the local stack
     * @param samples samples produced for the throughput runs (default 2,000,000)
     * @param series series they spread over (default 10,000)
     * @param liveRate samples per second of the live run (default 10,000)
     * @param liveDuration length of the live run (default 60 s)
     * @param probes series that receive an injected spike in the live run (default 50)
     * @param liveCheckpointInterval checkpoint interval of the live run (commit latency)
     * @param parallelism job parallelism (default 2)
     * @param warmups rounds (one run of each job) before the measured ones, printed but not counted
     *     (default 2): the JIT of this JVM and of the broker speeds both jobs up by about half
     *     between a first and a third round, and still a little after that
     * @param repetitions throughput runs of each job, alternated (default 3); the rates are their
     *     medians
     * @param topicPrefix prefix of the run's topics (default {@code ralf.bench})
     * @param workDir where retained checkpoints go (deleted afterwards)
     */
    public record Settings(
            String bootstrapServers,
            long samples,
            int series,
            int liveRate,
            Duration liveDuration,
            int probes,
            Duration liveCheckpointInterval,
            int parallelism,
            int warmups,
            int repetitions,
            String topicPrefix,
            Path workDir) {

        /** Validates. */
        public Settings {
            if (samples < series || series < 1) {
                throw new IllegalArgumentException("need samples >= series >= 1");
            }
            if (probes < 1 || probes > series) {
                throw new IllegalArgumentException("need 1 <= probes <= series");
            }
            if (liveRate < 1 || parallelism < 1 || repetitions < 1 || warmups < 0) {
                throw new IllegalArgumentException(
                        "liveRate, parallelism and repetitions must be >= 1, warmups >= 0");
            }
        }

        /** The defaults of the issue, against the given broker. */
        public static Settings defaults(String bootstrapServers) {
            return new Settings(
                    bootstrapServers,
                    2_000_000,
                    10_000,
                    10_000,
                    Duration.ofSeconds(60),
                    50,
                    Duration.ofSeconds(1),
                    2,
                    2,
                    3,
                    "ralf.bench",
                    Path.of(System.getProperty("java.io.tmpdir")));
        }

        /**
         * The defaults, with the broker of a {@code connection.properties} ({@code
         * kafka.bootstrap}).
         */
        public static Settings fromConnectionFile(Path connection) throws IOException {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(connection)) {
                p.load(in);
            }
            String bootstrap = p.getProperty("kafka.bootstrap");
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException(connection + ": kafka.bootstrap is missing");
            }
            return defaults(bootstrap);
        }

        /** A copy with other sizes. */
        public Settings withSize(long n, int k, int rate, Duration live, int probeCount) {
            return new Settings(
                    bootstrapServers,
                    n,
                    k,
                    rate,
                    live,
                    probeCount,
                    liveCheckpointInterval,
                    parallelism,
                    warmups,
                    repetitions,
                    topicPrefix,
                    workDir);
        }

        /** A copy with other numbers of warm-up rounds and measured runs per job. */
        public Settings withRepetitions(int warmupRounds, int n) {
            return new Settings(
                    bootstrapServers,
                    samples,
                    series,
                    liveRate,
                    liveDuration,
                    probes,
                    liveCheckpointInterval,
                    parallelism,
                    warmupRounds,
                    n,
                    topicPrefix,
                    workDir);
        }
    }

    private PipelineBench() {}

    /**
     * Runs the benchmark and prints its report; returns the throughput ratio detect ÷ pass-through
     * (also the last line printed).
     */
    public static double run(Settings s, PrintStream out) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String base = s.topicPrefix() + "." + run;
        String in = base + ".metrics";
        String ptOut = base + ".passthrough";
        String anomalies = base + ".anomalies";
        String dead = base + ".deadletter";
        String liveIn = base + ".live-metrics";
        String liveOut = base + ".live-anomalies";
        List<String> topics = List.of(in, ptOut, anomalies, dead, liveIn, liveOut);
        Path work = Files.createTempDirectory(s.workDir(), "ralf-bench-");
        out.printf(
                Locale.ROOT,
                "pipeline bench %s: %,d samples over %,d series, parallelism %d, broker %s%n",
                run,
                s.samples(),
                s.series(),
                s.parallelism(),
                s.bootstrapServers());
        try (Admin admin = admin(s)) {
            admin.createTopics(
                            topics.stream()
                                    .map(t -> new NewTopic(t, s.parallelism(), (short) 1))
                                    .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
            try {
                return measure(s, out, run, in, ptOut, anomalies, dead, liveIn, liveOut, work);
            } finally {
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
                deleteTree(work);
            }
        }
    }

    private static double measure(
            Settings s,
            PrintStream out,
            String run,
            String in,
            String ptOut,
            String anomalies,
            String dead,
            String liveIn,
            String liveOut,
            Path work)
            throws Exception {
        // 1. input
        long t0 = System.nanoTime();
        Encoder encoder = new Encoder(s.series());
        produceHistory(s, in, encoder);
        double produceSec = (System.nanoTime() - t0) / 1e9;
        out.printf(
                Locale.ROOT,
                "produce: %,d samples in %.1f s (%,.0f samples/s)%n",
                s.samples(),
                produceSec,
                s.samples() / produceSec);

        // 2. pass-through and detect on the same input, alternated: the pass-through's rate alone
        // varies by up to 2x from run to run on a quiet machine (it is bound by the broker's
        // writes), so each job runs several times and its rate is the median.
        double[] ptRates = new double[s.repetitions()];
        double[] dRates = new double[s.repetitions()];
        for (int round = 0; round < s.warmups() + s.repetitions(); round++) {
            int r = round - s.warmups();
            String label = r < 0 ? "warm-up " + (round + 1) : "run " + (r + 1);
            String suffix = run + "-" + round;
            StreamExecutionEnvironment env =
                    environment(s, work.resolve("pt-checkpoints-" + round));
            env.enableCheckpointing(10_000);
            JobExecutionResult pt =
                    new PassThroughJob(
                                    KafkaIo.rawSource(
                                            s.bootstrapServers(), in, "bench-pt-" + suffix, true),
                                    KafkaIo.exactlyOnceRawSink(
                                            s.bootstrapServers(), ptOut, "bench-pt-" + suffix))
                            .start(env)
                            .getJobExecutionResult()
                            .get();
            double ptRun =
                    report(out, "pass-through (Kafka->Flink->Kafka, exactly-once)", label, s, pt);

            DetectSettings detect =
                    detectSettings(
                            s,
                            in,
                            anomalies,
                            dead,
                            "bench-detect-" + suffix,
                            Duration.ofSeconds(10));
            env = environment(s, work.resolve("detect-checkpoints-" + round));
            JobExecutionResult dr = job(s, detect, true).start(env).getJobExecutionResult().get();
            double dRun =
                    report(
                            out,
                            "detect (decode, detectors, CEP, exactly-once sinks)",
                            label,
                            s,
                            dr);
            if (r >= 0) {
                ptRates[r] = ptRun;
                dRates[r] = dRun;
            }
        }
        double ptRate = median(ptRates);
        double dRate = median(dRates);
        double ratio = dRate / ptRate;
        out.printf(
                Locale.ROOT,
                "median of %d runs after %d warm-up round(s): pass-through %,.0f records/s, detect %,.0f records/s%n",
                s.repetitions(),
                s.warmups(),
                ptRate,
                dRate);
        out.printf(Locale.ROOT, "ratio detect / pass-through: %.3f (goal >= 0.8)%n", ratio);

        // 3. live run
        live(s, out, run, liveIn, liveOut, work, encoder);
        out.printf(Locale.ROOT, "%.3f%n", ratio);
        return ratio;
    }

    /** Prints one throughput run and returns its rate: samples ÷ the job's net runtime. */
    private static double report(
            PrintStream out, String job, String label, Settings s, JobExecutionResult result) {
        double sec = result.getNetRuntime() / 1000.0;
        double rate = s.samples() / sec;
        out.printf(
                Locale.ROOT,
                "%s %s: %,d records in %.1f s = %,.0f records/s%n",
                job,
                label,
                s.samples(),
                sec,
                rate);
        return rate;
    }

    /** Median of the values (mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : 0.5 * (v[m - 1] + v[m]);
    }

    private static DetectSettings detectSettings(
            Settings s, String in, String anomalies, String dead, String id, Duration checkpoint) {
        return DetectSettings.fromConfig(
                        RalfConfig.parse(new java.io.StringReader(""), Map.of()),
                        s.bootstrapServers(),
                        "jdbc:unused",
                        "unused",
                        "")
                .withTopics(
                        List.of(in),
                        new Routes(in, in + ".logs", in + ".discovery", in + ".cdc."),
                        anomalies,
                        dead,
                        id,
                        id)
                .withCheckpointInterval(checkpoint);
    }

    /** The production graph with Kafka sinks; the table sink is discarded (no bench rows). */
    private static DetectJob job(Settings s, DetectSettings d, boolean bounded) {
        return new DetectJob(
                DetectJob.source(d, bounded),
                KafkaIo.exactlyOnceSink(
                        s.bootstrapServers(),
                        d.transactionalIdPrefix() + "-anomalies",
                        new RecordSerializer<>(d.anomaliesTopic(), Anomaly.class, Anomaly::entity)),
                new DiscardingSink<>(),
                KafkaIo.exactlyOnceSink(
                        s.bootstrapServers(),
                        d.transactionalIdPrefix() + "-deadletters",
                        new RecordSerializer<>(
                                d.deadLetterTopic(), DeadLetter.class, DeadLetter::source)),
                d);
    }

    private static StreamExecutionEnvironment environment(Settings s, Path checkpoints) {
        // File checkpoint storage for every run: the JobManager-memory default caps a subtask's
        // state at 5 MiB, less than 10,000 series.
        Configuration conf = new Configuration();
        conf.setString("pipeline.generic-types", "false");
        conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(s.parallelism()));
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        // a failing run must fail, not restart forever and skew the rate
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(s.parallelism(), conf);
        return env;
    }

    private static final String NAME = "bench_value";

    /**
     * Pre-rendered JSON of each series around the value and the timestamp: the producer must outrun
     * the job under test, and building and serialising a record per sample does not on two shared
     * cores. The template comes from the real serde, so the bytes are exactly what a connector
     * would write.
     */
    private static final class Encoder {
        private final byte[][] keys;
        private final String[] heads;
        private final String middle;
        private final String tail;

        Encoder(int series) {
            keys = new byte[series][];
            heads = new String[series];
            String mid = null;
            String end = null;
            for (int i = 0; i < series; i++) {
                MetricSample m = MetricSample.of(NAME, labels(i), 0.5, Instant.EPOCH, "bench");
                String json = new String(SERDE.serialize(m), StandardCharsets.UTF_8);
                int v = json.indexOf("\"value\":0.5");
                int ts = json.indexOf("1970-01-01T00:00:00Z");
                if (v < 0 || ts < 0) {
                    throw new IllegalStateException("unexpected sample JSON: " + json);
                }
                keys[i] = m.seriesId().getBytes(StandardCharsets.UTF_8);
                heads[i] = json.substring(0, v + "\"value\":".length());
                mid = json.substring(v + "\"value\":0.5".length(), ts);
                end = json.substring(ts + "1970-01-01T00:00:00Z".length());
            }
            middle = mid;
            tail = end;
        }

        ProducerRecord<byte[], byte[]> record(String topic, int i, double value, long ts) {
            String json = heads[i] + value + middle + Instant.ofEpochMilli(ts) + tail;
            return new ProducerRecord<>(topic, keys[i], json.getBytes(StandardCharsets.UTF_8));
        }

        String seriesId(int i) {
            return new String(keys[i], StandardCharsets.UTF_8);
        }
    }

    private static Map<String, String> labels(int i) {
        return Map.of("host", "h" + (i % 100), "series", Integer.toString(i));
    }

    /** The value of series i at step t: a per-series sine with seeded noise. */
    private static double value(int i, long t, Random random) {
        return 50 + 10 * Math.sin((t + i) * 0.05) + random.nextGaussian();
    }

    private static KafkaProducer<byte[], byte[]> producer(Settings s) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(p);
    }

    /** N samples round-robin over the series, in event-time order, ending now. */
    private static void produceHistory(Settings s, String topic, Encoder encoder) {
        long steps = (s.samples() + s.series() - 1) / s.series();
        long start = System.currentTimeMillis() - steps * STEP_MS;
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            long sent = 0;
            for (long t = 0; sent < s.samples(); t++) {
                long at = start + t * STEP_MS;
                for (int i = 0; i < s.series() && sent < s.samples(); i++, sent++) {
                    producer.send(encoder.record(topic, i, value(i, t, random), at));
                }
            }
            producer.flush();
        }
    }

    private static void live(
            Settings s,
            PrintStream out,
            String run,
            String in,
            String anomalies,
            Path work,
            Encoder encoder)
            throws Exception {
        // Probe series get a history first so that their detectors are past warm-up; on the same
        // clock as the live samples, or the daily wave would jump where history meets live (a
        // phase jump of up to 20 sigma, which the detectors rightly report, and whose anomaly then
        // suppresses the probe's injected spike).
        Random random = new Random(7);
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            for (int t = PROBE_HISTORY; t > 0; t--) {
                long at = now - t * 1000L;
                for (int p = 0; p < s.probes(); p++) {
                    producer.send(encoder.record(in, p, value(p, at / 1000, random), at));
                }
            }
            producer.flush();
        }
        Path checkpoints = work.resolve("checkpoints");
        DetectSettings detect =
                detectSettings(
                        s,
                        in,
                        anomalies,
                        in + ".dead",
                        "bench-live-" + run,
                        s.liveCheckpointInterval());
        StreamExecutionEnvironment env = environment(s, checkpoints);
        JobClient client = job(s, detect, false).start(env);

        Set<String> probeIds = new HashSet<>();
        for (int p = 0; p < s.probes(); p++) {
            probeIds.add(encoder.seriesId(p));
        }
        List<Long> emitted = Collections.synchronizedList(new ArrayList<>());
        List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger otherOnProbes = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread uncommittedReader =
                reader(s, anomalies, "read_uncommitted", probeIds, emitted, otherOnProbes, stop);
        Thread committedReader =
                reader(
                        s,
                        anomalies,
                        "read_committed",
                        probeIds,
                        committed,
                        new AtomicInteger(),
                        stop);
        uncommittedReader.start();
        committedReader.start();

        long sent = 0;
        long liveMillis = s.liveDuration().toMillis();
        Thread.sleep(5_000); // let the job start and read the probe history
        long begin = System.currentTimeMillis();
        long injectFrom = begin + liveMillis / 5;
        long injectEvery = Math.max(1, (liveMillis * 3 / 5) / s.probes());
        int injected = 0;
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            int next = 0;
            long end = begin + liveMillis;
            for (long now2 = begin; now2 < end; now2 = System.currentTimeMillis()) {
                // Paced by an absolute schedule, so that a late wake-up is caught up rather than
                // lost: the rate stays the target unless the producer cannot keep up at all.
                long due = s.liveRate() * (now2 - begin) / 1000;
                while (sent < due) {
                    int i = next;
                    next = (next + 1) % s.series();
                    long ts = System.currentTimeMillis();
                    producer.send(encoder.record(in, i, value(i, ts / 1000, random), ts));
                    sent++;
                }
                if (injected < s.probes() && now2 >= injectFrom + injected * injectEvery) {
                    int probe = injected++;
                    // a spike of three samples, each stamped with its send time
                    for (int k = 0; k < 3; k++) {
                        long ts = System.currentTimeMillis() + k;
                        producer.send(encoder.record(in, probe, SPIKE, ts));
                        sent++;
                    }
                }
                Thread.sleep(2);
            }
            producer.flush();
        }
        double liveSec = (System.currentTimeMillis() - begin) / 1000.0;
        // give the last spikes one checkpoint (plus slack) to be committed
        Thread.sleep(s.liveCheckpointInterval().toMillis() * 3 + 2_000);
        stop.set(true);
        uncommittedReader.join(10_000);
        committedReader.join(10_000);
        Path chk = latestCheckpoint(checkpoints);
        long chkBytes = chk == null ? -1 : size(chk);
        client.cancel().get(60, TimeUnit.SECONDS);

        out.printf(
                Locale.ROOT,
                "live: target %,d samples/s for %.0f s, sent %,d (%,.0f samples/s), %d spikes injected, %d detected (%d committed); %d other anomalies on probe series%n",
                s.liveRate(),
                liveSec,
                sent,
                sent / liveSec,
                injected,
                emitted.size(),
                committed.size(),
                otherOnProbes.get());
        out.printf(
                Locale.ROOT,
                "latency event->anomaly as emitted (read_uncommitted): p50 %s ms, p99 %s ms (goal p99 <= 500 ms)%n",
                percentile(emitted, 50),
                percentile(emitted, 99));
        out.printf(
                Locale.ROOT,
                "latency event->anomaly committed (read_committed, checkpoint every %d ms): p50 %s ms, p99 %s ms%n",
                s.liveCheckpointInterval().toMillis(),
                percentile(committed, 50),
                percentile(committed, 99));
        if (chkBytes >= 0) {
            out.printf(
                    Locale.ROOT,
                    "state: checkpoint %s = %,d bytes / %,d series = %,.0f bytes per series (goal <= 2048; all operators included)%n",
                    chk.getFileName(),
                    chkBytes,
                    s.series(),
                    chkBytes / (double) s.series());
        } else {
            out.println("state: no completed checkpoint was retained");
        }
    }

    private static Thread reader(
            Settings s,
            String topic,
            String isolation,
            Set<String> probes,
            List<Long> latencies,
            AtomicInteger otherOnProbes,
            AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        Thread t =
                new Thread(
                        () -> {
                            Set<String> seen = new HashSet<>();
                            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                                c.subscribe(List.of(topic));
                                while (!stop.get()) {
                                    for (ConsumerRecord<byte[], byte[]> r :
                                            c.poll(Duration.ofMillis(20))) {
                                        long received = System.currentTimeMillis();
                                        Anomaly a =
                                                ANOMALIES
                                                        .deserialize(
                                                                topic,
                                                                r.partition(),
                                                                r.offset(),
                                                                r.value())
                                                        .valueOrNull();
                                        if (a == null
                                                || a.seriesId() == null
                                                || !probes.contains(a.seriesId())) {
                                            continue;
                                        }
                                        if (a.value() == null || a.value() != SPIKE) {
                                            otherOnProbes.incrementAndGet();
                                        } else if (seen.add(a.seriesId())) {
                                            latencies.add(received - a.detectedAt().toEpochMilli());
                                        }
                                    }
                                }
                            }
                        },
                        "bench-" + isolation);
        t.setDaemon(true);
        return t;
    }

    private static String percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return "n/a";
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static Path latestCheckpoint(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(Comparator.comparingLong(PipelineBench::checkpointNumber))
                    .orElse(null);
        }
    }

    private static long checkpointNumber(Path dir) {
        String name = dir.getFileName().toString();
        return name.startsWith("chk-") ? Long.parseLong(name.substring(4)) : -1;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static Admin admin(Settings s) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        return Admin.create(p);
    }

    /**
     * {@code PipelineBench <connection.properties> [samples series rate seconds probes]}: runs the
     * benchmark on the local stack and prints the report.
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 6) {
            System.err.println(
                    "usage: PipelineBench <connection.properties> [samples series rate seconds probes]");
            System.exit(2);
        }
        Settings s = Settings.fromConnectionFile(Path.of(args[0]));
        if (args.length == 6) {
            s =
                    s.withSize(
                            Long.parseLong(args[1]),
                            Integer.parseInt(args[2]),
                            Integer.parseInt(args[3]),
                            Duration.ofSeconds(Long.parseLong(args[4])),
                            Integer.parseInt(args[5]));
        }
        run(s, System.out);
        System.exit(0);
    }
}
