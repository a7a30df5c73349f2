package org.ralf.executor;

import java.io.IOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ralf.executor.approval.JdbcApprovalStore;
import org.ralf.executor.config.ConfigException;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.engine.CommandLoop;
import org.ralf.executor.engine.CommandProcessor;
import org.ralf.executor.engine.ExecutorMetrics;
import org.ralf.executor.engine.KafkaResultSink;
import org.ralf.executor.ledger.Database;
import org.ralf.executor.ledger.JdbcCommandLedger;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.NotifyRunner;
import org.ralf.executor.runner.ProcessRunner;
import org.ralf.executor.runner.ansible.AnsibleRunner;
import org.ralf.executor.runner.proxmox.ProxmoxClient;
import org.ralf.executor.runner.proxmox.ProxmoxRunner;
import org.ralf.executor.runner.tofu.TofuRunner;
import org.ralf.executor.security.Redactor;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor process: wires configuration, ledger, approval store, runners, the result producer
 * and the command consumer. {@link #run()} reconciles the ledger after a crash and then consumes
 * until {@link #close()} is called (for example from a shutdown hook); {@code ralf executor run}
 * and {@code ralf up} use it.
 *
 * <pre>{@code
 * ExecutorSettings cfg = ExecutorSettings.fromYaml(Path.of("ralf.yaml")).withDryRun(dryRunFlag);
 * try (ExecutorApp app = new ExecutorApp(cfg)) {
 *     Runtime.getRuntime().addShutdownHook(new Thread(app::close));
 *     app.run();
 * }
 * }</pre>
 */
public final class ExecutorApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorApp.class);

    private final ExecutorSettings config;
    private final Database db;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final CommandProcessor processor;
    private final CommandLoop loop;
    @Nullable private final ProxmoxRunner proxmox;
    private final ExecutorMetrics metrics = new ExecutorMetrics();
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean started;
    private boolean closedUnstarted;

    /** Wires the executor; nothing connects until {@link #run()}. */
    public ExecutorApp(ExecutorSettings config) throws ExecutorException {
        this(config, Clock.systemUTC());
    }

    /** Wires the executor with a clock (tests use a fixed or offset clock for approval expiry). */
    public ExecutorApp(ExecutorSettings config, Clock clock) throws ExecutorException {
        this.config = config;
        try {
            Files.createDirectories(config.workDir());
        } catch (IOException e) {
            throw new ConfigException("executor.work-dir", "cannot create " + config.workDir(), e);
        }
        this.db = new Database(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        ProcessRunner processes = new ProcessRunner();
        Map<ActionKind, ActionRunner> runners = new EnumMap<>(ActionKind.class);
        runners.put(ActionKind.ANSIBLE, new AnsibleRunner(config.ansible(), processes));
        runners.put(ActionKind.OPENTOFU, new TofuRunner(config.tofu(), processes));
        runners.put(ActionKind.NOTIFY, new NotifyRunner());
        if (config.proxmox().url() != null) {
            try {
                proxmox =
                        new ProxmoxRunner(
                                ProxmoxClient.of(config.proxmox()),
                                config.proxmox().pollInterval(),
                                clock);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new ConfigException("executor.proxmox.fingerprint", e.getMessage(), e);
            }
            runners.put(ActionKind.PROXMOX, proxmox);
        } else {
            proxmox = null;
            // The allowlist rejects PROXMOX commands before they run when Proxmox is not
            // configured.
            runners.put(
                    ActionKind.PROXMOX,
                    r ->
                            org.ralf.executor.runner.RunOutcome.of(
                                    CommandState.FAILED, "Proxmox is not configured"));
        }
        this.producer = new KafkaProducer<>(producerProps(config));
        this.consumer = new KafkaConsumer<>(consumerProps(config));
        Redactor redactor = new Redactor(config.secretValues());
        this.processor =
                new CommandProcessor(
                        config,
                        new JdbcCommandLedger(db),
                        new JdbcApprovalStore(db, config.approvers()),
                        runners,
                        new KafkaResultSink(
                                producer, config.resultsTopic(), config.deadLetterTopic()),
                        redactor,
                        clock,
                        metrics);
        this.loop =
                new CommandLoop(
                        consumer, processor, config.commandsTopic(), config.approvalsTopic());
    }

    static Properties consumerProps(ExecutorSettings c) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, c.groupId());
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, c.executorId() + "-commands");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "100");
        // A command runs inside the poll loop; the group must tolerate the longest allowed run.
        long maxPoll = c.maxTimeout().plus(Duration.ofMinutes(2)).toMillis();
        p.put(
                ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                String.valueOf(Math.min(Integer.MAX_VALUE, maxPoll)));
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        return p;
    }

    static Properties producerProps(ExecutorSettings c) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, c.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, c.executorId() + "-results");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return p;
    }

    /** Reconciles the ledger after a crash, then consumes until {@link #close()}. Blocks. */
    public void run() throws ExecutorException, InterruptedException {
        synchronized (this) {
            if (closedUnstarted || started) {
                throw new IllegalStateException("an ExecutorApp runs once and not after close()");
            }
            started = true;
        }
        try {
            LOG.info(
                    "executor {} starting (dry-run forced: {})",
                    config.executorId(),
                    config.dryRun());
            processor.reconcile(proxmox);
            processor.flush();
            loop.run();
        } finally {
            producer.close(Duration.ofSeconds(10));
            db.close();
            finished.countDown();
            LOG.info("executor {} stopped", config.executorId());
        }
    }

    /** Counters of this executor (results by state, start overhead). */
    public ExecutorMetrics metrics() {
        return metrics;
    }

    /** The configuration in use. */
    public ExecutorSettings config() {
        return config;
    }

    /**
     * Stops consuming after the command in progress and waits (bounded by the longest allowed
     * command) for {@link #run()} to return. Idempotent; safe from a shutdown hook.
     */
    @Override
    public synchronized void close() {
        loop.close();
        if (closedUnstarted) {
            return;
        }
        if (!started) {
            closedUnstarted = true;
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            producer.close(Duration.ZERO);
            db.close();
            return;
        }
        try {
            if (!finished.await(config.maxTimeout().toSeconds() + 30, TimeUnit.SECONDS)) {
                LOG.warn("executor {} did not stop in time", config.executorId());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
