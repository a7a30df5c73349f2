package org.ralf.schemas.anomaly;

import java.time.Instant;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * An anomaly found by a detector or a pattern, value of topic {@code ralf.anomalies} (key: {@link
 * #entity()}). Stored in {@code ralf.anomalies} by {@link #anomalyId()}, so the id must be
 * deterministic (see {@link org.ralf.schemas.Ids#nameBased}) for replays to upsert rather than
 * duplicate.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param anomalyId deterministic id (detector, entity, series or template, window start)
 * @param entity entity the anomaly is about (host, guest, service)
 * @param seriesId metric series, for metric anomalies
 * @param templateId log template, for log anomalies
 * @param kind kind of deviation
 * @param detector detector or pattern name, for example {@code robust-z} or {@code
 *     disk-full-then-crash}
 * @param score severity score in [0,1] (1 = certainly anomalous)
 * @param value observed value, if the anomaly has one
 * @param expectedLow lower bound of the expected range, if any
 * @param expectedHigh upper bound of the expected range, if any
 * @param contributions feature or input name to its share of the score; may be empty
 * @param windowStart start of the event-time window the anomaly covers
 * @param windowEnd end of that window (not before the start)
 * @param detectedAt when the detector emitted it (event time of the triggering input)
 * @param explanation one-line human-readable explanation
 * @param labels further labels (for example series labels); may be empty
 */
public record Anomaly(
        int schemaVersion,
        String anomalyId,
        String entity,
        @Nullable String seriesId,
        @Nullable String templateId,
        AnomalyKind kind,
        String detector,
        double score,
        @Nullable Double value,
        @Nullable Double expectedLow,
        @Nullable Double expectedHigh,
        Map<String, Double> contributions,
        Instant windowStart,
        Instant windowEnd,
        Instant detectedAt,
        String explanation,
        Map<String, String> labels)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public Anomaly {
        Checks.version(schemaVersion);
        Checks.nonBlank(anomalyId, "anomalyId");
        Checks.nonBlank(entity, "entity");
        Checks.nonBlankOrNull(seriesId, "seriesId");
        Checks.nonBlankOrNull(templateId, "templateId");
        Checks.present(kind, "kind");
        Checks.nonBlank(detector, "detector");
        Checks.unit(score, "score");
        Checks.finiteOrNull(value, "value");
        Checks.finiteOrNull(expectedLow, "expectedLow");
        Checks.finiteOrNull(expectedHigh, "expectedHigh");
        if (expectedLow != null && expectedHigh != null && expectedLow > expectedHigh) {
            throw new IllegalArgumentException(
                    "expectedLow (" + expectedLow + ") > expectedHigh (" + expectedHigh + ")");
        }
        contributions = Checks.finiteMap(contributions, "contributions");
        Checks.present(windowStart, "windowStart");
        Checks.present(windowEnd, "windowEnd");
        Checks.ordered(windowStart, "windowStart", windowEnd, "windowEnd");
        Checks.present(detectedAt, "detectedAt");
        Checks.present(explanation, "explanation");
        labels = Checks.sortedMap(labels, "labels");
    }
}
