package org.ralf.models.logs;

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
 */
public record MinerSnapshot(
        int version,
        String source,
        long nextSeq,
        List<Template> templates,
        Map<String, String> redirects) {

    /** The format written by this version. */
    public static final int FORMAT_VERSION = 1;

    /** Defensive copies. */
    public MinerSnapshot {
        templates = List.copyOf(templates);
        redirects = Map.copyOf(redirects);
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
