package org.ralf.testing.postgres;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit extension giving each test class a fresh, migrated database on the test PostgreSQL server
 * (see {@link PostgresServer}), injected as a {@link TestDatabase} parameter and dropped after the
 * class: {@code @ExtendWith(PostgresExtension.class)}.
 */
public final class PostgresExtension
        implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        PostgresServer server = PostgresServer.locate();
        TestDatabase db = server.createDatabase(context.getRequiredTestClass().getSimpleName());
        context.getStore(NS).put("server", server);
        context.getStore(NS).put("db", db);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        PostgresServer server = context.getStore(NS).remove("server", PostgresServer.class);
        TestDatabase db = context.getStore(NS).remove("db", TestDatabase.class);
        if (server != null && db != null) {
            server.dropDatabase(db);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestDatabase db = context.getStore(NS).get("db", TestDatabase.class);
        if (db == null) {
            throw new IllegalStateException("TestDatabase is only available in test classes");
        }
        return db;
    }
}
