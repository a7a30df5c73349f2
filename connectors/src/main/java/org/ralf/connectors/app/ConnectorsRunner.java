package org.ralf.connectors.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;
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

    /** Kafka bootstrap servers of the connectors. */
    public static final ConfigOption<String> BOOTSTRAP = ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;

    /** Producer buffer per connector. */
    public static final ConfigOption<Integer> BUFFER_MB =
            ConfigOption.intOption(
                    "connectors.kafka.buffer-mb",
                    32,
                    "producer buffer per connector in MiB (bounded: full means backpressure)",
                    1,
                    1024);

    /** How long a send blocks on a full buffer before the source is refused. */
    public static final ConfigOption<Duration> MAX_BLOCK =
            ConfigOption.durationOption(
                    "connectors.kafka.max-block",
                    Duration.ofSeconds(10),
                    "how long a send waits on a full producer buffer before refusing the source");

    private static final Logger LOG = LoggerFactory.getLogger(ConnectorsRunner.class);
    private static final Set<String> RESERVED = Set.of("kafka");

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
     * @param entries the raw connector entries by name
     */
    public record Settings(
            String bootstrapServers,
            long bufferBytes,
            Duration maxBlock,
            IngestTopics topics,
            Map<String, Map<String, Object>> entries) {}

    /** Reads the settings of the {@code connectors:} section. */
    public static Settings settings(RalfConfig config) {
        Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : config.section("connectors").entrySet()) {
            if (RESERVED.contains(e.getKey())) {
                continue;
            }
            if (!(e.getValue() instanceof Map<?, ?> m)) {
                throw new ConfigException("connectors." + e.getKey() + ": expected a mapping");
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            m.forEach((k, v) -> entry.put(String.valueOf(k), v));
            entries.put(e.getKey(), entry);
        }
        return new Settings(
                config.get(BOOTSTRAP),
                config.get(BUFFER_MB) * 1024L * 1024L,
                config.get(MAX_BLOCK),
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
            for (Map.Entry<String, Map<String, Object>> e : s.entries().entrySet()) {
                if (!only.isEmpty() && !only.contains(e.getKey())) {
                    continue;
                }
                try {
                    built.add(
                            build(
                                    e.getKey(),
                                    new Entry(e.getKey(), e.getValue()),
                                    s,
                                    clock,
                                    publishers));
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
            String name, Entry e, Settings s, Clock clock, PublisherFactory publishers) {
        String type = e.string("type", null);
        ConnectorMetrics metrics = new ConnectorMetrics();
        // validate everything before a producer is created, so a bad entry leaks nothing
        Connector connector;
        switch (type) {
            case "remote-write" -> {
                RemoteWriteSettings d = RemoteWriteSettings.defaults(name, "127.0.0.1", 9201);
                RemoteWriteSettings rw =
                        new RemoteWriteSettings(
                                name,
                                e.string("bind", d.bindHost()),
                                e.integer("port", d.port()),
                                e.integer("max-body-bytes", d.maxBodyBytes()),
                                e.integer("max-decompressed-bytes", d.maxDecompressedBytes()),
                                e.duration("ack-timeout", d.ackTimeout()),
                                e.integer("threads", d.threads()));
                connector =
                        new RemoteWriteReceiver(
                                rw, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "prometheus-scrape" -> connector = scrape(name, e, s, clock, publishers, metrics);
            case "syslog" -> {
                SyslogSettings d = SyslogSettings.defaults(name, "127.0.0.1", 5514, 5514);
                SyslogSettings ss =
                        new SyslogSettings(
                                name,
                                e.string("bind", d.bindHost()),
                                e.integer("udp-port", d.udpPort()),
                                e.integer("tcp-port", d.tcpPort()),
                                e.integer("max-message-bytes", d.maxMessageBytes()),
                                e.integer("max-connections", d.maxConnections()),
                                ZoneId.of(e.string("zone", "UTC")));
                connector =
                        new SyslogServer(
                                ss, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "loki" -> {
                LokiSettings d = LokiSettings.defaults(name, "127.0.0.1", 3100);
                LokiSettings ls =
                        new LokiSettings(
                                name,
                                e.string("bind", d.bindHost()),
                                e.integer("port", d.port()),
                                e.integer("max-body-bytes", d.maxBodyBytes()),
                                e.integer("max-decompressed-bytes", d.maxDecompressedBytes()),
                                e.duration("ack-timeout", d.ackTimeout()),
                                e.integer("threads", d.threads()));
                connector =
                        new LokiPushReceiver(
                                ls, publishers.create(name, metrics), metrics, s.topics(), clock);
            }
            case "file-tail" -> connector = fileTail(name, e, s, clock, publishers, metrics);
            default ->
                    throw new ConfigException(
                            "connectors."
                                    + name
                                    + ".type: '"
                                    + type
                                    + "' is not one of remote-write, prometheus-scrape, syslog, loki,"
                                    + " file-tail");
        }
        return connector;
    }

    private static Connector scrape(
            String name,
            Entry e,
            Settings s,
            Clock clock,
            PublisherFactory publishers,
            ConnectorMetrics metrics) {
        List<ScrapeJob> jobs = new ArrayList<>();
        for (Object j : e.list("jobs")) {
            if (!(j instanceof Map<?, ?> jm)) {
                throw new ConfigException(e.key("jobs") + ": each job must be a mapping");
            }
            Map<String, Object> jmap = new LinkedHashMap<>();
            jm.forEach((k, v) -> jmap.put(String.valueOf(k), v));
            jobs.add(job(new Entry(name + ".jobs", jmap)));
        }
        ScrapeSettings ss =
                new ScrapeSettings(
                        name, jobs, e.integer("max-body-bytes", 32 << 20), e.integer("threads", 2));
        return new ScrapeConnector(
                ss, publishers.create(name, metrics), metrics, s.topics(), clock);
    }

    private static Connector fileTail(
            String name,
            Entry e,
            Settings s,
            Clock clock,
            PublisherFactory publishers,
            ConnectorMetrics metrics) {
        List<Path> files = new ArrayList<>();
        for (Object f : e.list("files")) {
            files.add(Path.of(String.valueOf(f)));
        }
        FileTailSettings d =
                FileTailSettings.defaults(
                        name,
                        files,
                        Path.of(e.string("state-dir", ".ralf/connectors")),
                        e.string("host", localHost()));
        FileTailSettings fs =
                new FileTailSettings(
                        name,
                        files,
                        d.stateDir(),
                        e.duration("poll-interval", d.pollInterval()),
                        d.host(),
                        java.util.regex.Pattern.compile(
                                e.string("continuation", d.continuation().pattern())),
                        e.integer("max-line-bytes", d.maxLineBytes()),
                        e.integer("max-event-lines", d.maxEventLines()));
        return new FileTailer(fs, publishers.create(name, metrics), metrics, s.topics(), clock);
    }

    private static ScrapeJob job(Entry j) {
        List<ScrapeJob.TargetGroup> statics = new ArrayList<>();
        for (Object g : j.list("static-configs")) {
            if (!(g instanceof Map<?, ?> gm)) {
                throw new ConfigException(
                        j.key("static-configs") + ": each group must be a mapping");
            }
            List<String> targets = new ArrayList<>();
            Object t = gm.get("targets");
            if (t instanceof List<?> tl) {
                tl.forEach(x -> targets.add(String.valueOf(x)));
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (gm.get("labels") instanceof Map<?, ?> lm) {
                lm.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
            }
            statics.add(new ScrapeJob.TargetGroup(targets, labels));
        }
        List<Path> files = new ArrayList<>();
        for (Object f : j.list("file-sd")) {
            files.add(Path.of(String.valueOf(f)));
        }
        try {
            return new ScrapeJob(
                    j.string("job", null),
                    j.string("scheme", "http"),
                    j.string("metrics-path", "/metrics"),
                    j.duration("interval", Duration.ofSeconds(15)),
                    j.duration("timeout", Duration.ofSeconds(10)),
                    statics,
                    files,
                    j.duration("file-sd-refresh", Duration.ofSeconds(30)));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(j.name + ": " + e.getMessage());
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

    /** One raw entry with typed, key-naming accessors. */
    private record Entry(String name, Map<String, Object> values) {
        String key(String k) {
            return "connectors." + name + "." + k;
        }

        String string(String k, String dflt) {
            Object v = values.get(k);
            if (v == null) {
                if (dflt == null) {
                    throw new ConfigException(key(k) + " is required");
                }
                return dflt;
            }
            return String.valueOf(v);
        }

        int integer(String k, int dflt) {
            Object v = values.get(k);
            if (v == null) {
                return dflt;
            }
            try {
                return Integer.parseInt(String.valueOf(v).trim());
            } catch (NumberFormatException e) {
                throw new ConfigException(key(k) + ": '" + v + "' is not an integer");
            }
        }

        Duration duration(String k, Duration dflt) {
            Object v = values.get(k);
            if (v == null) {
                return dflt;
            }
            try {
                return ScrapeJobDurations.parse(String.valueOf(v));
            } catch (RuntimeException e) {
                throw new ConfigException(key(k) + ": '" + v + "' is not a duration like 15s");
            }
        }

        List<Object> list(String k) {
            Object v = values.get(k);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> l)) {
                throw new ConfigException(key(k) + ": expected a list");
            }
            return new ArrayList<>(l);
        }
    }

    /** Durations as Prometheus and ralf.yaml write them: 500ms, 15s, 5m, 1h, or ISO-8601. */
    private static final class ScrapeJobDurations {
        static Duration parse(String s) {
            String t = s.trim();
            if (t.startsWith("P") || t.startsWith("p")) {
                return Duration.parse(t);
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException(s);
            };
        }
    }
}
