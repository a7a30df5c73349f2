package org.ralf.schemas.log;

import java.time.Instant;
import java.util.List;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * One log line with the template it was assigned to, value of topic {@code ralf.logs.templated}
 * (key: {@link #host()}, as in {@code ralf.logs}). The logpatterns job writes one per decodable
 * {@code ralf.logs} record, exactly once. The template's catalogue record (counts, first/last seen,
 * example) is the latest {@link LogTemplate} with the same {@link #templateId()} on the compacted
 * {@code ralf.log-templates}; that topic cannot hold per-line records (compaction keeps one value
 * per key), hence a topic of its own.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param timestamp event time of the line
 * @param host host that emitted the line
 * @param service service or application, if known
 * @param severity severity of the line; {@link Severity#UNKNOWN} when the source has none
 * @param message the message text as the miner saw it: cut to the miner's line bound, the cut
 *     marked with {@code <truncated>}
 * @param templateId stable id of the template the line belongs to (key of {@code
 *     ralf.log-templates})
 * @param template the template text when the line was assigned (it may become more general later;
 *     the catalogue record has the current text)
 * @param parameters the values of the template's {@code <*>} in order, null when the line could not
 *     be aligned with its template text
 * @param partition partition of the original {@link LogRecord} in {@code ralf.logs}, if it came
 *     from Kafka (labels, facility and the raw line are there)
 * @param offset offset of the original record in that partition, if it came from Kafka
 */
public record TemplatedLog(
        int schemaVersion,
        Instant timestamp,
        String host,
        @Nullable String service,
        Severity severity,
        String message,
        String templateId,
        String template,
        @Nullable List<String> parameters,
        @Nullable Integer partition,
        @Nullable Long offset)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public TemplatedLog {
        Checks.version(schemaVersion);
        Checks.present(timestamp, "timestamp");
        Checks.nonBlank(host, "host");
        Checks.nonBlankOrNull(service, "service");
        Checks.present(severity, "severity");
        Checks.present(message, "message");
        Checks.nonBlank(templateId, "templateId");
        Checks.nonBlank(template, "template");
        if (parameters != null) {
            // values may be empty strings (a wildcard that matched nothing), never null
            parameters = List.copyOf(parameters);
        }
        if (partition != null) {
            Checks.nonNegative(partition, "partition");
        }
        if (offset != null) {
            Checks.nonNegative(offset, "offset");
        }
        if ((partition == null) != (offset == null)) {
            throw new IllegalArgumentException("partition and offset are given together or not");
        }
    }
}
