package org.ralf.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith(PostgresExtension.class)
class PostgresFixtureIT {

    private static final int DIM = 256;

    @Test
    void shouldApplyMigrationsIncludingHnswIndexesAndThePublication(TestDatabase db)
            throws Exception {
        try (Connection c = db.connect();
                Statement s = c.createStatement()) {
            ResultSet versions =
                    s.executeQuery("SELECT count(*) FROM ralf.flyway_schema_history WHERE success");
            versions.next();
            assertThat(versions.getInt(1)).isPositive();

            ResultSet hnsw =
                    s.executeQuery(
                            "SELECT count(*) FROM pg_indexes WHERE schemaname = 'ralf'"
                                    + " AND indexdef ILIKE '%USING hnsw%vector_cosine_ops%'");
            hnsw.next();
            assertThat(hnsw.getInt(1)).isGreaterThanOrEqualTo(2);

            ResultSet pub =
                    s.executeQuery(
                            "SELECT count(*) FROM pg_publication_tables WHERE pubname = 'ralf_cdc'");
            pub.next();
            assertThat(pub.getInt(1)).isPositive();
        }
    }

    @Test
    void shouldAnswerNearestNeighbourQueriesThroughPgvectorJava(TestDatabase db) throws Exception {
        // Arrange: 200 random unit vectors plus one we will query with a small perturbation of
        Random random = new Random(42);
        List<float[]> vectors = new ArrayList<>();
        try (Connection c = db.connect()) {
            PGvector.addVectorType(c);
            try (PreparedStatement insert =
                    c.prepareStatement(
                            "INSERT INTO ralf.log_templates (template_id, source, template,"
                                    + " token_count, count, first_seen, last_seen, example,"
                                    + " embedding) VALUES (?, 'test', ?, 1, 1, now(), now(), ?, ?)")) {
                for (int i = 0; i < 200; i++) {
                    float[] v = unit(random);
                    vectors.add(v);
                    insert.setString(1, "t" + i);
                    insert.setString(2, "template " + i);
                    insert.setString(3, "example " + i);
                    insert.setObject(4, new PGvector(v));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            float[] query = vectors.get(17).clone();
            query[0] += 0.01f;

            // Act
            List<String> nearest = new ArrayList<>();
            try (PreparedStatement knn =
                    c.prepareStatement(
                            "SELECT template_id FROM ralf.log_templates ORDER BY embedding <=> ?"
                                    + " LIMIT 5")) {
                knn.setObject(1, new PGvector(query));
                try (ResultSet rs = knn.executeQuery()) {
                    while (rs.next()) {
                        nearest.add(rs.getString(1));
                    }
                }
            }

            // Assert
            assertThat(nearest).hasSize(5).first().isEqualTo("t17");
        }
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIM];
        double norm = 0;
        for (int i = 0; i < DIM; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIM; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }
}
