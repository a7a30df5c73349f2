package org.ralf.simulator;

import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.emit.ExpositionServer;
import org.ralf.simulator.emit.FanOutSink;
import org.ralf.simulator.emit.JdbcWriter;
import org.ralf.simulator.emit.KafkaEventSink;
import org.ralf.simulator.emit.LabelsFileWriter;
import org.ralf.simulator.emit.SyslogSender;
import org.ralf.simulator.engine.Engine;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimClock;
import org.ralf.simulator.engine.SimEvent;
import org.ralf.simulator.proxmox.FakeProxmox;
import org.ralf.simulator.proxmox.ProxmoxBridge;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.score.Report;
import org.ralf.simulator.score.Scorer;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's entry point: loads the scenario, wires the emitters of the chosen mode, keeps a
 * {@link FakeProxmox} in step with the model (its own, or one given), and runs the engine on one
 * thread, paced to wall time by the speed factor.
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.create(settings)) {
 *     sim.start();
 *     sim.awaitCompletion(Duration.ofMinutes(5));
 *     Report r = sim.report(anomalies);
 * }
 * }</pre>
 *
 * <p>Thread-safety: every public method may be called from any thread; the engine itself only runs
 * on the simulator's thread (or the caller's, in {@link #run()} and {@link #tick()}).
 */
public final class Simulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);

    /** API token id of the simulator's own FakeProxmox. */
    public static final String PROXMOX_TOKEN_ID = "ralf@pve!executor";

    private final SimulatorSettings settings;
    private final Scenario scenario;
    private final long seed;
    private final Engine engine;
    @Nullable private final FakeProxmox proxmox;
    private final boolean ownsProxmox;
    private final String proxmoxSecret;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final List<SimulatorListener> listeners = new CopyOnWriteArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final CountDownLatch stop = new CountDownLatch(1);
    @Nullable private final CollectingSink collector;
    @Nullable private final ExpositionServer exposition;
    @Nullable private final KafkaEventSink kafka;
    @Nullable private volatile Thread thread;
    @Nullable private volatile String failure;
    private volatile boolean closed;

    private Simulator(
            SimulatorSettings settings, Scenario scenario, @Nullable FakeProxmox givenProxmox)
            throws SimulatorException {
        this.settings = settings;
        this.scenario = scenario;
        this.seed = settings.seed() == null ? scenario.seed() : settings.seed();
        Instant start = startOf(settings, scenario);
        // COLLECT runs have no API clients: skip the fake's TLS key generation (seconds) there
        this.ownsProxmox =
                givenProxmox == null && settings.mode() != SimulatorSettings.Mode.COLLECT;
        this.proxmoxSecret = UUID.randomUUID().toString();
        this.proxmox =
                givenProxmox != null
                        ? givenProxmox
                        : ownsProxmox
                                ? new FakeProxmox(Duration.ofMillis(200))
                                        .addToken(PROXMOX_TOKEN_ID, proxmoxSecret)
                                : null;
        List<EventSink> sinks = new ArrayList<>();
        // the engine is created first with a forwarding sink: the bridge needs the engine
        List<EventSink> late = new ArrayList<>();
        this.engine = new Engine(scenario, seed, start, e -> late.forEach(s -> s.accept(e)));
        try {
            if (proxmox != null) {
                sinks.add(new ProxmoxBridge(proxmox, engine));
            }
            ModeSinks mode = modeSinks(sinks);
            this.collector = mode.collector();
            this.exposition = mode.exposition();
            this.kafka = mode.kafka();
            addRecordingSinks(sinks);
            sinks.add(this::notifyListeners);
        } catch (SQLException e) {
            closeQuietly();
            throw new SimulatorException(
                    "cannot connect to " + settings.jdbcUrl() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw new SimulatorException("cannot set up the simulator: " + e.getMessage(), e);
        }
        late.add(new FanOutSink(sinks));
        if (ownsProxmox && proxmox != null) {
            proxmox.start();
        }
    }

    private static Instant startOf(SimulatorSettings settings, Scenario scenario) {
        return settings.start() != null
                ? settings.start()
                : settings.speed() > 0
                        ? Instant.now().truncatedTo(ChronoUnit.SECONDS)
                        : scenario.start();
    }

    /** The outputs of the mode; only the mode's own is non-null. */
    private record ModeSinks(
            @Nullable CollectingSink collector,
            @Nullable ExpositionServer exposition,
            @Nullable KafkaEventSink kafka) {}

    /** Creates the mode's output and adds it (and a syslog sender) to {@code sinks}. */
    private ModeSinks modeSinks(List<EventSink> sinks) {
        switch (settings.mode()) {
            case COLLECT -> {
                CollectingSink c = new CollectingSink(false);
                sinks.add(c);
                return new ModeSinks(c, null, null);
            }
            case DIRECT_KAFKA -> {
                KafkaEventSink k = new KafkaEventSink(settings.bootstrapServers());
                closeables.add(k);
                sinks.add(k);
                return new ModeSinks(null, null, k);
            }
            default -> {
                ExpositionServer x = new ExpositionServer();
                closeables.add(x);
                sinks.add(x);
                if (settings.syslogHost() != null) {
                    SyslogSender syslog =
                            new SyslogSender(settings.syslogHost(), settings.syslogPort());
                    closeables.add(syslog);
                    sinks.add(syslog);
                }
                return new ModeSinks(null, x, null);
            }
        }
    }

    /** Adds the optional JDBC writer and labels file to {@code sinks}. */
    private void addRecordingSinks(List<EventSink> sinks) throws SQLException {
        if (settings.jdbcUrl() != null) {
            JdbcWriter jdbc =
                    new JdbcWriter(
                            settings.jdbcUrl(),
                            settings.jdbcUser() == null ? "" : settings.jdbcUser(),
                            settings.jdbcPassword() == null ? "" : settings.jdbcPassword());
            closeables.add(jdbc);
            sinks.add(jdbc);
        }
        if (settings.labelsFile() != null) {
            sinks.add(new LabelsFileWriter(settings.labelsFile(), scenario.name(), seed));
        }
    }

    /** A simulator for the settings, with its own FakeProxmox (see {@link #proxmox()}). */
    public static Simulator create(SimulatorSettings settings) throws SimulatorException {
        return new Simulator(settings, ScenarioLoader.load(settings.scenario()), null);
    }

    /**
     * A simulator for the settings that keeps the given FakeProxmox in step (the caller starts and
     * closes it; the simulator adds the scenario's nodes and guests and a task listener).
     */
    public static Simulator create(SimulatorSettings settings, FakeProxmox proxmox)
            throws SimulatorException {
        return new Simulator(settings, ScenarioLoader.load(settings.scenario()), proxmox);
    }

    /** A simulator of an already loaded scenario, with the given FakeProxmox or its own. */
    public static Simulator create(
            SimulatorSettings settings, Scenario scenario, @Nullable FakeProxmox proxmox)
            throws SimulatorException {
        return new Simulator(settings, scenario, proxmox);
    }

    /** Adds a listener; call before {@link #start()}. */
    public Simulator addListener(SimulatorListener listener) {
        listeners.add(listener);
        return this;
    }

    private void notifyListeners(SimEvent e) {
        for (SimulatorListener l : listeners) {
            l.event(e);
        }
        if (e instanceof SimEvent.Fault f) {
            LOG.info(
                    "fault {} {} on {}: {}",
                    f.fault().end() == null ? "started" : "ended",
                    f.fault().kind(),
                    f.fault().entity(),
                    f.fault().faultId());
            listeners.forEach(l -> l.faultChanged(f.fault()));
        } else if (e instanceof SimEvent.Action a) {
            LOG.info("Proxmox action applied: {}", a.action().describe());
            listeners.forEach(l -> l.actionApplied(a.action()));
        }
    }

    /** Starts the run on a background thread. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        Thread t = new Thread(this::loop, "ralf-simulator");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Runs the whole scenario on the caller's thread (paced if the speed is above 0). */
    public void run() throws SimulatorException {
        loop();
        if (failure != null) {
            throw new SimulatorException("simulation failed: " + failure);
        }
    }

    /** Runs exactly one tick on the caller's thread (tests that step the clock themselves). */
    public void tick() {
        synchronized (engine) {
            engine.tick();
        }
    }

    private void loop() {
        SimClock clock = new SimClock(engine.start(), Instant.now(), settings.speed());
        try {
            while (!closed) {
                synchronized (engine) {
                    if (engine.done()) {
                        break;
                    }
                }
                if (clock.paced()) {
                    long waitMs =
                            Duration.between(Instant.now(), clock.wallAt(engine.now())).toMillis();
                    // bounded by the tick's due time; close() releases it at once
                    if (waitMs > 0 && stop.await(waitMs, TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
                synchronized (engine) {
                    engine.tick();
                }
            }
            if (kafka != null) {
                kafka.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = "interrupted";
        } catch (RuntimeException e) {
            failure = e.toString();
            LOG.error("simulation failed at {}", engine.now(), e);
        } finally {
            finished.countDown();
            Progress p = progress();
            listeners.forEach(l -> l.finished(p));
        }
    }

    /** Waits up to {@code timeout} for the run to finish; true if it did. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The current progress. */
    public Progress progress() {
        synchronized (engine) {
            List<GroundTruthFault> truth = engine.groundTruth();
            int ended = (int) truth.stream().filter(f -> f.end() != null).count();
            return new Progress(
                    engine.now(),
                    engine.ticks(),
                    engine.events(),
                    truth.size(),
                    ended,
                    engine.actions().size(),
                    finished.getCount() == 0,
                    failure);
        }
    }

    /** Ground truth of the faults started so far. */
    public List<GroundTruthFault> groundTruth() {
        synchronized (engine) {
            return engine.groundTruth();
        }
    }

    /** Proxmox actions applied so far. */
    public List<ActionRecord> actions() {
        synchronized (engine) {
            return engine.actions();
        }
    }

    /** Whether a service ({@code guest/service}) is running in the model now. */
    public boolean serviceRunning(String serviceId) {
        synchronized (engine) {
            return engine.serviceRunning(serviceId);
        }
    }

    /** The node a guest is on now in the model. */
    public String nodeOf(String guest) {
        synchronized (engine) {
            return engine.nodeOf(guest);
        }
    }

    /** Guest names to vmids. */
    public Map<String, Integer> vmids() {
        synchronized (engine) {
            return engine.vmids();
        }
    }

    /** The loaded scenario. */
    public Scenario scenario() {
        return scenario;
    }

    /** The seed in use. */
    public long seed() {
        return seed;
    }

    /** The simulated start and end. */
    public Instant simulatedStart() {
        return engine.start();
    }

    /** The simulated end. */
    public Instant simulatedEnd() {
        return engine.end();
    }

    /**
     * The FakeProxmox kept in step with the model: the one given, else the simulator's own (started
     * already), or null in {@link SimulatorSettings.Mode#COLLECT} mode without one given.
     */
    @Nullable
    public FakeProxmox proxmox() {
        return proxmox;
    }

    /**
     * The API token secret of the simulator's own FakeProxmox (token id {@link #PROXMOX_TOKEN_ID}).
     */
    public String proxmoxTokenSecret() {
        return proxmoxSecret;
    }

    /** Scrape URL per host (front-doors mode; empty otherwise). */
    public Map<String, URI> scrapeTargets() {
        return exposition == null ? Map.of() : exposition.targets();
    }

    /** Hash of every event so far (collect mode; null otherwise). */
    @Nullable
    public String eventHash() {
        synchronized (engine) {
            return collector == null ? null : collector.hash();
        }
    }

    /** Scores the run so far against the anomalies the pipeline produced. */
    public Report report(List<Anomaly> anomalies) {
        synchronized (engine) {
            return Scorer.defaults()
                    .score(
                            scenario.name(),
                            seed,
                            engine.groundTruth(),
                            anomalies,
                            engine.actions(),
                            engine.now());
        }
    }

    @Override
    public void close() {
        closed = true;
        stop.countDown();
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
        if (ownsProxmox && proxmox != null) {
            proxmox.close();
        }
    }
}
