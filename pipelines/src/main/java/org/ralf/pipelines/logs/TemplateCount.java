package org.ralf.pipelines.logs;

import java.util.Objects;

/**
 * Lines of one template of one source in one event-time window, as emitted by the miner when the
 * window closes; input of {@link TemplateRateFunction}. A Flink POJO. {@link #retired} marks a
 * template id that was merged into another: its rate series ends without a disappearance alert.
 */
public class TemplateCount {

    /** Miner key (host/service). */
    public String source = "";

    /** Host, the anomaly entity. */
    public String host = "";

    /** Template id. */
    public String templateId = "";

    /** Template text at window close. */
    public String template = "";

    /** Window start, epoch ms. */
    public long windowStart;

    /** Lines in the window. */
    public long count;

    /** The id was merged into {@code template} of another id and no longer counts. */
    public boolean retired;

    /** For Flink. */
    public TemplateCount() {}

    /** A count. */
    public static TemplateCount of(
            String source,
            String host,
            String templateId,
            String template,
            long windowStart,
            long count,
            boolean retired) {
        TemplateCount c = new TemplateCount();
        c.source = source;
        c.host = host;
        c.templateId = templateId;
        c.template = template;
        c.windowStart = windowStart;
        c.count = count;
        c.retired = retired;
        return c;
    }

    /** Key of the rate series: source and template id. */
    public String seriesKey() {
        return source + "|" + templateId;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TemplateCount c
                && windowStart == c.windowStart
                && count == c.count
                && retired == c.retired
                && source.equals(c.source)
                && templateId.equals(c.templateId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, templateId, windowStart, count, retired);
    }

    @Override
    public String toString() {
        return "TemplateCount["
                + source
                + " "
                + templateId
                + " @"
                + windowStart
                + " n="
                + count
                + (retired ? " retired" : "")
                + "]";
    }
}
