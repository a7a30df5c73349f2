package org.ralf.bench.pipeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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

    private static final long STEP_MS = 10_000;

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
        SampleEncoder encoder = new SampleEncoder(s.series());
        produceHistory(s, in, encoder);
        double produceSec = (System.nanoTime() - t0) / 1e9;
        out.printf(
                Locale.ROOT,
                "produce: %,d samples in %.1f s (%,.0f samples/s)%n",
                s.samples(),
                produceSec,
                s.samples() / produceSec);

        // 2. pass-through and detect on the same input
        double ratio = throughput(s, out, run, in, ptOut, anomalies, dead, work);

        // 3. live run
        new LiveRun(s, out, encoder).run(run, liveIn, liveOut, work);
        out.printf(Locale.ROOT, "%.3f%n", ratio);
        return ratio;
    }

    /**
     * Runs pass-through and detect alternated and prints their medians; returns detect ÷
     * pass-through. The pass-through's rate alone varies by up to 2x from run to run on a quiet
     * machine (it is bound by the broker's writes), so each job runs several times and its rate is
     * the median.
     */
    private static double throughput(
            Settings s,
            PrintStream out,
            String run,
            String in,
            String ptOut,
            String anomalies,
            String dead,
            Path work)
            throws Exception {
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

    static DetectSettings detectSettings(
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
    static DetectJob job(Settings s, DetectSettings d, boolean bounded) {
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

    static StreamExecutionEnvironment environment(Settings s, Path checkpoints) {
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

    static KafkaProducer<byte[], byte[]> producer(Settings s) {
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
    private static void produceHistory(Settings s, String topic, SampleEncoder encoder) {
        long steps = (s.samples() + s.series() - 1) / s.series();
        long start = System.currentTimeMillis() - steps * STEP_MS;
        Random random = new Random(42);
        try (KafkaProducer<byte[], byte[]> producer = producer(s)) {
            long sent = 0;
            for (long t = 0; sent < s.samples(); t++) {
                long at = start + t * STEP_MS;
                for (int i = 0; i < s.series() && sent < s.samples(); i++, sent++) {
                    producer.send(encoder.record(topic, i, SampleEncoder.value(i, t, random), at));
                }
            }
            producer.flush();
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
