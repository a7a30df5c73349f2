package org.ralf.sinks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.ralf.sinks.batch.BatchHandler;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each batch as one JDBC batch of a {@link StatementBinder}'s statement in one transaction
 * (rolled back on failure, so a retry starts clean).
 *
 * <p>Connections come from a {@link Pools} pool: it starts while the database is down, a broken
 * connection is replaced on the next attempt, and a connection that cannot be had within {@link
 * JdbcSettings#connectTimeoutMs()} fails the attempt (the {@link org.ralf.sinks.batch.BatchWriter}
 * then retries) instead of blocking the checkpoint.
 *
 * @param <T> record type
 */
public final class JdbcBatchHandler<T> implements BatchHandler<T> {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcBatchHandler.class);

    private final DataSource pool;
    private final StatementBinder<T> binder;

    /**
     * @param pool connections; closed with this handler when it is {@link AutoCloseable}
     * @param binder the table's statement
     */
    public JdbcBatchHandler(DataSource pool, StatementBinder<T> binder) {
        this.pool = pool;
        this.binder = binder;
    }

    /** Opens handlers with a pool of their own named {@code poolName}. */
    public static <T> BatchHandler.Factory<T> factory(
            JdbcSettings settings, String poolName, StatementBinder<T> binder) {
        return () -> new JdbcBatchHandler<>(Pools.open(settings, poolName), binder);
    }

    @Override
    public void handle(List<T> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            binder.prepare(c);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(binder.sql())) {
                for (T record : batch) {
                    binder.bind(ps, record);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    @Override
    public void close() {
        if (pool instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // nothing is lost: every batch was committed or will be replayed
                LOG.warn("closing the connections of {} failed: {}", binder.sql(), e.toString());
            }
        }
    }
}
