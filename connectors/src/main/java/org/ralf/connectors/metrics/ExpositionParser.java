package org.ralf.connectors.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;

/**
 * Parses the Prometheus text exposition format 0.0.4 and the OpenMetrics 1.0 text format into
 * samples. Written here because no maintained Java library parses them: the Prometheus Java
 * client's {@code prometheus-metrics-exposition-textformats} only writes them.
 *
 * <p>Each line is parsed on its own, so one bad line costs only that line: it comes back as a
 * {@link LineError} with the line's bytes and the reason (for the dead-letter topic). Lines that
 * are not valid UTF-8 are errors. A text-format body whose last line has no newline is taken as
 * truncated and that line is an error; an OpenMetrics body without {@code # EOF} is truncated as a
 * whole and yields no samples. {@code # HELP}, {@code # TYPE}, {@code # UNIT} and other comments
 * are skipped; OpenMetrics exemplars are ignored; OpenMetrics timestamps (seconds) become
 * milliseconds. Values may be NaN or infinite: the caller decides what to do with them.
 */
public final class ExpositionParser {

    /** The two text formats. */
    public enum Format {
        /** {@code text/plain; version=0.0.4}. */
        PROMETHEUS_TEXT,
        /** {@code application/openmetrics-text; version=1.0.0}. */
        OPENMETRICS
    }

    /** What a scraper sends in {@code Accept}: OpenMetrics preferred, text format accepted. */
    public static final String ACCEPT =
            "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    /**
     * One sample.
     *
     * @param name metric name
     * @param labels labels as exposed
     * @param value value (may be non-finite)
     * @param timestampMillis exposed timestamp in ms, if any
     */
    public record Sample(
            String name,
            Map<String, String> labels,
            double value,
            @Nullable Long timestampMillis) {}

    /**
     * A line that could not be parsed.
     *
     * @param lineNumber 1-based line number
     * @param line the line's bytes
     * @param reason why
     */
    public record LineError(int lineNumber, byte[] line, String reason) {}

    /**
     * The outcome of one body.
     *
     * @param samples parsed samples
     * @param errors bad lines (or the whole body for a truncated OpenMetrics body)
     */
    public record Result(List<Sample> samples, List<LineError> errors) {}

    private ExpositionParser() {}

    /** The format of a response's {@code Content-Type} (text format when absent or unknown). */
    public static Format formatOf(@Nullable String contentType) {
        return contentType != null
                        && contentType
                                .toLowerCase(Locale.ROOT)
                                .startsWith("application/openmetrics-text")
                ? Format.OPENMETRICS
                : Format.PROMETHEUS_TEXT;
    }

