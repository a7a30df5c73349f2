package org.ralf.connectors.logs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.connectors.logs.logproto.LokiPush;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;

/**
 * Turns a Loki push body into {@link LogRecord}s: the JSON form ({@code {"streams": [{"stream":
 * {labels}, "values": [["<unix ns>", "<line>"], ...]}]}}, an optional third element of structured
 * metadata is kept as labels) and the protobuf form ({@code logproto.PushRequest}, labels as a
 * selector string). The host is the label {@code host}, {@code hostname}, {@code node} or {@code
 * instance}, else the sender's address; the service is {@code service_name}, {@code app}, {@code
 * service} or {@code job}; the severity comes from {@code level}, {@code detected_level} or {@code
 * severity}.
 *
 * <p>A body that is not a push request fails as a whole ({@link BadPush}); a single entry with a
 * bad timestamp or of the wrong shape becomes an {@link Entry.Bad} and the other entries are kept.
 */
public final class LokiPushParser {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigInteger NANOS = BigInteger.valueOf(1_000_000_000L);

    private final String source;

    /**
     * @param source connector name put into every record
     */
    public LokiPushParser(String source) {
        this.source = source;
    }

    /** One entry of a push: a record, or a bad entry with its bytes and reason. */
    public sealed interface Entry {
        /** A parsed entry. */
        record Ok(LogRecord record) implements Entry {}

        /** A bad entry. */
        record Bad(byte[] raw, String reason) implements Entry {}
    }

    /** The body is not a push request at all. */
    public static final class BadPush extends Exception {
        private static final long serialVersionUID = 1L;

        BadPush(String message) {
            super(message);
        }
    }

    /** Parses a JSON body. */
    public List<Entry> parseJson(byte[] body, String peer) throws BadPush {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadPush("not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadPush("not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject() || !root.path("streams").isArray()) {
            throw new BadPush("not a Loki push body: expected {\"streams\": [...]}");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode stream : root.get("streams")) {
            JsonNode labelsNode = stream.path("stream");
            JsonNode values = stream.path("values");
            if (!labelsNode.isObject() || !values.isArray()) {
                out.add(
                        new Entry.Bad(
                                stream.toString().getBytes(StandardCharsets.UTF_8),
                                "stream without a 'stream' object or 'values' list"));
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : labelsNode.properties()) {
                labels.put(e.getKey(), e.getValue().asText());
            }
            for (JsonNode v : values) {
                byte[] raw = v.toString().getBytes(StandardCharsets.UTF_8);
                if (!v.isArray()
                        || v.size() < 2
                        || v.size() > 3
                        || !v.get(0).isTextual()
                        || !v.get(1).isTextual()) {
                    out.add(new Entry.Bad(raw, "entry must be [\"<unix ns>\", \"<line>\"(, {})]"));
                    continue;
                }
                Instant ts;
                try {
                    ts = ofNanos(new BigInteger(v.get(0).asText()));
                } catch (NumberFormatException | ArithmeticException e) {
                    out.add(new Entry.Bad(raw, "timestamp is not unix nanoseconds: " + v.get(0)));
                    continue;
                }
                Map<String, String> entryLabels = labels;
                if (v.size() == 3 && v.get(2).isObject()) {
                    entryLabels = new LinkedHashMap<>(labels);
                    for (Map.Entry<String, JsonNode> e : v.get(2).properties()) {
                        entryLabels.put(e.getKey(), e.getValue().asText());
                    }
                }
                out.add(entry(entryLabels, ts, v.get(1).asText(), peer, raw));
            }
        }
        return out;
    }

