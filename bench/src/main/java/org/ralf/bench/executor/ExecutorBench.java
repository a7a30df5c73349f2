package org.ralf.bench.executor;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.executor.ExecutorApp;
import org.ralf.executor.ExecutorException;
import org.ralf.executor.command.CommandCodec;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.engine.CommandProcessor;
import org.ralf.executor.ledger.Database;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;

/**
 * Measures the executor's own cost on a real broker and ledger database (never a test assertion):
 *
 * <ul>
 *   <li><b>No-op throughput</b>: N signed NOTIFY commands produced at once; commands per second
 *       from the first send to the N-th result read back from the results topic (decode, verify,
 *       ledger insert, RUNNING, final state, result publish and offset commit per command).
 *   <li><b>Start overhead</b>: M signed ANSIBLE commands whose ansible-playbook is a stand-in
 *       script printing a minimal JSON document; for each, the time from the record being handed to
 *       the processor to the process having been started (median and p95).
 * </ul>
 *
 * <p>It uses fresh topics and a fresh consumer group, and deletes its ledger rows afterwards.
 */
public final class ExecutorBench {

    /**
     * The figures of one run.
     *
     * @param noopCommands number of no-op commands
     * @param noopSeconds wall time for them, first send to last result
     * @param noopPerSecond throughput
     * @param processCommands number of process-starting commands
     * @param medianStartMillis median consumed → process started
     * @param p95StartMillis 95th percentile consumed → process started
     * @param states results by state
     */
    public record Report(
            int noopCommands,
            double noopSeconds,
            double noopPerSecond,
            int processCommands,
            double medianStartMillis,
            double p95StartMillis,
            Map<CommandState, Long> states) {

        /** Human-readable lines. */
        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "executor no-op throughput: %d NOTIFY commands in %.2f s = %.1f commands/s"
                            + " (send → result on the results topic, whole path incl. ledger)%n"
                            + "executor start overhead: median %.2f ms, p95 %.2f ms over %d ANSIBLE"
                            + " commands (record handed to the processor → process started;"
                            + " ansible-playbook replaced by a stand-in script)%n"
                            + "result states: %s",
                    noopCommands,
                    noopSeconds,
                    noopPerSecond,
                    medianStartMillis,
                    p95StartMillis,
                    processCommands,
                    states);
        }
    }

    private ExecutorBench() {}

    /**
     * Runs the benchmark.
     *
     * @param base executor configuration (broker, ledger database, signing keys are used)
     * @param noopCommands number of NOTIFY commands for the throughput figure
     * @param processCommands number of ANSIBLE commands for the start-overhead figure
     * @param out where progress and figures are printed
     */
    public static Report run(
            ExecutorSettings base, int noopCommands, int processCommands, PrintStream out)
            throws ExecutorException, InterruptedException {
        String runId = "bench-" + UUID.randomUUID().toString().substring(0, 8);
        Path dir;
        try {
            dir = Files.createTempDirectory("ralf-executor-bench");
            Path script = dir.resolve("fake-ansible-playbook");
            Files.writeString(
                    script,
                    "#!/bin/sh\necho '{\"plays\": [], \"stats\": {\"localhost\": {\"ok\": 1, \"changed\": 0, \"failures\": 0, \"unreachable\": 0, \"skipped\": 0}}}'\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            Files.writeString(
                    dir.resolve("noop.yml"), "- hosts: all\n  gather_facts: false\n  tasks: []\n");
            Files.writeString(dir.resolve("inventory.ini"), "localhost\n");
            ExecutorSettings.Ansible ansible =
                    new ExecutorSettings.Ansible(
                            script.toString(),
                            Map.of(
                                    "bench-noop",
                                    new ExecutorSettings.Playbook(
                                            dir.resolve("noop.yml"),
                                            dir.resolve("inventory.ini"),
                                            List.of("*"))));
            ExecutorSettings cfg =
                    base.withTopics(
                                    runId + "-commands",
                                    runId + "-results",
                                    runId + "-approvals",
                                    runId)
                            .withAnsible(ansible)
                            .withDryRun(false);
            createTopics(cfg);
            try {
                return measure(cfg, runId, noopCommands, processCommands, out);
            } finally {
                deleteLedgerRows(cfg, runId);
                deleteTopics(cfg, out);
            }
        } catch (IOException e) {
            throw new ExecutorException("benchmark set-up failed: " + e.getMessage(), e);
        }
    }

    private static Report measure(
            ExecutorSettings cfg, String runId, int noop, int process, PrintStream out)
            throws ExecutorException, InterruptedException {
        CommandSigner signer = CommandProcessor.signer(cfg);
        String keyId = cfg.signingKeys().keySet().stream().sorted().findFirst().orElseThrow();
        ExecutorApp app = new ExecutorApp(cfg);
        Thread t =
                new Thread(
                        () -> {
                            try {
                                app.run();
                            } catch (ExecutorException | InterruptedException e) {
                                out.println("executor stopped: " + e.getMessage());
                            }
                        },
                        "executor-bench");
        t.start();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(cfg));
                KafkaConsumer<byte[], byte[]> results =
                        new KafkaConsumer<>(consumerProps(cfg, runId + "-reader"))) {
            results.subscribe(List.of(cfg.resultsTopic()));
            // Warm-up: group join, JIT, connections.
            send(
                    producer,
                    cfg,
                    sign(signer, keyId, command(runId + "-warmup", ActionKind.NOTIFY, "notify")));
            await(results, 1, out);

            double seconds = noopBatch(producer, results, cfg, signer, keyId, runId, noop, out);

            int before = app.metrics().overheadNanos().size();
            for (int i = 0; i < process; i++) {
                send(
                        producer,
                        cfg,
                        sign(
                                signer,
                                keyId,
                                command(runId + "-proc-" + i, ActionKind.ANSIBLE, "bench-noop")));
            }
            await(results, process, out);
            List<Long> samples =
                    new ArrayList<>(
                            app.metrics()
                                    .overheadNanos()
                                    .subList(before, app.metrics().overheadNanos().size()));
            samples.sort(Long::compare);
            Report r =
                    new Report(
                            noop,
                            seconds,
                            noop / seconds,
                            samples.size(),
                            percentile(samples, 0.5) / 1e6,
                            percentile(samples, 0.95) / 1e6,
                            app.metrics().results());
            out.println(r.describe());
            return r;
        } finally {
            app.close();
            t.join(60_000);
        }
    }

    /**
     * Sends {@code noop} pre-signed NOTIFY commands at once and waits for their results; returns
     * the seconds from the first send to the last result (signing is not timed).
     */
    private static double noopBatch(
            KafkaProducer<byte[], byte[]> producer,
            KafkaConsumer<byte[], byte[]> results,
            ExecutorSettings cfg,
            CommandSigner signer,
            String keyId,
            String runId,
            int noop,
            PrintStream out)
            throws ExecutorException {
        List<byte[]> noops = new ArrayList<>();
        for (int i = 0; i < noop; i++) {
            noops.add(
                    CommandCodec.bytes(
                            sign(
                                    signer,
                                    keyId,
                                    command(runId + "-noop-" + i, ActionKind.NOTIFY, "notify"))));
        }
        long t0 = System.nanoTime();
        for (byte[] v : noops) {
            producer.send(new ProducerRecord<>(cfg.commandsTopic(), v));
        }
        producer.flush();
        await(results, noop, out);
        return (System.nanoTime() - t0) / 1e9;
    }

    private static ActionCommand command(String key, ActionKind kind, String action) {
        return new ActionCommand(
                ActionCommand.SCHEMA_VERSION,
                key,
                key,
                Instant.now(),
                kind,
                action,
                "localhost",
                Map.of(),
                false,
                false,
                false,
                60,
                null,
                null,
                "benchmark",
                "",
                null);
    }

    private static ActionCommand sign(CommandSigner signer, String keyId, ActionCommand c) {
        return signer.sign(c, keyId);
    }

    private static void send(
            KafkaProducer<byte[], byte[]> p, ExecutorSettings cfg, ActionCommand c) {
        p.send(
                new ProducerRecord<>(
                        cfg.commandsTopic(),
                        c.target().getBytes(StandardCharsets.UTF_8),
                        CommandCodec.bytes(c)));
        p.flush();
    }

    private static void await(KafkaConsumer<byte[], byte[]> consumer, int n, PrintStream out)
            throws ExecutorException {
        int seen = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (seen < n) {
            if (System.nanoTime() > deadline) {
                throw new ExecutorException(
                        "benchmark: only " + seen + " of " + n + " results within 10 minutes");
            }
            for (var rec : consumer.poll(Duration.ofMillis(100))) {
                try {
                    CommandResult r = CommandCodec.result(rec.value());
                    if (r.state() == CommandState.REJECTED) {
                        out.println("benchmark command rejected: " + r.reason());
                    }
                } catch (IOException e) {
                    throw new ExecutorException("benchmark: undecodable result", e);
                }
                seen++;
            }
        }
    }

    private static double percentile(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static Properties producerProps(ExecutorSettings cfg) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    private static Properties consumerProps(ExecutorSettings cfg, String group) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    private static Admin admin(ExecutorSettings cfg) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
        return Admin.create(p);
    }

    private static void createTopics(ExecutorSettings cfg)
            throws ExecutorException, InterruptedException {
        try (Admin admin = admin(cfg)) {
            admin.createTopics(
                            List.of(
                                    new NewTopic(cfg.commandsTopic(), 1, (short) 1),
                                    new NewTopic(cfg.resultsTopic(), 1, (short) 1),
                                    new NewTopic(cfg.approvalsTopic(), 1, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ExecutorException("benchmark: cannot create topics: " + e.getMessage(), e);
        }
    }

    private static void deleteTopics(ExecutorSettings cfg, PrintStream out)
            throws InterruptedException {
        try (Admin admin = admin(cfg)) {
            admin.deleteTopics(
                            List.of(cfg.commandsTopic(), cfg.resultsTopic(), cfg.approvalsTopic()))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Leftover benchmark topics are harmless; say so rather than fail the figures.
            out.println("benchmark: could not delete its topics: " + e.getMessage());
        }
    }

    private static void deleteLedgerRows(ExecutorSettings cfg, String runId)
            throws ExecutorException {
        try (Database db = new Database(cfg.jdbcUrl(), cfg.jdbcUser(), cfg.jdbcPassword());
                PreparedStatement ps =
                        db.connection()
                                .prepareStatement(
                                        "DELETE FROM ralf.command_ledger WHERE idempotency_key LIKE ?")) {
            ps.setString(1, runId + "-%");
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new ExecutorException(
                    "benchmark: cannot delete its ledger rows: " + e.getMessage(), e);
        }
    }
}
