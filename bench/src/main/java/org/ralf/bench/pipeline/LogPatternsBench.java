package org.ralf.bench.pipeline;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.jobs.logpatterns.LogPatternsJob;
import org.ralf.jobs.logpatterns.LogPatternsSettings;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.serde.EventSerde;

/**
 * End-to-end throughput of the logpatterns job on the local stack: produces N {@link LogRecord}s
 * (the Content lines of the Loghub-2k systems under {@code shared/bench/loghub2k}, found by walking
 * up from the working directory or via {@code -Dralf.bench.dir}; a seeded generator otherwise) to a
 * fresh topic, then runs the whole job (decode, miner, rates, lookups, exactly-once Kafka sinks
 * including every line with its template id, pgvector upserts) in a local Flink environment over
 * that backlog with a bounded source, and prints lines per second and the bytes of the input and of
 * the templated-lines topic. After a warm-up run, a small run measures the fixed cost (job start,
 * final checkpoint), so that the marginal rate can be given too. Fresh topics, and the bench's rows
 * in {@code ralf.log_templates} are deleted at the end.
 *
 * <p>{@code LogPatternsBench [--lines N] [--parallelism P] [--checkpoint-ms MS] [--connection FILE]
 * [--config ralf.yaml]} (checkpoints every 2 s by default: a bounded job ends only after a final
 * checkpoint has committed its Kafka transactions, so the interval is part of the fixed cost); the
 * connection file is {@code .ralf/connection.properties} as {@code ./ralf stack up} writes it
 * (found by walking up when not given).
 */
public final class LogPatternsBench {

    private static final Instant T0 = Instant.parse("2026-11-25T00:00:00Z");

    /** Event-time spacing of the generated lines: 1,000 lines per second of event time. */
    private static final long LINES_PER_SECOND = 1000;

    private LogPatternsBench() {}

