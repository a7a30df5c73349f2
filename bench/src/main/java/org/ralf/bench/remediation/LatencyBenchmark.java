package org.ralf.bench.remediation;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.jobs.remediation.RemediationJob;
import org.ralf.jobs.remediation.RemediationJobSettings;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.serde.EventSerde;

/**
 * Benchmark of anomaly → command latency through the remediation job with exactly-once output:
 * loads an inventory of {@code incidents} guests (one per node) and a crash-loop policy through the
 * CDC topics, starts the job, then sends one anomaly per guest at a fixed rate and measures, per
 * incident, the time from sending the anomaly to reading its command with a read_committed
 * consumer. With exactly-once the command becomes visible when the checkpoint after it completes,
 * so the latency is dominated by the checkpoint interval (stated in the result).
 */
public final class LatencyBenchmark {

    /**
     * Figures of one run.
     *
     * @param incidents anomalies sent (one incident each)
     * @param received commands read
     * @param checkpointMs checkpoint interval
     * @param ratePerSecond anomalies per second
     * @param p50Ms median latency
     * @param p99Ms 99th percentile latency
     * @param maxMs maximum latency
     */
    public record Result(
            int incidents,
            int received,
            long checkpointMs,
            int ratePerSecond,
            double p50Ms,
            double p99Ms,
            double maxMs) {
        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "anomaly -> command (exactly-once, checkpoint every %d ms, %d anomalies/s):"
                            + " %d/%d commands, p50 %.0f ms, p99 %.0f ms, max %.0f ms",
                    checkpointMs,
                    ratePerSecond,
                    received,
                    incidents,
                    p50Ms,
                    p99Ms,
                    maxMs);
        }
    }

    private LatencyBenchmark() {}

    /**
     * Runs the benchmark. The settings' topics must exist and be empty; the job is cancelled at the
     * end.
     */
    public static Result run(
            RemediationJobSettings settings,
            StreamExecutionEnvironment env,
            int incidents,
            int ratePerSecond)
            throws Exception {
        String bootstrap = settings.bootstrapServers();
        int cdc = seedInventory(settings, incidents);
        env.enableCheckpointing(settings.checkpointIntervalMs());
        JobClient job =
                new RemediationJob(settings, RemediationJob.production(settings)).start(env);
        try {
            awaitCommitted(bootstrap, settings.groupId() + "-cdc", cdc, Duration.ofMinutes(2));
            double[] got = latencies(settings, incidents, ratePerSecond);
            Arrays.sort(got);
            return new Result(
                    incidents,
                    got.length,
                    settings.checkpointIntervalMs(),
                    ratePerSecond,
                    pct(got, 0.50),
                    pct(got, 0.99),
                    got.length == 0 ? Double.NaN : got[got.length - 1]);
        } finally {
            job.cancel().get();
        }
    }

    /** Writes the nodes, guests and the policy through CDC; returns the number of changes. */
    private static int seedInventory(RemediationJobSettings settings, int incidents) {
        int cdc = 0;
        try (KafkaProducer<byte[], byte[]> p =
                new KafkaProducer<>(producer(settings.bootstrapServers()))) {
            for (int i = 1; i <= incidents; i++) {
                send(p, settings, "nodes", Map.of("node", "bn" + i, "status", "online"));
                send(
                        p,
                        settings,
                        "guests",
                        Map.of(
                                "vmid", 1000 + i, "name", "bg" + i, "node", "bn" + i, "type",
                                "lxc"));
                cdc += 2;
            }
            Map<String, Object> policy = new LinkedHashMap<>();
            policy.put("policy_id", "bench-crash");
            policy.put("version", 1);
            policy.put("enabled", true);
            policy.put(
                    "document",
                    """
                    match: {anomalyKinds: [PATTERN], detectors: [crash-loop]}
                    guards: {cooldown: 0s, maxActionsPerHourPerTarget: 10, maxBlastRadius: 1.0}
                    actions:
                      - {id: reboot, kind: PROXMOX, action: reboot, idempotent: true, timeout: 10m}
                    """);
            send(p, settings, "policies", policy);
            cdc++;
            p.flush();
        }
        return cdc;
    }

    /**
     * Sends the anomalies at the rate and reads the commands; returns the latencies (ms) of the
     * incidents whose command arrived, unsorted.
     */
    private static double[] latencies(
            RemediationJobSettings settings, int incidents, int ratePerSecond) {
        String bootstrap = settings.bootstrapServers();
        Map<String, Long> sentAt = new HashMap<>();
        EventSerde<Anomaly> serde = EventSerde.of(Anomaly.class);
        EventSerde<ActionCommand> commands = EventSerde.of(ActionCommand.class);
        double[] latencies = new double[incidents];
        int received = 0;
        try (KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(producer(bootstrap));
                KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumer(bootstrap))) {
            c.subscribe(Set.of(settings.topics().commands()));
            c.poll(Duration.ofMillis(100));
            long intervalNs = 1_000_000_000L / ratePerSecond;
            long next = System.nanoTime();
            int sent = 0;
            long deadline = Long.MAX_VALUE;
            while (received < incidents && System.nanoTime() < deadline) {
                while (sent < incidents && System.nanoTime() >= next) {
                    sent++;
                    Anomaly a = anomaly(sent);
                    String incident = Ids.nameBased("incident", "bn" + sent, a.anomalyId());
                    sentAt.put(incident, System.nanoTime());
                    p.send(
                            new ProducerRecord<>(
                                    settings.topics().anomalies(),
                                    a.entity().getBytes(StandardCharsets.UTF_8),
                                    serde.serialize(a)));
                    next += intervalNs;
                    if (sent == incidents) {
                        p.flush();
                        deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                    }
                }
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(5))) {
                    long at = System.nanoTime();
                    ActionCommand cmd =
                            commands.deserialize("b", null, null, r.value()).valueOrNull();
                    Long start = cmd == null ? null : sentAt.remove(cmd.incidentId());
                    if (start != null) {
                        latencies[received++] = (at - start) / 1e6;
                    }
                }
            }
        }
        return Arrays.copyOf(latencies, received);
    }

    /** The crash-loop anomaly of guest {@code bg<n>}, stamped now. */
    private static Anomaly anomaly(int n) {
        Instant now = Instant.now();
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased("bench", String.valueOf(n), UUID.randomUUID().toString()),
                "bg" + n,
                null,
                null,
                AnomalyKind.PATTERN,
                "crash-loop",
                0.9,
                null,
                null,
                null,
                Map.of(),
                now,
                now,
                now,
                "bench",
                Map.of());
    }

    private static double pct(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.floor(q * (sorted.length - 1))];
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p,
            RemediationJobSettings s,
            String table,
            Map<String, Object> row) {
        CdcEnvelope e =
                new CdcEnvelope(
                        CdcEnvelope.SCHEMA_VERSION,
                        CdcOp.CREATE,
                        null,
                        row,
                        new CdcSource(
                                "postgresql", "ralf", "ralf", "ralf", table, 0, null, null, null),
                        0);
        String topic =
                s.topics().cdc().stream()
                        .filter(t -> t.endsWith(".cdc." + table))
                        .findFirst()
                        .orElseThrow();
        p.send(
                new ProducerRecord<>(
                        topic,
                        table.getBytes(StandardCharsets.UTF_8),
                        EventSerde.of(CdcEnvelope.class).serialize(e)));
    }

    private static void awaitCommitted(
            String bootstrap, String group, long expected, Duration timeout) throws Exception {
        Properties a = new Properties();
        a.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(a)) {
            while (System.nanoTime() < deadline) {
                long sum = 0;
                for (OffsetAndMetadata o :
                        admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get()
                                .values()) {
                    sum += o == null ? 0 : o.offset();
                }
                if (sum >= expected) {
                    return;
                }
                Thread.sleep(200); // bounded by the deadline
            }
        }
        throw new IllegalStateException(
                "the job did not consume the CDC records within " + timeout);
    }

    private static Properties producer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }
}
