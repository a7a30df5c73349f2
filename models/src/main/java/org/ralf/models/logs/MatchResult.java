package org.ralf.models.logs;

import java.util.List;

/**
 * What {@link TemplateMiner#add} did with one line.
 *
 * @param templateId the id of the template the line now belongs to
 * @param template the template text after this line was taken into account
 * @param kind whether the template is new, was generalised, or matched unchanged
 * @param mergedIds ids of templates that were merged into {@code templateId} because of this line
 *     (they now resolve to it); empty in the common case
 */
public record MatchResult(String templateId, String template, Kind kind, List<String> mergedIds) {

    /** How the line affected the template set. */
    public enum Kind {
        /** A new template was created for the line. */
        CREATED,
        /**
         * An existing template was generalised (some token became {@code <*>}) or absorbed others.
         */
        UPDATED,
        /** The line matched an existing template unchanged. */
        MATCHED
    }

    /** Defensive copy. */
    public MatchResult {
        mergedIds = List.copyOf(mergedIds);
    }
}
