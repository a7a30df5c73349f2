package org.ralf.models.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.ds.PGSimpleDataSource;
import org.ralf.models.embed.TemplateEmbedder;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

/**
 * The template store against a real PostgreSQL with pgvector: a fresh database per class from the
 * shared fixture, migrated (the {@code ralf.log_templates} table and its HNSW index come from the
 * schemas module's migration).
 */
@ExtendWith(PostgresExtension.class)
class TemplateStoreIT {

    private static final String SOURCE = "it-store";
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private PGSimpleDataSource dataSource;
    private TemplateStore store;

    @BeforeEach
    void setUp(TestDatabase db) throws SQLException {
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(db.jdbcUrl());
        dataSource.setUser(db.user());
        dataSource.setPassword(db.password());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DELETE FROM ralf.log_templates WHERE source = '" + SOURCE + "'");
        }
        store = new TemplateStore(dataSource);
    }

    private static LogTemplate template(
            String id, String text, long count, Instant first, Instant last) {
        return new LogTemplate(
                id, SOURCE, text, text.split(" ").length, count, first, last, "example of " + id);
    }

    @Test
    void shouldReturnTheMostSimilarStoredTemplatesFirst() throws Exception {
        // Arrange
        List<LogTemplate> ts = new ArrayList<>();
        ts.add(template(SOURCE + "#1", "Received block <*> of size <*> from <*>", 10, T0, T0));
        ts.add(template(SOURCE + "#2", "session opened for user <*> by cron", 5, T0, T0));
        ts.add(template(SOURCE + "#3", "cupsd startup succeeded", 1, T0, T0));
        ts.add(template(SOURCE + "#4", "Deleting block <*> file <*>", 3, T0, T0));
        store.upsertAll(ts, "INFO");

        // Act
        List<SimilarTemplate> nearest =
                store.nearest(
                        TemplateEmbedder.embedLine("Received block blk_7 of size 42 from 10.1.1.1"),
                        2);

        // Assert
        assertThat(nearest).hasSize(2);
        assertThat(nearest.get(0).template()).isEqualTo("Received block <*> of size <*> from <*>");
        assertThat(nearest.get(0).similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(nearest.get(1).similarity()).isLessThan(nearest.get(0).similarity());
    }

    @Test
    void shouldUpsertIdempotentlyKeepingEarliestFirstSeenAndSeverity() throws Exception {
        // Arrange
        String id = SOURCE + "#10";
        store.upsert(
                template(id, "disk <*> full", 3, T0.plusSeconds(10), T0.plusSeconds(20)), "WARN");

        // Act
        store.upsert(template(id, "disk <*> <*>", 7, T0, T0.plusSeconds(30)), null);
        store.upsert(template(id, "disk <*> <*>", 7, T0, T0.plusSeconds(30)), null);

        // Assert
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery(
                                "SELECT template, count, first_seen, last_seen, severity, token_count"
                                        + " FROM ralf.log_templates WHERE template_id = '"
                                        + id
                                        + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("disk <*> <*>");
            assertThat(rs.getLong(2)).isEqualTo(7);
            assertThat(rs.getTimestamp(3).toInstant()).isEqualTo(T0);
            assertThat(rs.getTimestamp(4).toInstant()).isEqualTo(T0.plusSeconds(30));
            assertThat(rs.getString(5)).isEqualTo("WARN");
            assertThat(rs.getInt(6)).isEqualTo(3);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void shouldFindAKnownTemplateAsVariantOfANewOne() throws Exception {
        // Arrange
        store.upsert(
                template(
                        SOURCE + "#20",
                        "Failed password for <*> from <*> port <*> ssh2",
                        9,
                        T0,
                        T0),
                null);
        LogTemplate fresh =
                template(
                        SOURCE + "#21",
                        "Failed password for invalid user <*> from <*> port <*> ssh2",
                        1,
                        T0,
                        T0);
        store.upsert(fresh, null);

        // Act
        List<SimilarTemplate> variants = store.variantsOf(fresh, 3, 0.6);

        // Assert
        assertThat(variants).extracting(SimilarTemplate::templateId).contains(SOURCE + "#20");
        assertThat(variants)
                .extracting(SimilarTemplate::templateId)
                .doesNotContain(fresh.templateId());
    }

    @Test
    void shouldServeTheNearestQueryFromTheHnswIndex() throws Exception {
        // Arrange
        store.upsert(template(SOURCE + "#30", "link <*> up", 1, T0, T0), null);

        // Act: with sequential scans discouraged the planner must be able to use the index.
        StringBuilder plan = new StringBuilder();
        List<String> hnswIndexes = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            try (ResultSet rs =
                    s.executeQuery(
                            "SELECT indexname FROM pg_indexes WHERE schemaname = 'ralf' AND"
                                    + " tablename = 'log_templates' AND indexdef ILIKE '%hnsw%'")) {
                while (rs.next()) {
                    hnswIndexes.add(rs.getString(1));
                }
            }
            s.execute("SET enable_seqscan = off");
            try (ResultSet rs =
                    s.executeQuery(
                            "EXPLAIN SELECT template_id FROM ralf.log_templates ORDER BY embedding"
                                    + " <=> '"
                                    + new com.pgvector.PGvector(
                                            TemplateEmbedder.embedTemplate("link <*> up"))
                                    + "' LIMIT 3")) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }

        // Assert
        assertThat(hnswIndexes).isNotEmpty();
        assertThat(plan.toString()).contains("Index Scan using " + hnswIndexes.get(0));
    }
}
