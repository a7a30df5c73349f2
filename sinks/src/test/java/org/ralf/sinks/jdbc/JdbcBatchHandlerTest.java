package org.ralf.sinks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.ralf.sinks.batch.BatchWriter;
import org.ralf.sinks.batch.RetryPolicy;

/**
 * One transaction per batch, rolled back on failure, so that the writer's retry starts clean;
 * against a fake connection (JDK proxies of the JDBC interfaces) that fails {@code executeBatch} a
 * given number of times.
 */
class JdbcBatchHandlerTest {

    /** Binds a string as the only parameter. */
    private static final class TextBinder implements StatementBinder<String> {
        @Override
        public String sql() {
            return "INSERT INTO t (v) VALUES (?) ON CONFLICT (v) DO NOTHING";
        }

        @Override
        public void bind(PreparedStatement statement, String record) throws SQLException {
            statement.setString(1, record);
        }
    }

    /** Connections that log what is called on them; {@code executeBatch} fails N times. */
    private static final class FakeDatabase implements DataSource {
        final List<String> calls = new ArrayList<>();
        private int failures;

        FakeDatabase(int failures) {
            this.failures = failures;
        }

        @Override
        public Connection getConnection() {
            calls.add("connect");
            return proxy(Connection.class);
        }

        private <I> I proxy(Class<I> type) {
            return type.cast(
                    Proxy.newProxyInstance(
                            type.getClassLoader(),
                            new Class<?>[] {type},
                            (self, method, args) -> {
                                String name = method.getName();
                                if (name.equals("setString")) {
                                    calls.add("bind " + args[1]);
                                } else if (!name.equals("setAutoCommit")) {
                                    calls.add(name);
                                }
                                if (name.equals("executeBatch") && failures > 0) {
                                    failures--;
                                    throw new SQLException("connection reset");
                                }
                                return switch (name) {
                                    case "prepareStatement" -> proxy(PreparedStatement.class);
                                    case "executeBatch" -> new int[0];
                                    default -> null;
                                };
                            }));
        }

        @Override
        public Connection getConnection(String user, String password) {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <X> X unwrap(Class<X> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    @Test
    void shouldWriteABatchAsOneCommittedJdbcBatch() throws Exception {
        // Arrange
        FakeDatabase db = new FakeDatabase(0);
        JdbcBatchHandler<String> handler = new JdbcBatchHandler<>(db, new TextBinder());

        // Act
        handler.handle(List.of("a", "b"));

        // Assert
        assertThat(db.calls)
                .containsExactly(
                        "connect",
                        "prepareStatement",
                        "bind a",
                        "addBatch",
                        "bind b",
                        "addBatch",
                        "executeBatch",
                        "commit",
                        "close",
                        "close");
    }

    @Test
    void shouldRollBackAFailedBatchAndSucceedOnTheWritersRetry() throws Exception {
        // Arrange: the first attempt fails in executeBatch
        FakeDatabase db = new FakeDatabase(1);
        BatchWriter<String> writer =
                new BatchWriter<>(
                        "t",
                        new JdbcBatchHandler<>(db, new TextBinder()),
                        10,
                        new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                        null);
        writer.write("a");

        // Act
        writer.flush();

        // Assert: rolled back, then a fresh connection that commits
        assertThat(db.calls)
                .containsSubsequence("executeBatch", "rollback", "close", "connect")
                .containsSubsequence("connect", "executeBatch", "commit")
                .filteredOn("commit"::equals)
                .hasSize(1);
        assertThat(writer.pending()).isZero();
    }

    @Test
    void shouldPassTheFailureOnWhenNoRetryIsLeft() {
        // Arrange
        FakeDatabase db = new FakeDatabase(1);
        JdbcBatchHandler<String> handler = new JdbcBatchHandler<>(db, new TextBinder());

        // Act + Assert
        assertThatThrownBy(() -> handler.handle(List.of("a")))
                .isInstanceOf(SQLException.class)
                .hasMessage("connection reset");
        assertThat(db.calls).contains("rollback").doesNotContain("commit");
    }
}
