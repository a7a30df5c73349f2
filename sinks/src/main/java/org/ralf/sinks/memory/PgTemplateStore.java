package org.ralf.sinks.memory;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.ralf.models.embed.TemplateEmbedder;
import org.ralf.models.logs.LogTemplate;
import org.ralf.models.logs.SimilarTemplate;
import org.ralf.models.logs.TemplateStore;
import org.ralf.models.logs.TemplateStoreException;
import org.ralf.sinks.jdbc.TemplateBinder;

/**
 * The {@link TemplateStore} over PostgreSQL + pgvector: table {@code ralf.log_templates} (DDL owned
 * by the schemas module's Flyway migrations), one row per template id with its {@link
 * TemplateEmbedder} vector in a {@code vector(256)} column under an HNSW index ({@code
 * vector_cosine_ops}).
 *
 * <p>Contract: {@link #upsert} is idempotent per template id (the row is replaced by the newer
 * state; {@code first_seen} keeps the earliest, {@code count} the largest value, severity is kept
 * when the update brings none). {@link #nearest} answers "which stored templates are most similar
 * to this vector?" with {@code ORDER BY embedding <=> ?}, which the planner serves from the HNSW
 * index (approximate: tune {@code hnsw.ef_search} per session for recall). Thread-safe if the data
 * source is; every call borrows and returns one connection.
 */
public final class PgTemplateStore implements TemplateStore {

    private static final String NEAREST =
            "SELECT template_id, source, template, count, embedding <=> ? AS distance"
                    + " FROM ralf.log_templates ORDER BY embedding <=> ? LIMIT ?";

    private final DataSource dataSource;

    /**
     * Creates the store.
     *
     * @param dataSource connections to a database with the {@code ralf.log_templates} table
     */
    public PgTemplateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void upsertAll(Collection<LogTemplate> templates, @Nullable String severity)
            throws TemplateStoreException {
        if (templates.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            PGvector.addVectorType(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(TemplateBinder.UPSERT)) {
                for (LogTemplate t : templates) {
                    TemplateBinder.bind(ps, t, severity);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new TemplateStoreException(
                    "upsert of " + templates.size() + " templates failed", e);
        }
    }

    @Override
    public List<SimilarTemplate> nearest(float[] embedding, int k) throws TemplateStoreException {
        if (embedding.length != TemplateEmbedder.DIMENSION) {
            throw new IllegalArgumentException(
                    "embedding must have " + TemplateEmbedder.DIMENSION + " dimensions");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        try (Connection c = dataSource.getConnection()) {
            PGvector.addVectorType(c);
            try (PreparedStatement ps = c.prepareStatement(NEAREST)) {
                PGvector v = new PGvector(embedding);
                ps.setObject(1, v);
                ps.setObject(2, v);
                ps.setInt(3, k);
                List<SimilarTemplate> out = new ArrayList<>(k);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(
                                new SimilarTemplate(
                                        rs.getString(1),
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getLong(4),
                                        1.0 - rs.getDouble(5)));
                    }
                }
                return out;
            }
        } catch (SQLException e) {
            throw new TemplateStoreException("nearest-template lookup failed", e);
        }
    }
}
