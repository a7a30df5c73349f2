package org.ralf.pipelines.remediation.decide;

import java.util.List;

/**
 * Actions issued in the last hour (state of the controller; older entries are trimmed).
 *
 * @param entries oldest first
 */
public record ActionLog(List<ActionEntry> entries) {

    /** Copies the entries. */
    public ActionLog {
        entries = List.copyOf(entries);
    }
}