    /** Parses a whole body. */
    public static Result parse(byte[] body, Format format) {
        List<Sample> samples = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        boolean sawEof = false;
        int lineNo = 0;
        int start = 0;
        while (start < body.length) {
            int end = start;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            lineNo++;
            boolean terminated = end < body.length;
            byte[] raw = Arrays.copyOfRange(body, start, end);
            start = end + 1;
            if (sawEof) {
                errors.add(new LineError(lineNo, raw, "content after # EOF"));
                continue;
            }
            if (!terminated && format == Format.PROMETHEUS_TEXT) {
                errors.add(new LineError(lineNo, raw, "last line has no newline: body truncated"));
                continue;
            }
            String line;
            try {
                line =
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(raw))
                                .toString();
            } catch (CharacterCodingException e) {
                errors.add(new LineError(lineNo, raw, "line is not valid UTF-8"));
                continue;
            }
            if (format == Format.OPENMETRICS && line.equals("# EOF")) {
                sawEof = true;
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(new LineParser(line, format).sample());
            } catch (IllegalArgumentException e) {
                errors.add(new LineError(lineNo, raw, e.getMessage()));
            }
        }
        if (format == Format.OPENMETRICS && !sawEof) {
            return new Result(
                    List.of(),
                    List.of(
                            new LineError(
                                    0,
                                    body,
                                    "OpenMetrics body without # EOF: truncated, "
                                            + samples.size()
                                            + " samples discarded")));
        }
        return new Result(samples, errors);
    }

    /** Parses one sample line; throws IllegalArgumentException with the reason. */
    private static final class LineParser {
        private final String s;
        private final Format format;
        private int p;

        LineParser(String s, Format format) {
            this.s = s;
            this.format = format;
        }

        Sample sample() {
            String name = metricName();
            Map<String, String> labels = Map.of();
            int before = p;
            skipBlanks();
            if (p < s.length() && s.charAt(p) == '{') {
                p++;
                labels = labels();
                before = p;
                skipBlanks();
            }
            if (p == before || p >= s.length()) {
                throw new IllegalArgumentException("expected a space and a value after the name");
            }
            double value = number(token("value"), "value");
            Long ts = null;
            skipBlanks();
            if (p < s.length() && s.charAt(p) != '#') {
                String t = token("timestamp");
                if (format == Format.OPENMETRICS) {
                    double seconds = number(t, "timestamp");
                    if (!Double.isFinite(seconds)) {
                        throw new IllegalArgumentException("timestamp is not finite: " + t);
                    }
                    ts = Math.round(seconds * 1000.0);
                } else {
                    try {
                        ts = Long.parseLong(t);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(
                                "timestamp is not an integer of milliseconds: " + t);
                    }
                }
                skipBlanks();
            }
            if (p < s.length()) {
                if (format == Format.OPENMETRICS && s.charAt(p) == '#') {
                    p = s.length(); // exemplar: not kept
                } else {
                    throw new IllegalArgumentException(
                            "unexpected text after the sample: '" + s.substring(p) + "'");
                }
            }
            return new Sample(name, labels, value, ts);
        }

        private String metricName() {
            int start = p;
            while (p < s.length()) {
                char c = s.charAt(p);
                boolean ok =
                        (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')
                                || c == '_'
                                || c == ':'
                                || (p > start && c >= '0' && c <= '9');
                if (!ok) {
                    break;
                }
                p++;
            }
            if (p == start) {
                throw new IllegalArgumentException("line does not start with a metric name");
            }
            return s.substring(start, p);
        }

        private Map<String, String> labels() {
            Map<String, String> labels = new HashMap<>();
            while (true) {
                skipBlanks();
                if (p >= s.length()) {
                    throw new IllegalArgumentException("label set not closed");
                }
                if (s.charAt(p) == '}') {
                    p++;
                    return labels;
                }
                int start = p;
                while (p < s.length()) {
                    char c = s.charAt(p);
                    boolean ok =
                            (c >= 'a' && c <= 'z')
                                    || (c >= 'A' && c <= 'Z')
                                    || c == '_'
                                    || (p > start && c >= '0' && c <= '9');
                    if (!ok) {
                        break;
                    }
                    p++;
                }
                if (p == start) {
                    throw new IllegalArgumentException("invalid label name at column " + (p + 1));
                }
                String name = s.substring(start, p);
                skipBlanks();
                if (p >= s.length() || s.charAt(p) != '=') {
                    throw new IllegalArgumentException("expected '=' after label " + name);
                }
                p++;
                skipBlanks();
                if (p >= s.length() || s.charAt(p) != '"') {
                    throw new IllegalArgumentException("label " + name + ": value not quoted");
                }
                p++;
                StringBuilder v = new StringBuilder();
                while (true) {
                    if (p >= s.length()) {
                        throw new IllegalArgumentException("label " + name + ": value not closed");
                    }
                    char c = s.charAt(p++);
                    if (c == '"') {
                        break;
                    }
                    if (c == '\\') {
                        if (p >= s.length()) {
                            throw new IllegalArgumentException(
                                    "label " + name + ": value not closed");
                        }
                        char e = s.charAt(p++);
                        switch (e) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> {
                                // the text format keeps unknown escapes as they are
                                v.append('\\').append(e);
                            }
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (labels.put(name, v.toString()) != null) {
                    throw new IllegalArgumentException("duplicate label " + name);
                }
                skipBlanks();
                if (p < s.length() && s.charAt(p) == ',') {
                    p++;
                } else if (p < s.length() && s.charAt(p) != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' after label " + name);
                }
            }
        }

        private String token(String what) {
            int start = p;
            while (p < s.length() && s.charAt(p) != ' ' && s.charAt(p) != '\t') {
                p++;
            }
            if (p == start) {
                throw new IllegalArgumentException("missing " + what);
            }
            return s.substring(start, p);
        }

        private void skipBlanks() {
            while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
                p++;
            }
        }

        private static double number(String t, String what) {
            switch (t) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            // Java would also take "0x1p3", "1d" or "Infinity": accept only decimal notation
            for (int i = 0; i < t.length(); i++) {
                char c = t.charAt(i);
                if (!((c >= '0' && c <= '9')
                        || c == '.'
                        || c == 'e'
                        || c == 'E'
                        || c == '+'
                        || c == '-')) {
                    throw new IllegalArgumentException(what + " is not a number: " + t);
                }
            }
            try {
                return Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " is not a number: " + t);
            }
        }
    }
}
