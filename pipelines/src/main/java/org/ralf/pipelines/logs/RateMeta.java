package org.ralf.pipelines.logs;

/**
 * Keyed state of one template's rate series besides the detector state: a Flink POJO. {@code
 * lastWindow} is the last window fed to the detector (with lines or as a zero window).
 */
public class RateMeta {

    /** Source (host/service). */
    public String source = "";

    /** Host (anomaly entity). */
    public String host = "";

    /** Template id. */
    public String templateId = "";

    /** Latest template text. */
    public String template = "";

    /** Last window fed to the detector; {@link Long#MIN_VALUE} before the first. */
    public long lastWindow = Long.MIN_VALUE;

    /** Consecutive non-empty windows up to {@link #lastWindow}. */
    public int streak;

    /** Pending zero-window check timer, 0 if none. */
    public long nextCheck;

    /** Pending cleanup timer, 0 if none. */
    public long cleanupAt;

    /** For Flink. */
    public RateMeta() {}
}
