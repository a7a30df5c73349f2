package org.ralf.models.logs;

import java.time.Instant;

/**
 * An immutable view of one mined template.
 *
 * @param templateId stable id, allocated when the template was created and never reused
 * @param source the source (miner) the template belongs to
 * @param template the template text, variables written as {@code <*>}, tokens joined by one space
 * @param tokenCount number of tokens of the template
 * @param count number of lines matched so far (including lines of templates merged into it)
 * @param firstSeen event time of the first matching line
 * @param lastSeen event time of the latest matching line
 * @param example one raw line (truncated to the configured length) that matched
 */
public record LogTemplate(
        String templateId,
        String source,
        String template,
        int tokenCount,
        long count,
        Instant firstSeen,
        Instant lastSeen,
        String example) {}
