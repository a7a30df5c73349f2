package org.ralf.models.logs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The persisted state of a {@link TemplateMiner}: enough to continue with the same ids after a
 * restart. Plain data, written as JSON by {@link MinerSnapshots}.
 *
 * @param version format version ({@link #FORMAT_VERSION})
 * @param source the source the miner learns
 * @param nextSeq the next id sequence number (ids are never reused, even after eviction)
 * @param templates live templates, least recently matched first
 * @param redirects merged id to the id it was merged into
 * @param families word evidence gathered below the merge threshold, oldest first
 */
public record MinerSnapshot(
        int version,
        String source,
        long nextSeq,
        List<Template> templates,
        Map<String, String> redirects,
        List<Family> families) {

    /** The format written by this version. */
    public static final int FORMAT_VERSION = 1;

    /** Defensive copies. */
    public MinerSnapshot {
        templates = List.copyOf(templates);
        // Order matters: the oldest redirects are dropped first when the cap is reached.
        redirects = Collections.unmodifiableMap(new LinkedHashMap<>(redirects));
        families = List.copyOf(families);
    }

    /**
     * Words seen at one position of templates that are otherwise equal.
     *
     * @param pattern the template tokens (the varying position holds one of the words)
     * @param position the varying position
     * @param values the distinct words seen there, sorted
     */
    public record Family(List<String> pattern, int position, List<String> values) {

        /** Defensive copies. */
        public Family {
            pattern = List.copyOf(pattern);
            values = List.copyOf(values);
        }
    }

    /**
     * One template.
     *
     * @param id the stable id
     * @param tokens the template tokens ({@code <*>} for variables)
     * @param count lines matched
     * @param firstSeen ISO-8601 instant
     * @param lastSeen ISO-8601 instant
     * @param example an example line
     */
    public record Template(
            String id,
            List<String> tokens,
            long count,
            String firstSeen,
            String lastSeen,
            String example) {

        /** Defensive copy. */
        public Template {
            tokens = List.copyOf(tokens);
        }
    }
}
