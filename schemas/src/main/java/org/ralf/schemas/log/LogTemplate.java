package org.ralf.schemas.log;

import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * A learned log template (Drain-style: constant tokens with {@code <*>} for variable ones), value
 * of the compacted topic {@code ralf.log-templates} (key: {@link #templateId()}); the latest value
 * per id is the current state. Stored in {@code ralf.log_templates} with an embedding.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param templateId stable id of the template
 * @param source log source the template was learned from (host/service or connector)
 * @param template template text, variable tokens replaced by {@code <*>}
 * @param tokenCount number of tokens of the template
 * @param count how many lines matched so far
 * @param firstSeen event time of the first matching line
 * @param lastSeen event time of the latest matching line
 * @param example one matching line, if kept
 * @param severity most frequent severity of matching lines, if known
 */
public record LogTemplate(
        int schemaVersion,
        String templateId,
        String source,
        String template,
        int tokenCount,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        @Nullable String example,
        @Nullable Severity severity)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public LogTemplate {
        Checks.version(schemaVersion);
        Checks.nonBlank(templateId, "templateId");
        Checks.nonBlank(source, "source");
        Checks.nonBlank(template, "template");
        Checks.nonNegative(tokenCount, "tokenCount");
        Checks.nonNegative(count, "count");
        Checks.present(firstSeen, "firstSeen");
        Checks.present(lastSeen, "lastSeen");
        Checks.ordered(firstSeen, "firstSeen", lastSeen, "lastSeen");
    }
}
