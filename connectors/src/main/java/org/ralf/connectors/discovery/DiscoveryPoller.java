package org.ralf.connectors.discovery;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one {@link DiscoveryReader} at a fixed interval and publishes seen, changed and gone events
 * ({@link DiscoveryDiff}) to {@code ralf.discovery}, keyed by host id.
 *
 * <p>Order of one poll: read the source; dead-letter what it could not parse (each distinct
 * rejected input once while it persists, so a bad line does not flood the dead-letter topic);
 * publish the events and wait for Kafka's acknowledgement; then save the new state. A crash between
 * the last two steps repeats the events after the restart (at least once). An unreachable source
 * makes the poller {@link ConnectorHealth.State#DEGRADED} and changes nothing; bad input never
 * does.
 */
public final class DiscoveryPoller implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(DiscoveryPoller.class);
    private static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final DiscoveryReader reader;
    private final Duration interval;
    private final RecordPublisher publisher;
    private final DiscoveryStateStore store;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final EventSerde<DiscoveryEvent> serde = EventSerde.of(DiscoveryEvent.class);
    private final Object pollLock = new Object();
    private volatile ConnectorHealth health;
    @Nullable private Map<String, HostObservation> state;
    private Set<ByteBuffer> lastRejected = Set.of();
    @Nullable private ScheduledExecutorService scheduler;

    /**
     * @param name unique poller name; also its key in the state store
     * @param reader the source
     * @param interval time between the end of one poll and the start of the next
     * @param publisher publisher whose metrics are {@code metrics}
     * @param store where the last observed set survives restarts
     * @param metrics this poller's counters
     * @param clock event time of observations
     */
    public DiscoveryPoller(
            String name,
            DiscoveryReader reader,
            Duration interval,
            RecordPublisher publisher,
            DiscoveryStateStore store,
            ConnectorMetrics metrics,
            Clock clock) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        this.name = name;
        this.reader = reader;
        this.interval = interval;
        this.publisher = publisher;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.health =
                new ConnectorHealth(ConnectorHealth.State.STOPPED, "not started", clock.instant());
    }

    @Override
    public String name() {
        return name;
    }

    /** Loads the saved state and starts polling (the first poll runs at once). */
    @Override
    public synchronized void start() throws ConnectorException {
        if (scheduler != null) {
            throw new ConnectorException("discovery poller " + name + " already started");
        }
        health =
                new ConnectorHealth(
                        ConnectorHealth.State.STARTING, "loading state", clock.instant());
        synchronized (pollLock) {
            state = store.load(name);
        }
        ScheduledExecutorService s =
                Executors.newSingleThreadScheduledExecutor(
                        r -> {
                            Thread t = new Thread(r, "discovery-" + name);
                            t.setDaemon(true);
                            return t;
                        });
        scheduler = s;
        s.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollSafely() {
        try {
            pollOnce();
        } catch (ConnectorException e) {
            LOG.warn("discovery {}: poll failed: {}", name, e.getMessage());
        } catch (RuntimeException e) {
            // keep the schedule alive: a bug in one poll must not end discovery
            LOG.error("discovery {}: unexpected failure in a poll", name, e);
            setHealth(ConnectorHealth.State.DEGRADED, "unexpected: " + e);
        }
    }

    /**
     * Runs one poll now (also what the schedule runs).
     *
     * @return the events published
     * @throws ConnectorException if the source, Kafka or the state store failed; the state is then
     *     unchanged and health is degraded
     */
    public List<DiscoveryEvent> pollOnce() throws ConnectorException {
        synchronized (pollLock) {
            if (state == null) {
                state = store.load(name);
            }
            Instant at = clock.instant();
            PollResult poll;
            try {
                poll = reader.poll();
            } catch (ConnectorException e) {
                setHealth(
                        ConnectorHealth.State.DEGRADED,
                        reader.describe() + " unreachable: " + e.getMessage());
                throw e;
            }
            metrics.recordsIn(poll.hosts().size());
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            Set<ByteBuffer> rejectedNow = new HashSet<>();
            for (Rejected r : poll.rejected()) {
                ByteBuffer digest = digest(r);
                rejectedNow.add(digest);
                if (lastRejected.contains(digest)) {
                    continue; // the same bad input as in the previous poll: already dead-lettered
                }
                pending.add(
                        publisher.deadLetter(
                                name, r.raw(), r.cause(), r.reason(), "DiscoveryEvent"));
            }
            DiscoveryDiff.Step step = DiscoveryDiff.apply(state, poll, at);
            for (DiscoveryEvent e : step.events()) {
                pending.add(publisher.publish(Topics.DISCOVERY, e.hostId(), e, serde));
            }
            await(pending);
            store.save(name, state, step.next());
            state = step.next();
            lastRejected = rejectedNow;
            metrics.lagMillis(Math.max(0, clock.millis() - at.toEpochMilli()));
            setHealth(
                    ConnectorHealth.State.HEALTHY,
                    reader.describe()
                            + ": "
                            + step.next().size()
                            + " hosts"
                            + (poll.complete() ? "" : " (last poll incomplete)"));
            return step.events();
        }
    }

    private void await(List<CompletableFuture<Void>> pending) throws ConnectorException {
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                    .get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted waiting for Kafka", e);
        } catch (ExecutionException | TimeoutException e) {
            setHealth(ConnectorHealth.State.DEGRADED, "Kafka did not take discovery events: " + e);
            throw new ConnectorException("Kafka did not take discovery events", e);
        }
    }

    private static ByteBuffer digest(Rejected r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(r.raw());
            md.update(r.reason().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return ByteBuffer.wrap(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private void setHealth(ConnectorHealth.State s, String detail) {
        ConnectorHealth current = health;
        // "since" is when the state was entered: a new detail in the same state keeps it
        health =
                new ConnectorHealth(
                        s, detail, current.state() == s ? current.since() : clock.instant());
    }

    @Override
    public ConnectorHealth health() {
        return health;
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    /** Stops the schedule, waiting for a running poll to finish. */
    @Override
    public synchronized void close() {
        ScheduledExecutorService s = scheduler;
        scheduler = null;
        if (s != null) {
            s.shutdown();
            try {
                if (!s.awaitTermination(30, TimeUnit.SECONDS)) {
                    s.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.shutdownNow();
            }
        }
        publisher.flush();
        health = new ConnectorHealth(ConnectorHealth.State.STOPPED, "closed", clock.instant());
    }
}
