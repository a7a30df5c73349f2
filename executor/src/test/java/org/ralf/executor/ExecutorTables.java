package org.ralf.executor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.ralf.testing.postgres.TestDatabase;

/** Creates the agreed ledger tables in a test database when the migrations do not yet have them. */
public final class ExecutorTables {

    private ExecutorTables() {}

    /** Applies {@code db/executor-tables.sql} (idempotent). */
    public static void ensure(TestDatabase db) throws SQLException, IOException {
        String ddl;
        try (InputStream in = ExecutorTables.class.getResourceAsStream("/db/executor-tables.sql")) {
            ddl = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            s.execute(ddl);
        }
    }
}
