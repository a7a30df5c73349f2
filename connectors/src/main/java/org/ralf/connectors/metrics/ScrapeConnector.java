package org.ralf.connectors.metrics;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.EventSerde;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes Prometheus targets (text format 0.0.4 and OpenMetrics) like Prometheus does: targets from
 * static groups and file_sd files (re-read when they change), each on its own interval and timeout,
 * the target labels {@code job} and {@code instance} plus the group's labels added to every sample
 * (an exposed label of the same name is kept as {@code exported_<name>}, Prometheus' {@code
 * honor_labels: false}), and a synthesized {@code up} (1 when the scrape succeeded, else 0), {@code
 * scrape_duration_seconds} and {@code scrape_samples_scraped} per target and scrape.
 *
 * <p>Samples without their own timestamp get the scrape's start time. Lines that do not parse and
 * non-finite values are dead-lettered; the rest of the scrape is kept. When Kafka's buffer is full
 * the scrape thread blocks (later scrapes wait), which is this pull source's backpressure.
 */
public final class ScrapeConnector implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(ScrapeConnector.class);

    private final ScrapeSettings settings;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final IngestTopics topics;
    private final Clock clock;
    private final HealthState health;
    private final HttpClient http;
    private final EventSerde<MetricSample> serde = EventSerde.of(MetricSample.class);
    private final ScheduledExecutorService scheduler;
    private final Map<String, ScheduledFuture<?>> scheduled = new ConcurrentHashMap<>();
    private final Map<Path, FileTime> fileSdSeen = new HashMap<>();
    private final Map<Path, List<ScrapeJob.TargetGroup>> fileSdGroups = new HashMap<>();
    private volatile boolean running;

    /**
     * @param settings jobs and limits
     * @param publisher Kafka publisher (owned: closed with the connector)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where samples and dead letters go
     * @param clock scrape times
     */
    public ScrapeConnector(
            ScrapeSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.topics = topics;
        this.clock = clock;
        this.health = new HealthState(clock);
        this.http =
                HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        AtomicInteger n = new AtomicInteger();
        this.scheduler =
                Executors.newScheduledThreadPool(
                        settings.threads() + 1,
                        r -> {
                            Thread t =
                                    new Thread(
                                            r, settings.name() + "-scrape-" + n.incrementAndGet());
                            t.setDaemon(true);
                            return t;
                        });
    }

    /** One target with everything needed to scrape it. */
    record Target(
            String job, URI uri, Map<String, String> labels, Duration interval, Duration timeout) {
        String key() {
            return job + "|" + uri + "|" + labels + "|" + interval + "|" + timeout;
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void start() throws ConnectorException {
        running = true;
        Duration refresh =
                settings.jobs().stream()
                        .map(ScrapeJob::fileSdRefresh)
                        .min(Duration::compareTo)
                        .orElse(Duration.ofSeconds(30));
        reconcile();
        scheduler.scheduleWithFixedDelay(
                this::reconcileSafely,
                refresh.toMillis(),
                refresh.toMillis(),
                TimeUnit.MILLISECONDS);
        health.set(ConnectorHealth.State.HEALTHY, scheduled.size() + " targets");
    }

    @Override
    public ConnectorHealth health() {
        return health.get();
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    /** The targets currently scheduled (for tests and status). */
    public List<String> targets() {
        return List.copyOf(scheduled.keySet());
    }

    private void reconcileSafely() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("{}: target refresh failed: {}", name(), e.toString());
        }
    }

    /** Builds the current target list and (un)schedules the difference. */
    private synchronized void reconcile() {
        if (!running) {
            return;
        }
        Map<String, Target> wanted = new LinkedHashMap<>();
        for (ScrapeJob job : settings.jobs()) {
            List<ScrapeJob.TargetGroup> groups = new ArrayList<>(job.staticConfigs());
            for (Path file : job.fileSd()) {
                groups.addAll(readFileSd(file));
            }
            for (ScrapeJob.TargetGroup g : groups) {
                for (String address : g.targets()) {
                    try {
                        Target t = target(job, address, g.labels());
                        wanted.put(t.key(), t);
                    } catch (IllegalArgumentException e) {
                        LOG.warn("{}: skipping target {}: {}", name(), address, e.getMessage());
                    }
                }
            }
        }
        scheduled
                .entrySet()
                .removeIf(
                        e -> {
                            if (!wanted.containsKey(e.getKey())) {
                                e.getValue().cancel(false);
                                return true;
                            }
                            return false;
                        });
        for (Target t : wanted.values()) {
            scheduled.computeIfAbsent(
                    t.key(),
                    k ->
                            scheduler.scheduleAtFixedRate(
                                    () -> scrapeSafely(t),
                                    0,
                                    t.interval().toMillis(),
                                    TimeUnit.MILLISECONDS));
        }
    }

    static Target target(ScrapeJob job, String address, Map<String, String> groupLabels) {
        String scheme = groupLabels.getOrDefault("__scheme__", job.scheme());
        String path = groupLabels.getOrDefault("__metrics_path__", job.metricsPath());
        Duration interval = job.interval();
        Duration timeout = job.timeout();
        if (groupLabels.containsKey("__scrape_interval__")) {
            interval = parseDuration(groupLabels.get("__scrape_interval__"));
        }
        if (groupLabels.containsKey("__scrape_timeout__")) {
            timeout = parseDuration(groupLabels.get("__scrape_timeout__"));
        }
        if (timeout.compareTo(interval) > 0) {
            timeout = interval;
        }
        Map<String, String> labels = new HashMap<>();
        for (Map.Entry<String, String> e : groupLabels.entrySet()) {
            if (!e.getKey().startsWith("__")) {
                labels.put(e.getKey(), e.getValue());
            }
        }
        labels.put("job", job.job());
        labels.putIfAbsent("instance", address);
        URI uri = URI.create(scheme + "://" + address + path);
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("not a host:port address");
        }
        return new Target(job.job(), uri, Map.copyOf(labels), interval, timeout);
    }

    /** Prometheus durations: 15s, 1m, 500ms, 1h. */
    static Duration parseDuration(String s) {
        String t = s.trim();
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("unknown unit in duration " + s);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a duration: " + s);
        }
    }

    private List<ScrapeJob.TargetGroup> readFileSd(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (modified.equals(fileSdSeen.get(file))) {
                return fileSdGroups.getOrDefault(file, List.of());
            }
            byte[] content = Files.readAllBytes(file);
            fileSdSeen.put(file, modified);
            try {
                fileSdGroups.put(file, FileSd.parse(content));
            } catch (IllegalArgumentException e) {
                // keep the last good targets, as Prometheus does, and keep the bad file's content
                LOG.warn("{}: {}: {}", name(), file, e.getMessage());
                publisher.deadLetter(
                        name(),
                        content,
                        DeadLetterCause.UNPARSEABLE_INPUT,
                        file + ": " + e.getMessage(),
                        null);
            }
        } catch (IOException e) {
            LOG.warn("{}: cannot read file_sd {}: {}", name(), file, e.toString());
        } catch (ConnectorException e) {
            LOG.warn("{}: dead letter not stored: {}", name(), e.getMessage());
        }
        return fileSdGroups.getOrDefault(file, List.of());
    }

    private void scrapeSafely(Target t) {
        try {
            scrape(t);
        } catch (RuntimeException e) {
            LOG.warn("{}: scrape of {} failed: {}", name(), t.uri(), e.toString());
        }
    }

    /** Scrapes a target once and publishes its samples; visible for tests. */
    void scrape(Target t) {
        if (!running) {
            return;
        }
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        String source = name() + ":" + t.labels().get("instance");
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        int scraped = 0;
        boolean up = false;
        try {
            HttpResponse<InputStream> response =
                    http.send(
                            HttpRequest.newBuilder(t.uri())
                                    .timeout(t.timeout())
                                    .header("Accept", ExpositionParser.ACCEPT)
                                    .header(
                                            "X-Prometheus-Scrape-Timeout-Seconds",
                                            String.valueOf(t.timeout().toMillis() / 1000.0))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofInputStream());
            byte[] body;
            try (InputStream in = response.body()) {
                body = in.readNBytes(settings.maxBodyBytes() + 1);
            }
            metrics.bytesIn(body.length);
            if (response.statusCode() != 200) {
                LOG.debug("{}: {} answered {}", name(), t.uri(), response.statusCode());
            } else if (body.length > settings.maxBodyBytes()) {
                deadLetter(
                        body,
                        DeadLetterCause.TOO_LARGE,
                        t.uri() + ": scrape body exceeds " + settings.maxBodyBytes() + " bytes");
            } else {
                ExpositionParser.Result result =
                        ExpositionParser.parse(
                                body,
                                ExpositionParser.formatOf(
                                        response.headers()
                                                .firstValue("Content-Type")
                                                .orElse(null)));
                scraped = store(result, t, started, source, records);
                up = true;
            }
        } catch (IOException e) {
            LOG.debug("{}: scrape of {} failed: {}", name(), t.uri(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double duration = (System.nanoTime() - t0) / 1e9;
        records.add(record("up", t.labels(), up ? 1 : 0, started, source));
        records.add(record("scrape_duration_seconds", t.labels(), duration, started, source));
        records.add(record("scrape_samples_scraped", t.labels(), scraped, started, source));
        metrics.recordsIn(records.size());
        try {
            publisher
                    .publishAll(records)
                    .whenComplete(
                            (ok, error) -> {
                                if (error != null) {
                                    metrics.errors(1);
                                    health.set(
                                            ConnectorHealth.State.DEGRADED,
                                            "Kafka did not acknowledge a scrape: " + error);
                                } else {
                                    health.recovered(scheduled.size() + " targets");
                                }
                            });
        } catch (ConnectorException e) {
            health.set(ConnectorHealth.State.DEGRADED, e.getMessage());
            LOG.warn("{}: scrape of {} not stored: {}", name(), t.uri(), e.getMessage());
        }
    }

    /**
     * Turns a parsed scrape into records (dead-lettering unparseable lines and non-finite values)
     * and returns how many samples it stored.
     */
    private int store(
            ExpositionParser.Result result,
            Target t,
            Instant started,
            String source,
            List<ProducerRecord<byte[], byte[]>> records) {
        int scraped = 0;
        for (ExpositionParser.LineError e : result.errors()) {
            deadLetter(
                    e.line(),
                    DeadLetterCause.UNPARSEABLE_INPUT,
                    t.uri() + " line " + e.lineNumber() + ": " + e.reason());
        }
        for (ExpositionParser.Sample s : result.samples()) {
            if (!Double.isFinite(s.value())) {
                deadLetter(
                        (s.name() + s.labels() + " " + s.value()).getBytes(StandardCharsets.UTF_8),
                        DeadLetterCause.INVALID_VALUE,
                        t.uri() + ": non-finite value of " + s.name());
                continue;
            }
            Instant ts =
                    s.timestampMillis() == null
                            ? started
                            : Instant.ofEpochMilli(s.timestampMillis());
            records.add(record(s.name(), withTargetLabels(s.labels(), t), s.value(), ts, source));
            scraped++;
        }
        return scraped;
    }

    /** Adds target labels; an exposed label of the same name becomes exported_<name>. */
    static Map<String, String> withTargetLabels(Map<String, String> exposed, Target t) {
        Map<String, String> labels = new HashMap<>(exposed);
        for (Map.Entry<String, String> e : t.labels().entrySet()) {
            String old = labels.put(e.getKey(), e.getValue());
            if (old != null && !old.equals(e.getValue())) {
                labels.put("exported_" + e.getKey(), old);
            }
        }
        return labels;
    }

    private ProducerRecord<byte[], byte[]> record(
            String metric, Map<String, String> labels, double value, Instant ts, String source) {
        MetricSample s = MetricSample.of(metric, labels, value, ts, source);
        return new ProducerRecord<>(
                topics.metrics(),
                s.seriesId().getBytes(StandardCharsets.UTF_8),
                serde.serialize(s));
    }

    private void deadLetter(byte[] raw, DeadLetterCause cause, String reason) {
        try {
            publisher.deadLetter(
                    name(), Arrays.copyOf(raw, raw.length), cause, reason, "MetricSample");
        } catch (ConnectorException e) {
            LOG.warn("{}: dead letter not stored: {}", name(), e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.flush();
        publisher.close();
        health.set(ConnectorHealth.State.STOPPED, "stopped");
    }
}
