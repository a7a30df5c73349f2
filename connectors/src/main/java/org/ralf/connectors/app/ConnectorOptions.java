package org.ralf.connectors.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.ralf.connectors.logs.FileTailSettings;
import org.ralf.connectors.logs.LokiSettings;
import org.ralf.connectors.logs.SyslogSettings;
import org.ralf.connectors.metrics.RemoteWriteSettings;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;

/**
 * The keys of the {@code connectors:} section. The section-wide keys ({@code connectors.kafka.*})
 * are constants of this class; each connector instance ({@code connectors.<name>}) is read through
 * the per-entry options of the nested class of its {@code type}, whose keys are relative to the
 * instance and whose defaults are those of the connector's settings record. An instance key that
 * its type does not declare is an error naming the nearest declared key.
 */
public final class ConnectorOptions {

    private ConnectorOptions() {}

    /** Kafka bootstrap servers of the connectors: the shared {@code kafka.bootstrap-servers}. */
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

    /** The entry of {@code connectors:} that holds the section-wide Kafka keys, not a connector. */
    static final String KAFKA_ENTRY = "kafka";

    /** The keys of the {@code connectors.kafka} entry, relative to it. */
    static final List<ConfigOption<?>> KAFKA_ENTRY_KEYS =
            List.of(relative(BUFFER_MB), relative(MAX_BLOCK));

    /** {@code type}, the key every instance has (relative, so not a registry key). */
    static final ConfigOption<String> TYPE =
            ConfigOption.optionalString(
                    "type",
                    "remote-write, prometheus-scrape, syslog, loki or file-tail (required)");

    /** Per-instance keys of {@code type: remote-write}. */
    public static final class RemoteWrite {
        private RemoteWrite() {}

        private static final RemoteWriteSettings D =
                RemoteWriteSettings.defaults("defaults", "127.0.0.1", 9201);

        /** {@code bind}. */
        public static final ConfigOption<String> BIND = bind(D.bindHost());

        /** {@code port}. */
        public static final ConfigOption<Integer> PORT = integer("port", D.port(), "HTTP port");

        /** {@code max-body-bytes}. */
        public static final ConfigOption<Integer> MAX_BODY_BYTES =
                integer("max-body-bytes", D.maxBodyBytes(), "largest compressed request body");

        /** {@code max-decompressed-bytes}. */
        public static final ConfigOption<Integer> MAX_DECOMPRESSED_BYTES =
                integer(
                        "max-decompressed-bytes",
                        D.maxDecompressedBytes(),
                        "largest decompressed request body");

        /** {@code ack-timeout}. */
        public static final ConfigOption<Duration> ACK_TIMEOUT =
                duration("ack-timeout", D.ackTimeout(), "how long a request waits for Kafka acks");

        /** {@code threads}. */
        public static final ConfigOption<Integer> THREADS =
                integer("threads", D.threads(), "request handler threads");
    }

    /** Per-instance keys of {@code type: loki}. */
    public static final class Loki {
        private Loki() {}

        private static final LokiSettings D = LokiSettings.defaults("defaults", "127.0.0.1", 3100);

        /** {@code bind}. */
        public static final ConfigOption<String> BIND = bind(D.bindHost());

        /** {@code port}. */
        public static final ConfigOption<Integer> PORT = integer("port", D.port(), "HTTP port");

        /** {@code max-body-bytes}. */
        public static final ConfigOption<Integer> MAX_BODY_BYTES =
                integer("max-body-bytes", D.maxBodyBytes(), "largest compressed request body");

        /** {@code max-decompressed-bytes}. */
        public static final ConfigOption<Integer> MAX_DECOMPRESSED_BYTES =
                integer(
                        "max-decompressed-bytes",
                        D.maxDecompressedBytes(),
                        "largest decompressed request body");

        /** {@code ack-timeout}. */
        public static final ConfigOption<Duration> ACK_TIMEOUT =
                duration("ack-timeout", D.ackTimeout(), "how long a request waits for Kafka acks");

        /** {@code threads}. */
        public static final ConfigOption<Integer> THREADS =
                integer("threads", D.threads(), "request handler threads");
    }

    /** Per-instance keys of {@code type: syslog}. */
    public static final class Syslog {
        private Syslog() {}

        private static final SyslogSettings D =
                SyslogSettings.defaults("defaults", "127.0.0.1", 5514, 5514);

        /** {@code bind}. */
        public static final ConfigOption<String> BIND = bind(D.bindHost());

        /** {@code udp-port}. */
        public static final ConfigOption<Integer> UDP_PORT =
                integer("udp-port", D.udpPort(), "UDP port; -1: off");

        /** {@code tcp-port}. */
        public static final ConfigOption<Integer> TCP_PORT =
                integer("tcp-port", D.tcpPort(), "TCP port; -1: off");

        /** {@code max-message-bytes}. */
        public static final ConfigOption<Integer> MAX_MESSAGE_BYTES =
                integer("max-message-bytes", D.maxMessageBytes(), "largest message (>= 480)");

