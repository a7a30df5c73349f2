package org.ralf.schemas.cdc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * A Debezium change event of an inventory table in its JSON envelope form (value converter JSON,
 * {@code schemas.enable=false}), value of topic {@code ralf.cdc.<table>} (key: the row's primary
 * key as Debezium writes it).
 *
 * <p>Row images are maps of column name to the JSON value Debezium produced (numbers, strings,
 * booleans, nested maps for {@code jsonb}; NULL columns as null). With {@code REPLICA IDENTITY
 * FULL} on every CDC table, {@link #before()} holds the complete old row for updates and deletes.
 *
 * <p>Debezium itself does not write {@code schemaVersion}: when it is absent the envelope is read
 * as the current version ({@link #fromJson}); our serialiser always writes it.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param op operation
 * @param before row before the change (updates, deletes), else null
 * @param after row after the change (creates, snapshot reads, updates), else null
 * @param source where and when the change happened
 * @param tsMs when the connector processed the change, epoch milliseconds
 */
public record CdcEnvelope(
        int schemaVersion,
        CdcOp op,
        @Nullable Map<String, Object> before,
        @Nullable Map<String, Object> after,
        CdcSource source,
        @JsonProperty("ts_ms") long tsMs)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public CdcEnvelope {
        Checks.version(schemaVersion);
        Checks.present(op, "op");
        Checks.present(source, "source");
        before = before == null ? null : Checks.rowMap(before, "before");
        after = after == null ? null : Checks.rowMap(after, "after");
        switch (op) {
            case CREATE, READ, UPDATE -> Checks.present(after, "after (op " + op.code() + ")");
            case DELETE -> Checks.present(before, "before (op d)");
            default -> {
                // truncate and message events carry no row image
            }
        }
    }

    /**
     * The JSON creator: like the canonical constructor, but an absent {@code schemaVersion} (raw
     * Debezium output) means the current version.
     */
    @JsonCreator
    public static CdcEnvelope fromJson(
            @JsonProperty("schemaVersion") @Nullable Integer schemaVersion,
            @JsonProperty("op") CdcOp op,
            @JsonProperty("before") @Nullable Map<String, Object> before,
            @JsonProperty("after") @Nullable Map<String, Object> after,
            @JsonProperty("source") CdcSource source,
            @JsonProperty("ts_ms") long tsMs) {
        return new CdcEnvelope(
                schemaVersion == null ? SCHEMA_VERSION : schemaVersion,
                op,
                before,
                after,
                source,
                tsMs);
    }

    /** Table the change belongs to. */
    public String table() {
        return source.table();
    }

    /** The row as it is now: {@link #after()} if present, else {@link #before()} (deletes). */
    public @Nullable Map<String, Object> row() {
        return after != null ? after : before;
    }
}
