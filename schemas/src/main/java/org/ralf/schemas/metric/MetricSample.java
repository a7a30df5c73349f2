package org.ralf.schemas.metric;

import java.time.Instant;
import java.util.Map;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * One sample of one time series, value of topic {@code ralf.metrics} (key: {@link #seriesId()}).
 *
 * <p>The series id is derived from the name and the labels sorted by key, in Prometheus text
 * exposition form ({@code name{a="1",b="2"}}, label values escaped as in Prometheus), so every
 * producer derives the same id for the same series and per-series state in the detectors is keyed
 * consistently. The constructor rejects an id that does not match; use {@link #of} to derive it.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param seriesId {@link #seriesIdOf(String, Map)} of name and labels
 * @param name metric name, for example {@code node_cpu_seconds_total}
 * @param labels label names to values (stored sorted by name; may be empty)
 * @param value sample value; must be finite (Prometheus staleness markers are dropped upstream)
 * @param timestamp event time of the sample
 * @param source which connector produced it, for example {@code prometheus-scrape:node1:9100}
 */
public record MetricSample(
        int schemaVersion,
        String seriesId,
        String name,
        Map<String, String> labels,
        double value,
        Instant timestamp,
        String source)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public MetricSample {
        Checks.version(schemaVersion);
        Checks.nonBlank(name, "name");
        labels = Checks.sortedMap(labels, "labels");
        Checks.finite(value, "value");
        Checks.present(timestamp, "timestamp");
        Checks.nonBlank(source, "source");
        Checks.nonBlank(seriesId, "seriesId");
        String expected = format(name, labels);
        if (!seriesId.equals(expected)) {
            throw new IllegalArgumentException(
                    "seriesId '" + seriesId + "' does not match name and labels: " + expected);
        }
    }

    /** A sample of the current schema version with its series id derived. */
    public static MetricSample of(
            String name,
            Map<String, String> labels,
            double value,
            Instant timestamp,
            String source) {
        Map<String, String> sorted = Checks.sortedMap(labels, "labels");
        return new MetricSample(
                SCHEMA_VERSION,
                format(Checks.nonBlank(name, "name"), sorted),
                name,
                sorted,
                value,
                timestamp,
                source);
    }

    /**
     * The series id of a name and labels: {@code name} alone without labels, otherwise {@code
     * name{k1="v1",k2="v2"}} with keys sorted and {@code \}, {@code "} and newline in values
     * escaped.
     */
    public static String seriesIdOf(String name, Map<String, String> labels) {
        return format(name, Checks.sortedMap(labels, "labels"));
    }

    // Labels must already be sorted by key (Checks.sortedMap); avoids a second copy on the hot
    // path, where the constructor verifies the id of every decoded sample.
    private static String format(String name, Map<String, String> sorted) {
        if (sorted.isEmpty()) {
            return name;
        }
        StringBuilder id = new StringBuilder(name.length() + 16 * sorted.size());
        id.append(name).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                id.append(',');
            }
            first = false;
            id.append(e.getKey()).append("=\"");
            String v = e.getValue();
            for (int i = 0; i < v.length(); i++) {
                char c = v.charAt(i);
                switch (c) {
                    case '\\' -> id.append("\\\\");
                    case '"' -> id.append("\\\"");
                    case '\n' -> id.append("\\n");
                    default -> id.append(c);
                }
            }
            id.append('"');
        }
        return id.append('}').toString();
    }
}
