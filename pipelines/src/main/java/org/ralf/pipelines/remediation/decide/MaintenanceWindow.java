package org.ralf.pipelines.remediation.decide;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.ralf.pipelines.remediation.policy.Glob;

/**
 * A maintenance window from {@code ralf.maintenance_windows}: no automatic action on matching
 * entities while it is active.
 *
 * @param windowId id
 * @param entitySelector entity name or glob
 * @param startsAtMs start, epoch ms (inclusive)
 * @param endsAtMs end, epoch ms (exclusive)
 * @param reason why
 */
public record MaintenanceWindow(
        String windowId, String entitySelector, long startsAtMs, long endsAtMs, String reason) {

    /** Whether the window is active at the given time and selects one of the entities. */
    public boolean covers(long nowMs, Iterable<String> entities) {
        if (nowMs < startsAtMs || nowMs >= endsAtMs) {
            return false;
        }
        for (String e : entities) {
            if (e != null && Glob.matches(entitySelector, e)) {
                return true;
            }
        }
        return false;
    }

    /** Reads a CDC row image (Debezium writes timestamptz as ISO-8601 text). */
    public static MaintenanceWindow fromRow(Map<String, Object> row) {
        return new MaintenanceWindow(
                String.valueOf(row.get("window_id")),
                String.valueOf(row.get("entity_selector")),
                millis(row.get("starts_at")),
                millis(row.get("ends_at")),
                String.valueOf(row.getOrDefault("reason", "")));
    }

    private static long millis(Object v) {
        if (v instanceof Number n) {
            return n.longValue() / 1000; // MicroTimestamp
        }
        String s = String.valueOf(v);
        try {
            return OffsetDateTime.parse(s).toInstant().toEpochMilli();
        } catch (RuntimeException e) {
            return Instant.parse(s).toEpochMilli();
        }
    }
}
