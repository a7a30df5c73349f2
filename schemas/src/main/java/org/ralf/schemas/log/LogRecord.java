package org.ralf.schemas.log;

import java.time.Instant;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * One log line, value of topic {@code ralf.logs} (key: {@link #host()}).
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param timestamp event time of the line (from the line itself when it has one, else receive time)
 * @param host host (node or guest) that emitted the line
 * @param service service or application name (syslog APP-NAME, Loki {@code app}/{@code job}), if
 *     known
 * @param severity severity; {@link Severity#UNKNOWN} when the source has none
 * @param facility syslog facility name ({@code daemon}, {@code kern}, ...), if any
 * @param message the message text without the syslog header
 * @param labels further labels (Loki stream labels, structured-data params); may be empty
 * @param source which connector produced it, for example {@code syslog-udp:5514}
 * @param raw the original line, when kept for debugging or re-parsing
 */
public record LogRecord(
        int schemaVersion,
        Instant timestamp,
        String host,
        @Nullable String service,
        Severity severity,
        @Nullable String facility,
        String message,
        Map<String, String> labels,
        String source,
        @Nullable String raw)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public LogRecord {
        Checks.version(schemaVersion);
        Checks.present(timestamp, "timestamp");
        Checks.nonBlank(host, "host");
        Checks.nonBlankOrNull(service, "service");
        Checks.present(severity, "severity");
        Checks.nonBlankOrNull(facility, "facility");
        // An empty message is a legitimate (if useless) log line; only null is wrong.
        Checks.present(message, "message");
        labels = Checks.sortedMap(labels, "labels");
        Checks.nonBlank(source, "source");
    }
}
