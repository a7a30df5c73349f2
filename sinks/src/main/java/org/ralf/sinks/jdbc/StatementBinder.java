package org.ralf.sinks.jdbc;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.annotation.Nullable;
import org.ralf.sinks.batch.BatchWriter;

/**
 * One table's statement for {@link JdbcBatchHandler}: the SQL and how a record binds to it. The
 * statement must be idempotent (an upsert {@code ON CONFLICT ...}): batches are retried and
 * replayed after a restore.
 *
 * @param <T> record type
 */
public interface StatementBinder<T> extends Serializable {

    /** The parameterised statement, executed once per record in a JDBC batch. */
    String sql();

    /** Sets the statement's parameters for one record. */
    void bind(PreparedStatement statement, T record) throws SQLException;

    /** Prepares a connection before the batch (e.g. registers the pgvector type). */
    default void prepare(Connection connection) throws SQLException {}

    /**
     * The record's key when a newer record of the same key replaces a pending one within a batch
     * (the statement's conflict key), or null when every record is written.
     */
    @Nullable
    default BatchWriter.KeyOf<T> key() {
        return null;
    }

    /**
     * A serialisable conversion of the caller's record into the binder's.
     *
     * @param <U> the caller's record
     * @param <T> the binder's record
     */
    @FunctionalInterface
    interface Mapping<U, T> extends Serializable {
        /** Converts. */
        T apply(U record);
    }

    /** This binder applied to another record type, converted per record (without a key). */
    default <U> StatementBinder<U> from(Mapping<U, T> mapping) {
        StatementBinder<T> self = this;
        return new StatementBinder<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public String sql() {
                return self.sql();
            }

            @Override
            public void bind(PreparedStatement statement, U record) throws SQLException {
                self.bind(statement, mapping.apply(record));
            }

            @Override
            public void prepare(Connection connection) throws SQLException {
                self.prepare(connection);
            }
        };
    }
}
