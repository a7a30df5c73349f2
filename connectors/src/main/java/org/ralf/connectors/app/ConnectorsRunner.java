package org.ralf.connectors.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.connectors.logs.FileTailSettings;
import org.ralf.connectors.logs.FileTailer;
import org.ralf.connectors.logs.LokiPushReceiver;
import org.ralf.connectors.logs.LokiSettings;
import org.ralf.connectors.logs.SyslogServer;
import org.ralf.connectors.logs.SyslogSettings;
import org.ralf.connectors.metrics.RemoteWriteReceiver;
import org.ralf.connectors.metrics.RemoteWriteSettings;
import org.ralf.connectors.metrics.ScrapeConnector;
import org.ralf.connectors.metrics.ScrapeJob;
import org.ralf.connectors.metrics.ScrapeSettings;
import org.ralf.schemas.config.ConfigEntry;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.RalfConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the ingestion connectors from the {@code connectors:} section of {@code ralf.yaml}, starts
 * them, and stops them in reverse order on {@link #close()}. Entry point of {@code ralf connectors
 * run [--only NAME...]} and of {@code ralf up}.
 *
 * <p>Each entry of the section is one connector, keyed by its name, with a {@code type}: {@code
 * remote-write}, {@code prometheus-scrape}, {@code syslog}, {@code loki} or {@code file-tail}; see
 * docs/connectors.md for the keys of each. Each connector gets its own idempotent producer, so one
 * blocked connector does not stall the others. A bad entry fails {@link #fromConfig} with a message
 * naming the key.
 */
public final class ConnectorsRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorsRunner.class);

    private final List<Connector> connectors;
    private final List<Connector> started = new ArrayList<>();

    /**
     * @param connectors connectors to run, in start order
     */
    public ConnectorsRunner(List<Connector> connectors) {
        this.connectors = List.copyOf(connectors);
    }

    /**
     * Settings of one run.
     *
     * @param bootstrapServers Kafka
     * @param bufferBytes producer buffer per connector
     * @param maxBlock blocking bound of a full buffer
     * @param topics target topics
     * @param entries the connector instances by name, read through {@link ConnectorOptions}
     */
    public record Settings(
            String bootstrapServers,
            long bufferBytes,
            Duration maxBlock,
            IngestTopics topics,
            Map<String, ConfigEntry> entries) {}

    /**
     * Reads the settings of the {@code connectors:} section.
     *
     * @throws ConfigException naming the key of an entry that is not a mapping, or of an unknown
     *     key of {@code connectors.kafka}
     */
    public static Settings settings(RalfConfig config) {
        Map<String, ConfigEntry> entries =
                new LinkedHashMap<>(ConfigEntry.map(config, "connectors"));
        ConfigEntry kafka = entries.remove(ConnectorOptions.KAFKA_ENTRY);
        if (kafka != null) {
            kafka.checkKeys(ConnectorOptions.KAFKA_ENTRY_KEYS, List.of());
        }
        return new Settings(
                config.get(ConnectorOptions.BOOTSTRAP),
                config.get(ConnectorOptions.BUFFER_MB) * 1024L * 1024L,
                config.get(ConnectorOptions.MAX_BLOCK),
                IngestTopics.REGISTRY,
                entries);
    }

    /**
     * Builds the runner for the configuration.
     *
     * @param only names to run; empty = all
     * @throws ConfigException naming the key of a bad entry, or an unknown name in {@code only}
     */
    public static ConnectorsRunner fromConfig(RalfConfig config, List<String> only) {
        return fromSettings(settings(config), only, Clock.systemUTC());
    }

    /** Builds the runner from settings, each connector with its own new Kafka producer. */
    public static ConnectorsRunner fromSettings(Settings s, List<String> only, Clock clock) {
        return fromSettings(s, only, clock, (name, metrics) -> publisher(name, s, metrics));
    }

    /** Makes the Kafka publisher of one connector. */
    @FunctionalInterface
    public interface PublisherFactory {
        /**
         * @param connector connector name
         * @param metrics the connector's counters, which the publisher must update
         */
        RecordPublisher create(String connector, ConnectorMetrics metrics);
    }

    /**
     * Builds the runner from settings with publishers from the factory (tests pass one over Kafka's
     * {@code MockProducer}).
     */
    public static ConnectorsRunner fromSettings(
            Settings s, List<String> only, Clock clock, PublisherFactory publishers) {
        for (String n : only) {
            if (!s.entries().containsKey(n)) {
                throw new ConfigException(
                        "--only "
                                + n
                                + ": no such connector in connectors: "
                                + s.entries().keySet());
            }
        }
        List<Connector> built = new ArrayList<>();
        try {
            for (Map.Entry<String, ConfigEntry> e : s.entries().entrySet()) {
                if (!only.isEmpty() && !only.contains(e.getKey())) {
                    continue;
                }
                try {
                    built.add(build(e.getKey(), e.getValue(), s, clock, publishers));
                } catch (IllegalArgumentException | java.time.DateTimeException bad) {
                    throw new ConfigException("connectors." + e.getKey() + ": " + bad.getMessage());
                }
            }
        } catch (RuntimeException e) {
            built.forEach(Connector::close);
            throw e;
        }
        return new ConnectorsRunner(built);
    }

    private static Connector build(
            String name, ConfigEntry e, Settings s, Clock clock, PublisherFactory publishers) {
        String type = e.required(ConnectorOptions.TYPE);
        ConnectorMetrics metrics = new ConnectorMetrics();
        // validate everything before a producer is created, so a bad entry leaks nothing
        return switch (type) {
            case "remote-write" -> {
                RemoteWriteSettings rw = remoteWrite(name, e);
                yield new RemoteWriteReceiver(
                        rw, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "prometheus-scrape" -> {
                ScrapeSettings ss = scrape(name, e);
                yield new ScrapeConnector(
                        ss, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "syslog" -> {
                SyslogSettings ss = syslog(name, e);
                yield new SyslogServer(
                        ss, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "loki" -> {
                LokiSettings ls = loki(name, e);
                yield new LokiPushReceiver(
                        ls, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "file-tail" -> {
                FileTailSettings fs = fileTail(name, e);
                yield new FileTailer(
                        fs, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            default ->
                    throw new ConfigException(
                            e.path()
                                    + ".type: '"
                                    + type
                                    + "' is not one of remote-write, prometheus-scrape, syslog, loki,"
                                    + " file-tail");
        };
    }

    /** Rejects a key the connector type does not declare, naming the nearest declared one. */
    private static void checkKeys(ConfigEntry e, Class<?> typeOptions, List<String> lists) {
        List<ConfigOption<?>> known = new ArrayList<>(ConfigEntry.options(typeOptions));
        known.add(ConnectorOptions.TYPE);
        e.checkKeys(known, lists);
    }

    private static RemoteWriteSettings remoteWrite(String name, ConfigEntry e) {
        checkKeys(e, ConnectorOptions.RemoteWrite.class, List.of());
        return new RemoteWriteSettings(
                name,
                e.get(ConnectorOptions.RemoteWrite.BIND),
                e.get(ConnectorOptions.RemoteWrite.PORT),
                e.get(ConnectorOptions.RemoteWrite.MAX_BODY_BYTES),
                e.get(ConnectorOptions.RemoteWrite.MAX_DECOMPRESSED_BYTES),
                e.get(ConnectorOptions.RemoteWrite.ACK_TIMEOUT),
                e.get(ConnectorOptions.RemoteWrite.THREADS));
    }

    private static LokiSettings loki(String name, ConfigEntry e) {
        checkKeys(e, ConnectorOptions.Loki.class, List.of());
        return new LokiSettings(
                name,
                e.get(ConnectorOptions.Loki.BIND),
                e.get(ConnectorOptions.Loki.PORT),
                e.get(ConnectorOptions.Loki.MAX_BODY_BYTES),
                e.get(ConnectorOptions.Loki.MAX_DECOMPRESSED_BYTES),
                e.get(ConnectorOptions.Loki.ACK_TIMEOUT),
                e.get(ConnectorOptions.Loki.THREADS));
    }

    private static SyslogSettings syslog(String name, ConfigEntry e) {
        checkKeys(e, ConnectorOptions.Syslog.class, List.of());
        return new SyslogSettings(
                name,
                e.get(ConnectorOptions.Syslog.BIND),
                e.get(ConnectorOptions.Syslog.UDP_PORT),
                e.get(ConnectorOptions.Syslog.TCP_PORT),
                e.get(ConnectorOptions.Syslog.MAX_MESSAGE_BYTES),
                e.get(ConnectorOptions.Syslog.MAX_CONNECTIONS),
                ZoneId.of(e.get(ConnectorOptions.Syslog.ZONE)));
    }

    private static ScrapeSettings scrape(String name, ConfigEntry e) {
        checkKeys(e, ConnectorOptions.Scrape.class, ConnectorOptions.Scrape.LISTS);
        List<ScrapeJob> jobs = new ArrayList<>();
        for (ConfigEntry j : e.entries("jobs")) {
            jobs.add(job(j));
        }
        return new ScrapeSettings(
                name,
                jobs,
                e.get(ConnectorOptions.Scrape.MAX_BODY_BYTES),
                e.get(ConnectorOptions.Scrape.THREADS));
    }

    private static FileTailSettings fileTail(String name, ConfigEntry e) {
        checkKeys(e, ConnectorOptions.FileTail.class, ConnectorOptions.FileTail.LISTS);
        List<Path> files = e.strings("files").stream().map(Path::of).toList();
        String host = e.get(ConnectorOptions.FileTail.HOST);
        return new FileTailSettings(
                name,
                files,
                Path.of(e.get(ConnectorOptions.FileTail.STATE_DIR)),
                e.get(ConnectorOptions.FileTail.POLL_INTERVAL),
                host.isBlank() ? localHost() : host,
                Pattern.compile(e.get(ConnectorOptions.FileTail.CONTINUATION)),
                e.get(ConnectorOptions.FileTail.MAX_LINE_BYTES),
                e.get(ConnectorOptions.FileTail.MAX_EVENT_LINES));
    }

    private static ScrapeJob job(ConfigEntry j) {
        j.checkKeys(ConfigEntry.options(ConnectorOptions.Job.class), ConnectorOptions.Job.LISTS);
        List<ScrapeJob.TargetGroup> statics = new ArrayList<>();
        for (ConfigEntry g : j.entries("static-configs")) {
            g.checkKeys(List.of(), ConnectorOptions.Job.GROUP_KEYS);
            statics.add(new ScrapeJob.TargetGroup(g.strings("targets"), g.stringMap("labels")));
        }
        List<Path> files = j.strings("file-sd").stream().map(Path::of).toList();
        try {
            return new ScrapeJob(
                    j.required(ConnectorOptions.Job.JOB),
                    j.get(ConnectorOptions.Job.SCHEME),
                    j.get(ConnectorOptions.Job.METRICS_PATH),
                    j.get(ConnectorOptions.Job.INTERVAL),
                    j.get(ConnectorOptions.Job.TIMEOUT),
                    statics,
                    files,
                    j.get(ConnectorOptions.Job.FILE_SD_REFRESH));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(j.path() + ": " + e.getMessage());
        }
    }

    private static RecordPublisher publisher(String name, Settings s, ConnectorMetrics metrics) {
        return RecordPublisher.create(
                s.bootstrapServers(),
                "ralf-connector-" + name,
                metrics,
                s.bufferBytes(),
                s.maxBlock(),
                s.topics().deadLetters());
    }

    private static String localHost() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    /** The connectors this runner runs. */
    public List<Connector> connectors() {
        return connectors;
    }

    /**
     * Starts every connector; if one fails, the ones started are stopped again.
     *
     * @throws ConnectorException of the first connector that could not start
     */
    public void start() throws ConnectorException {
        for (Connector c : connectors) {
            try {
                c.start();
                started.add(c);
                LOG.info("connector {} started: {}", c.name(), c.health().detail());
            } catch (ConnectorException e) {
                close();
                throw new ConnectorException(c.name() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Stops the started connectors in reverse order. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Connector c = started.get(i);
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("connector {} did not stop cleanly: {}", c.name(), e.toString());
            }
        }
        started.clear();
    }
}