        /** {@code max-connections}. */
        public static final ConfigOption<Integer> MAX_CONNECTIONS =
                integer("max-connections", D.maxConnections(), "concurrent TCP connections");

        /** {@code zone}. */
        public static final ConfigOption<String> ZONE =
                ConfigOption.stringOption(
                        "zone", D.zone().getId(), "time zone of RFC 3164 timestamps");
    }

    /**
     * Per-instance keys of {@code type: prometheus-scrape}; {@code jobs} is a list of {@link Job}.
     */
    public static final class Scrape {
        private Scrape() {}

        /** {@code max-body-bytes}. */
        public static final ConfigOption<Integer> MAX_BODY_BYTES =
                integer("max-body-bytes", 32 << 20, "largest scraped response");

        /** {@code threads}. */
        public static final ConfigOption<Integer> THREADS = integer("threads", 2, "scrape threads");

        /** Keys holding lists, read by the runner. */
        static final List<String> LISTS = List.of("jobs");
    }

    /** Per-job keys of one {@code jobs} element of a scrape connector. */
    public static final class Job {
        private Job() {}

        /** {@code job}. */
        public static final ConfigOption<String> JOB =
                ConfigOption.optionalString("job", "job name (the job label; required)");

        /** {@code scheme}. */
        public static final ConfigOption<String> SCHEME =
                ConfigOption.stringOption("scheme", "http", "http or https");

        /** {@code metrics-path}. */
        public static final ConfigOption<String> METRICS_PATH =
                ConfigOption.stringOption("metrics-path", "/metrics", "path of the exposition");

        /** {@code interval}. */
        public static final ConfigOption<Duration> INTERVAL =
                duration("interval", Duration.ofSeconds(15), "time between two scrapes");

        /** {@code timeout}. */
        public static final ConfigOption<Duration> TIMEOUT =
                duration("timeout", Duration.ofSeconds(10), "scrape timeout (<= interval)");

        /** {@code file-sd-refresh}. */
        public static final ConfigOption<Duration> FILE_SD_REFRESH =
                duration("file-sd-refresh", Duration.ofSeconds(30), "file_sd re-read interval");

        /**
         * Keys holding lists: target groups ({@code targets}, {@code labels}) and file_sd files.
         */
        static final List<String> LISTS = List.of("static-configs", "file-sd");

        /** Keys of one {@code static-configs} group. */
        static final List<String> GROUP_KEYS = List.of("targets", "labels");
    }

    /** Per-instance keys of {@code type: file-tail}; {@code files} is a list of paths. */
    public static final class FileTail {
        private FileTail() {}

        private static final FileTailSettings D =
                FileTailSettings.defaults(
                        "defaults", List.of(Path.of("f")), Path.of(".ralf/connectors"), "h");

        /** {@code state-dir}. */
        public static final ConfigOption<String> STATE_DIR =
                ConfigOption.stringOption(
                        "state-dir", D.stateDir().toString(), "where read offsets are kept");

        /** {@code host}: empty = this machine's host name. */
        public static final ConfigOption<String> HOST =
                ConfigOption.optionalString("host", "host label of the lines; empty: local host");

        /** {@code poll-interval}. */
        public static final ConfigOption<Duration> POLL_INTERVAL =
                duration("poll-interval", D.pollInterval(), "time between two file checks");

        /** {@code continuation}. */
        public static final ConfigOption<String> CONTINUATION =
                ConfigOption.stringOption(
                        "continuation",
                        D.continuation().pattern(),
                        "regex of lines that continue the previous event");

        /** {@code max-line-bytes}. */
        public static final ConfigOption<Integer> MAX_LINE_BYTES =
                integer("max-line-bytes", D.maxLineBytes(), "longest line");

        /** {@code max-event-lines}. */
        public static final ConfigOption<Integer> MAX_EVENT_LINES =
                integer("max-event-lines", D.maxEventLines(), "most lines joined into one event");

        /** Keys holding lists, read by the runner. */
        static final List<String> LISTS = List.of("files");
    }

    private static ConfigOption<String> bind(String dflt) {
        return ConfigOption.stringOption("bind", dflt, "address to listen on");
    }

    /** Any integer: the connector's settings record checks the range and names the limit. */
    private static ConfigOption<Integer> integer(String key, int dflt, String description) {
        return new ConfigOption<>(
                key, Integer::valueOf, dflt, description, v -> true, "an integer");
    }

    private static ConfigOption<Duration> duration(String key, Duration dflt, String description) {
        return ConfigOption.durationOption(key, dflt, description);
    }

    private static <T> ConfigOption<T> relative(ConfigOption<T> o) {
        String key = o.key().substring(o.key().lastIndexOf('.') + 1);
        return new ConfigOption<>(
                key,
                o.parser(),
                o.defaultValue(),
                o.description(),
                o.validator(),
                o.constraint(),
                o.secret());
    }
}
