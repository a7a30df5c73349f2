package org.ralf.bench.cdc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.cdc.CdcConnector;
import org.ralf.connectors.cdc.CdcSettings;
import org.ralf.connectors.kafka.RecordPublisher;

/**
 * Measures the CDC connector end to end: inserts rows into {@code ralf.nodes} in transactions, and
 * a consumer of {@code ralf.cdc.nodes} timestamps each change on arrival. Latency is arrival time
 * minus the commit time Debezium reports ({@code source.ts_ms}, the PostgreSQL commit timestamp,
 * same host clock), so it covers decoding, the connector, Kafka's acknowledgement and the
 * consumer's fetch; throughput is changes per second from the first commit to the last arrival. The
 * rows are deleted afterwards and the bench's own replication slot is dropped. Figures only:
 * nothing here asserts on time.
 */
public final class CdcBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What to run.
     *
     * @param jdbcUrl database to write to
     * @param user a role that may insert into {@code ralf.nodes}
     * @param password its password
     * @param cdc connector settings (a fresh slot and offset topic are derived from them)
     * @param rows how many rows to insert
     * @param rowsPerTransaction rows per commit
     * @param rowsPerSecond target write rate (paced per transaction); 0 writes as fast as
     *     PostgreSQL takes it (a throughput run, where latency includes the backlog)
     */
    public record Settings(
            String jdbcUrl,
            String user,
            String password,
            CdcSettings cdc,
            int rows,
            int rowsPerTransaction,
            int rowsPerSecond) {}

    /**
     * Measured figures.
     *
     * @param changes changes received
     * @param changesPerSecond throughput from first commit to last arrival
     * @param medianMillis median commit-to-consumer latency
     * @param p99Millis 99th percentile
     * @param maxMillis maximum
     * @param steadyMedianMillis median over the last 80 % of the changes (JIT and connection
     *     warm-up excluded)
     * @param steadyP99Millis 99th percentile over the last 80 %
     */
    public record Result(
            int changes,
            double changesPerSecond,
            long medianMillis,
            long p99Millis,
            long maxMillis,
            long steadyMedianMillis,
            long steadyP99Millis) {

        /** One line for the console. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "cdc: %d changes, %.0f changes/s, commit->Kafka consumer latency median %d ms,"
                            + " p99 %d ms, max %d ms; last 80%%: median %d ms, p99 %d ms",
                    changes,
                    changesPerSecond,
                    medianMillis,
                    p99Millis,
                    maxMillis,
                    steadyMedianMillis,
                    steadyP99Millis);
        }
    }

    private static long percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return -1;
        }
        int rank = (int) Math.ceil(sorted.size() * q) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank)));
    }

    private CdcBench() {}

    /** Runs the bench once; the caller's stack must have the registry's topics. */
    public static Result run(Settings s) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        CdcSettings cdc = benchSettings(s.cdc(), run);
        String prefix = "bench-" + run + "-";
        ConnectorMetrics metrics = new ConnectorMetrics();
        Arrivals arrivals = new Arrivals();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(cdc.kafkaBootstrap());
                CdcConnector connector =
                        new CdcConnector(
                                cdc,
                                RecordPublisher.create(cdc.kafkaBootstrap(), cdc.name(), metrics),
                                metrics,
                                Clock.systemUTC())) {
            TopicPartition tp = new TopicPartition("ralf.cdc.nodes", 0);
            consumer.assign(List.of(tp));
            consumer.seekToEnd(List.of(tp));
            consumer.position(tp);
            connector.start();
            awaitHealthy(connector, consumer);
            // Debezium reports the task started slightly before the slot streams: one marker row
            // whose arrival proves the stream is live before timing starts.
            insert(s, List.of(prefix + "warmup"));
            awaitPrefix(consumer, prefix + "warmup", Duration.ofSeconds(60));
            Writer writer = new Writer(s, prefix);
            writer.start();
            collect(consumer, s.rows(), prefix, arrivals);
            writer.join(Duration.ofSeconds(60).toMillis());
        } finally {
            cleanUp(s, prefix, cdc.slot());
        }
        return arrivals.result();
    }

    /** The configured connector on a slot and offset topic of this run only. */
    private static CdcSettings benchSettings(CdcSettings base, String run) {
        return new CdcSettings(
                base.name() + "-bench-" + run,
                base.host(),
                base.port(),
                base.database(),
                base.user(),
                base.password(),
                base.publication(),
                "ralf_bench_" + run,
                List.of("ralf.nodes"),
                base.kafkaBootstrap(),
                base.offsetTopic() + "-bench-" + run,
                base.pollIntervalMs());
    }

    private static void awaitHealthy(
            CdcConnector connector, KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (connector.health().state() != ConnectorHealth.State.HEALTHY) {
            if (System.nanoTime() > deadline
                    || !connector.health().isUp()
                            && connector.health().state() == ConnectorHealth.State.FAILED) {
                throw new IllegalStateException(
                        "CDC connector did not start: " + connector.health());
            }
            consumer.poll(Duration.ofMillis(100)); // waits boundedly, keeps the consumer alive
        }
    }

    /** Reads the run's rows' changes (not the warm-up marker) until all arrived or 300 s passed. */
    private static void collect(
            KafkaConsumer<byte[], byte[]> consumer, int rows, String prefix, Arrivals arrivals)
            throws IOException {
        int received = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        while (received < rows && System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
                long now = System.currentTimeMillis();
                JsonNode change = JSON.readTree(r.value());
                String node = change.path("after").path("node").asText("");
                if (!node.startsWith(prefix) || node.endsWith("warmup")) {
                    continue;
                }
                long committed = change.path("source").path("ts_ms").asLong();
                arrivals.firstCommit = Math.min(arrivals.firstCommit, committed);
                arrivals.lastArrival = Math.max(arrivals.lastArrival, now);
                arrivals.latencies.add(now - committed);
                received++;
            }
        }
    }

    /** Commit-to-arrival latencies of one run and the span they cover. */
    private static final class Arrivals {
        final List<Long> latencies = new ArrayList<>();
        long firstCommit = Long.MAX_VALUE;
        long lastArrival = 0;

        Result result() {
            int n = latencies.size();
            List<Long> steady = new ArrayList<>(latencies.subList(n / 5, n));
            Collections.sort(latencies);
            Collections.sort(steady);
            double seconds = Math.max(1, lastArrival - firstCommit) / 1000.0;
            return new Result(
                    n,
                    n / seconds,
                    percentile(latencies, 0.5),
                    percentile(latencies, 0.99),
                    percentile(latencies, 1.0),
                    percentile(steady, 0.5),
                    percentile(steady, 0.99));
        }
    }

    /** Inserts the bench rows on its own thread, so the consumer measures arrival as it happens. */
    private static final class Writer extends Thread {
        private final Settings s;
        private final String prefix;

        Writer(Settings s, String prefix) {
            super("cdc-bench-writer");
            setDaemon(true);
            this.s = s;
            this.prefix = prefix;
        }

        @Override
        public void run() {
            long start = System.nanoTime();
            try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
                for (int i = 0; i < s.rows(); i += s.rowsPerTransaction()) {
                    if (s.rowsPerSecond() > 0) {
                        // pacing, not polling: wait for this transaction's slot in the schedule
                        long due = start + (long) (i * 1e9 / s.rowsPerSecond());
                        long wait = due - System.nanoTime();
                        if (wait > 0) {
                            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                        }
                    }
                    List<String> names = new ArrayList<>();
                    for (int j = i; j < Math.min(s.rows(), i + s.rowsPerTransaction()); j++) {
                        names.add(prefix + j);
                    }
                    insert(c, names);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                throw new IllegalStateException("bench writer failed", e);
            }
        }
    }

    private static void insert(Settings s, List<String> names) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
            insert(c, names);
        }
    }

    private static void insert(Connection c, List<String> names) throws Exception {
        try (PreparedStatement ps =
                c.prepareStatement(
                        "INSERT INTO ralf.nodes (node, address) VALUES (?, '127.0.0.1')")) {
            c.setAutoCommit(false);
            for (String n : names) {
                ps.setString(1, n);
                ps.addBatch();
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static void awaitPrefix(
            KafkaConsumer<byte[], byte[]> consumer, String node, Duration timeout)
            throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                if (node.equals(JSON.readTree(r.value()).path("after").path("node").asText())) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the CDC stream did not deliver the warm-up row");
    }

    private static void cleanUp(Settings s, String prefix, String slot) throws Exception {
        try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password())) {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM ralf.nodes WHERE node LIKE ?")) {
                ps.setString(1, prefix + "%");
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
                                    + " WHERE slot_name = ? AND NOT active")) {
                ps.setString(1, slot);
                ps.execute();
            }
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "10");
        return new KafkaConsumer<>(p);
    }
}
