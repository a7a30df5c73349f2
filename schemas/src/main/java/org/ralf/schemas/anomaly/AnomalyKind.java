package org.ralf.schemas.anomaly;

/** What kind of deviation an {@link Anomaly} reports. */
public enum AnomalyKind {
    /** A single value far outside the robust baseline of its series. */
    METRIC_OUTLIER,
    /** A lasting change of a series' level (change point). */
    LEVEL_SHIFT,
    /** A sustained trend away from the baseline. */
    TREND,
    /** A forecast crosses a threshold (for example disk full within the horizon). */
    FORECAST_THRESHOLD,
    /** A multivariate model (for example one-class SVM over features) scores the entity as odd. */
    MULTIVARIATE,
    /** An expected series or heartbeat stopped arriving. */
    ABSENCE,
    /** A CEP pattern over several events matched. */
    PATTERN,
    /** A log template never seen before appeared. */
    NEW_TEMPLATE,
    /** The rate of a log template (or of errors) deviates from its baseline. */
    LOG_RATE
}
