package org.ralf.pipelines.remediation.correlate;

import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.Anomaly;

/**
 * The part of an anomaly an explanation quotes.
 *
 * @param anomalyId id
 * @param entity entity
 * @param kind anomaly kind
 * @param detector detector or pattern
 * @param score score
 * @param seriesId series, for metric anomalies
 * @param templateId template, for log anomalies
 * @param explanation the detector's one-line explanation
 * @param detectedAtMs when it was detected, epoch ms
 */
public record AnomalyBrief(
        String anomalyId,
        String entity,
        String kind,
        String detector,
        double score,
        @Nullable String seriesId,
        @Nullable String templateId,
        String explanation,
        long detectedAtMs) {

    /** The brief of an anomaly. */
    public static AnomalyBrief of(Anomaly a) {
        return new AnomalyBrief(
                a.anomalyId(),
                a.entity(),
                a.kind().name(),
                a.detector(),
                a.score(),
                a.seriesId(),
                a.templateId(),
                a.explanation(),
                a.detectedAt().toEpochMilli());
    }

    /** Metric name of the series: the part before {@code {}, or null for log anomalies. */
    public @Nullable String metricName() {
        if (seriesId == null) {
            return null;
        }
        int brace = seriesId.indexOf('{');
        return brace < 0 ? seriesId : seriesId.substring(0, brace);
    }
}
