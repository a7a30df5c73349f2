package org.ralf.schemas.cdc;

import com.fasterxml.jackson.annotation.JsonProperty;
import javax.annotation.Nullable;
import org.ralf.schemas.internal.Checks;

/**
 * The {@code source} block of a Debezium PostgreSQL change event: where and when the change
 * happened. Further Debezium fields ({@code version}, {@code sequence}, {@code xmin}, ...) are
 * ignored when read.
 *
 * @param connector connector type, {@code postgresql}
 * @param name logical name of the connector ({@code topic.prefix})
 * @param db database name
 * @param schema schema name, {@code ralf}
 * @param table table name
 * @param tsMs commit time of the change in the database, epoch milliseconds
 * @param txId PostgreSQL transaction id, if known
 * @param lsn log sequence number of the change, if known
 * @param snapshot Debezium snapshot marker ({@code true}, {@code false}, {@code first}, {@code
 *     last}, {@code incremental}), if given
 */
public record CdcSource(
        @Nullable String connector,
        @Nullable String name,
        @Nullable String db,
        String schema,
        String table,
        @JsonProperty("ts_ms") long tsMs,
        @Nullable Long txId,
        @Nullable Long lsn,
        @Nullable String snapshot) {

    /** Validates the invariants; see the component descriptions. */
    public CdcSource {
        Checks.nonBlank(schema, "source.schema");
        Checks.nonBlank(table, "source.table");
    }
}