    /** Runs the benchmark; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        int lines = 200_000;
        int parallelism = 2;
        Duration checkpoints = Duration.ofSeconds(2);
        Path connection = null;
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--lines" -> lines = Integer.parseInt(args[++i]);
                case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
                case "--connection" -> connection = Path.of(args[++i]);
                case "--config" -> config = Path.of(args[++i]);
                case "--checkpoint-ms" ->
                        checkpoints = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> {
                    System.err.println(
                            "usage: LogPatternsBench [--lines N] [--parallelism P]"
                                    + " [--checkpoint-ms MS] [--connection FILE] [--config ralf.yaml]");
                    System.exit(2);
                }
            }
        }
        if (connection == null) {
            connection = walkUp(Path.of(".ralf", "connection.properties"));
        }
        if (connection == null) {
            System.err.println("no .ralf/connection.properties found: run ./ralf stack up");
            System.exit(2);
        }
        run(lines, parallelism, checkpoints, connection, config, System.out);
    }

    /**
     * Runs the benchmark and prints the figures.
     *
     * @return lines per second of the main run, fixed costs included
     */
    public static double run(
            int lines,
            int parallelism,
            Duration checkpoints,
            Path connection,
            @Nullable Path config,
            PrintStream out)
            throws Exception {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(connection)) {
            p.load(in);
        }
        LogPatternsSettings base =
                LogPatternsSettings.fromConfig(RalfConfig.load(config))
                        .withConnection(
                                p.getProperty("kafka.bootstrap"),
                                p.getProperty("pg.url"),
                                p.getProperty("pg.user"),
                                p.getProperty("pg.password", ""));
        base = base.withOptions(base.options(), checkpoints);
        List<String[]> corpus = corpus(out);
        out.printf(
                Locale.ROOT,
                "logpatterns bench: %d lines, parallelism %d, checkpoints every %s, Kafka %s%n",
                lines,
                parallelism,
                base.checkpointInterval(),
                base.bootstrapServers());
        try {
            out.println("warm-up run (JIT, class loading; not counted):");
            once(base, corpus, 2_000, parallelism, out);
            double small = once(base, corpus, 2_000, parallelism, out);
            double big = once(base, corpus, lines, parallelism, out);
            String marginal =
                    big > small
                            ? String.format(Locale.ROOT, "%.0f", (lines - 2_000) / (big - small))
                            : "n/a (noise above the difference)";
            double rate = lines / big;
            out.printf(
                    Locale.ROOT,
                    "end-to-end: %d lines in %.2f s = %.0f lines/s (fixed cost measured with 2000"
                            + " lines: %.2f s; marginal %s lines/s)%n",
                    lines,
                    big,
                    rate,
                    small,
                    marginal);
            return rate;
        } finally {
            try (Connection c =
                            DriverManager.getConnection(
                                    p.getProperty("pg.url"),
                                    p.getProperty("pg.user"),
                                    p.getProperty("pg.password", ""));
                    Statement st = c.createStatement()) {
                try (var rs =
                        st.executeQuery(
                                "SELECT count(*), coalesce(sum(count), 0) FROM ralf.log_templates"
                                        + " WHERE source LIKE 'bench-%'")) {
                    rs.next();
                    out.printf(
                            Locale.ROOT,
                            "pgvector rows written by the runs: %d templates, %d lines counted"
                                    + " (sources share ids across runs, so counts are per-run"
                                    + " maxima)%n",
                            rs.getLong(1),
                            rs.getLong(2));
                }
                st.executeUpdate("DELETE FROM ralf.log_templates WHERE source LIKE 'bench-%'");
            }
        }
    }

    /** Produces n lines to fresh topics, runs the job over them, returns the job's seconds. */
    private static double once(
            LogPatternsSettings base,
            List<String[]> corpus,
            int n,
            int parallelism,
            PrintStream out)
            throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String logs = "ralf.bench.logs-" + id;
        String templates = "ralf.bench.log-templates-" + id;
        String templated = "ralf.bench.logs-templated-" + id;
        String anomalies = "ralf.bench.anomalies-" + id;
        String dead = "ralf.bench.deadletter-" + id;
        List<String> topics = List.of(logs, templates, templated, anomalies, dead);
        LogPatternsSettings s =
                base.withTopics(
                        logs, templates, templated, anomalies, dead, "bench-" + id, "bench-" + id);
        try (Admin admin = admin(s.bootstrapServers())) {
            admin.createTopics(
                            topics.stream()
                                    .map(
                                            t ->
                                                    new NewTopic(
                                                            t,
                                                            t.equals(logs) || t.equals(templated)
                                                                    ? 4
                                                                    : 1,
                                                            (short) 1))
                                    .toList())
                    .all()
                    .get(60, TimeUnit.SECONDS);
            try {
                long p0 = System.nanoTime();
                produce(s.bootstrapServers(), logs, corpus, n);
                double produced = (System.nanoTime() - p0) / 1e9;
                Configuration conf = new Configuration();
                conf.setString("pipeline.generic-types", "false");
                conf.setString("restart-strategy.type", "none");
                StreamExecutionEnvironment env =
                        StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
                long t0 = System.nanoTime();
                try (LogPatternsJob job = LogPatternsJob.production(s, true)) {
                    job.start(env).getJobExecutionResult().get(30, TimeUnit.MINUTES);
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                long inBytes = bytesOf(admin, logs);
                long linesBytes = bytesOf(admin, templated);
                out.printf(
                        Locale.ROOT,
                        "  %d lines: produced in %.2f s, job ran %.2f s (%.0f lines/s); on disk:"
                                + " input %.1f MB, templated lines %.1f MB (%.2f x)%n",
                        n,
                        produced,
                        seconds,
                        n / seconds,
                        inBytes / 1e6,
                        linesBytes / 1e6,
                        inBytes == 0 ? 0.0 : (double) linesBytes / inBytes);
                return seconds;
            } finally {
                admin.deleteTopics(topics).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** Bytes of a topic's partitions in the brokers' log directories (all replicas). */
    private static long bytesOf(Admin admin, String topic) throws Exception {
        List<Integer> brokers =
                admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).stream()
                        .map(org.apache.kafka.common.Node::id)
                        .toList();
        long bytes = 0;
        for (var perBroker :
                admin.describeLogDirs(brokers)
                        .allDescriptions()
                        .get(60, TimeUnit.SECONDS)
                        .values()) {
            for (var dir : perBroker.values()) {
                for (var e : dir.replicaInfos().entrySet()) {
                    if (e.getKey().topic().equals(topic)) {
                        bytes += e.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    private static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    private static void produce(String bootstrap, String topic, List<String[]> corpus, int n) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, String.valueOf(256 * 1024));
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        EventSerde<LogRecord> serde = EventSerde.of(LogRecord.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < n; i++) {
                String[] line = corpus.get(i % corpus.size());
                String host = "bench-" + line[0].toLowerCase(Locale.ROOT);
                LogRecord r =
                        new LogRecord(
                                LogRecord.SCHEMA_VERSION,
                                T0.plusMillis(i * 1000L / LINES_PER_SECOND),
                                host,
                                line[0],
                                Severity.UNKNOWN,
                                null,
                                line[1],
                                Map.of(),
                                "bench",
                                null);
                producer.send(
                        new ProducerRecord<>(
                                topic, host.getBytes(StandardCharsets.UTF_8), serde.serialize(r)));
            }
            producer.flush();
        }
    }

    /** (system, content) pairs interleaved across systems, as a homelab's sources interleave. */
    static List<String[]> corpus(PrintStream out) throws IOException {
        Path dir = benchDir();
        List<List<String[]>> systems = new ArrayList<>();
        if (dir != null && Files.isDirectory(dir.resolve("loghub2k"))) {
            try (Stream<Path> files = Files.walk(dir.resolve("loghub2k"), 2)) {
                for (Path f :
                        files.filter(
                                        x ->
                                                x.getFileName()
                                                        .toString()
                                                        .endsWith("_2k.log_structured.csv"))
                                .sorted()
                                .toList()) {
                    String system = f.getParent().getFileName().toString();
                    List<String[]> rows = new ArrayList<>();
                    for (Map<String, String> row : readCsv(f)) {
                        rows.add(new String[] {system, row.getOrDefault("Content", "")});
                    }
                    systems.add(rows);
                }
            }
            out.println(
                    "corpus: Loghub-2k Content lines of "
                            + systems.size()
                            + " systems in "
                            + dir.resolve("loghub2k"));
        }
        if (systems.isEmpty()) {
            Random random = new Random(42);
            String[] verbs = {"started", "stopped", "failed", "completed", "retrying"};
            List<String[]> rows = new ArrayList<>();
            for (int i = 0; i < 20_000; i++) {
                rows.add(
                        new String[] {
                            "gen" + (i % 5),
                            "task "
                                    + verbs[random.nextInt(verbs.length)]
                                    + " id="
                                    + random.nextInt(100_000)
                                    + " after "
                                    + random.nextInt(5000)
                                    + " ms on worker-"
                                    + random.nextInt(16)
                        });
            }
            systems.add(rows);
            out.println("corpus: generated (seed 42), shared/bench not found");
        }
        List<String[]> mixed = new ArrayList<>();
        int max = systems.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < max; i++) {
            for (List<String[]> s : systems) {
                if (i < s.size()) {
                    mixed.add(s.get(i));
                }
            }
        }
        return mixed;
    }

    private static List<Map<String, String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> it =
                        mapper.readerForMapOf(String.class)
                                .with(CsvSchema.emptySchema().withHeader())
                                .readValues(reader)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    @Nullable
    private static Path benchDir() {
        String prop = System.getProperty("ralf.bench.dir");
        if (prop != null) {
            return Path.of(prop);
        }
        return walkUp(Path.of("shared", "bench"));
    }

    @Nullable
    private static Path walkUp(Path relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve(relative);
            if (Files.exists(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        return null;
    }
}