    /** Parses a decompressed protobuf body. */
    public List<Entry> parseProtobuf(byte[] body, String peer) throws BadPush {
        LokiPush.PushRequest request;
        try {
            request = LokiPush.PushRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            throw new BadPush("not a logproto.PushRequest: " + e.getMessage());
        }
        List<Entry> out = new ArrayList<>();
        for (LokiPush.StreamAdapter stream : request.getStreamsList()) {
            Map<String, String> labels;
            try {
                labels = selectorLabels(stream.getLabels());
            } catch (IllegalArgumentException e) {
                out.add(new Entry.Bad(stream.toByteArray(), e.getMessage()));
                continue;
            }
            for (LokiPush.EntryAdapter e : stream.getEntriesList()) {
                Instant ts =
                        Instant.ofEpochSecond(
                                e.getTimestamp().getSeconds(), e.getTimestamp().getNanos());
                Map<String, String> entryLabels = labels;
                if (e.getStructuredMetadataCount() > 0) {
                    entryLabels = new LinkedHashMap<>(labels);
                    for (LokiPush.LabelPairAdapter l : e.getStructuredMetadataList()) {
                        entryLabels.put(l.getName(), l.getValue());
                    }
                }
                out.add(entry(entryLabels, ts, e.getLine(), peer, e.toByteArray()));
            }
        }
        return out;
    }

    private Entry entry(
            Map<String, String> labels, Instant ts, String line, String peer, byte[] raw) {
        String host = first(labels, "host", "hostname", "node", "instance");
        String service = first(labels, "service_name", "app", "service", "job");
        try {
            return new Entry.Ok(
                    new LogRecord(
                            LogRecord.SCHEMA_VERSION,
                            ts,
                            host == null ? peer : host,
                            service,
                            severity(first(labels, "level", "detected_level", "severity")),
                            null,
                            line,
                            labels,
                            source,
                            null));
        } catch (IllegalArgumentException e) {
            return new Entry.Bad(raw, e.getMessage());
        }
    }

    private static Instant ofNanos(BigInteger nanos) {
        BigInteger[] qr = nanos.divideAndRemainder(NANOS);
        return Instant.ofEpochSecond(qr[0].longValueExact(), qr[1].longValueExact());
    }

    private static @Nullable String first(Map<String, String> labels, String... keys) {
        for (String k : keys) {
            String v = labels.get(k);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    static Severity severity(@Nullable String level) {
        if (level == null) {
            return Severity.UNKNOWN;
        }
        return switch (level.toLowerCase(Locale.ROOT)) {
            case "emerg", "emergency", "panic" -> Severity.EMERGENCY;
            case "alert" -> Severity.ALERT;
            case "crit", "critical", "fatal" -> Severity.CRITICAL;
            case "err", "error" -> Severity.ERROR;
            case "warn", "warning" -> Severity.WARNING;
            case "notice" -> Severity.NOTICE;
            case "info", "informational" -> Severity.INFO;
            case "debug", "trace" -> Severity.DEBUG;
            default -> Severity.UNKNOWN;
        };
    }

    /** Parses a selector label set {@code {a="1", b="x\"y"}}. */
    static Map<String, String> selectorLabels(String s) {
        Map<String, String> labels = new LinkedHashMap<>();
        String t = s.trim();
        if (!t.startsWith("{") || !t.endsWith("}")) {
            throw new IllegalArgumentException("labels are not a {name=\"value\"} set: " + s);
        }
        int p = 1;
        int end = t.length() - 1;
        while (p < end) {
            while (p < end && (t.charAt(p) == ' ' || t.charAt(p) == ',')) {
                p++;
            }
            if (p >= end) {
                break;
            }
            int eq = t.indexOf('=', p);
            if (eq < 0 || eq + 1 >= end || t.charAt(eq + 1) != '"') {
                throw new IllegalArgumentException("labels: expected name=\"value\" in " + s);
            }
            String name = t.substring(p, eq).trim();
            StringBuilder v = new StringBuilder();
            p = eq + 2;
            while (true) {
                if (p >= end) {
                    throw new IllegalArgumentException("labels: value not closed in " + s);
                }
                char c = t.charAt(p++);
                if (c == '\\' && p < end) {
                    char n = t.charAt(p++);
                    v.append(n == 'n' ? '\n' : n);
                } else if (c == '"') {
                    break;
                } else {
                    v.append(c);
                }
            }
            if (name.isEmpty()) {
                throw new IllegalArgumentException("labels: empty label name in " + s);
            }
            labels.put(name, v.toString());
        }
        return labels;
    }
}
