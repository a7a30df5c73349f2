package org.ralf.models.logs;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.annotation.Nullable;
import javax.sql.DataSource;
import org.ralf.models.embed.TemplateEmbedder;

/**
 * Template store over PostgreSQL + pgvector: table {@code ralf.log_templates} (DDL owned by the
 * schemas module's Flyway migrations), one row per template id with its {@link TemplateEmbedder}
 * vector in a {@code vector(256)} column under an HNSW index ({@code vector_cosine_ops}).
 *
 * <p>Contract: {@link #upsert} is idempotent per template id (the row is replaced by the newer
 * state; {@code first_seen} keeps the earliest, {@code count} the largest value, severity is kept
 * when the update brings none). {@link #nearest} answers "which stored templates are most similar
 * to this vector?" with {@code ORDER BY embedding <=> ?}, which the planner serves from the HNSW
 * index (approximate: tune {@code hnsw.ef_search} per session for recall). Thread-safe if the data
 * source is; every call borrows and returns one connection.
 */
public final class TemplateStore {

    private static final String UPSERT =
            "INSERT INTO ralf.log_templates (template_id, source, template, token_count, count,"
                    + " first_seen, last_seen, example, severity, embedding)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (template_id) DO UPDATE SET"
                    + " source = EXCLUDED.source, template = EXCLUDED.template,"
                    + " token_count = EXCLUDED.token_count,"
                    + " count = GREATEST(ralf.log_templates.count, EXCLUDED.count),"
                    + " first_seen = LEAST(ralf.log_templates.first_seen, EXCLUDED.first_seen),"
                    + " last_seen = GREATEST(ralf.log_templates.last_seen, EXCLUDED.last_seen),"
                    + " example = EXCLUDED.example,"
                    + " severity = COALESCE(EXCLUDED.severity, ralf.log_templates.severity),"
                    + " embedding = EXCLUDED.embedding";

    private static final String NEAREST =
            "SELECT template_id, source, template, count, embedding <=> ? AS distance"
                    + " FROM ralf.log_templates ORDER BY embedding <=> ? LIMIT ?";

    private final DataSource dataSource;

    /**
     * Creates the store.
     *
     * @param dataSource connections to a database with the {@code ralf.log_templates} table
     */
    public TemplateStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Inserts or updates one template, embedding its text with {@link TemplateEmbedder}.
     *
     * @param template the template
     * @param severity optional severity label (e.g. from the log level), null to keep the stored
     *     one
     * @throws TemplateStoreException on database failure
     */
    public void upsert(LogTemplate template, @Nullable String severity)
            throws TemplateStoreException {
        upsertAll(List.of(template), severity);
    }

    /**
     * Inserts or updates templates in one batch and transaction.
     *
     * @param templates the templates
     * @param severity optional severity for all of them, null to keep stored values
     * @throws TemplateStoreException on database failure (nothing is written then)
     */
    public void upsertAll(Collection<LogTemplate> templates, @Nullable String severity)
            throws TemplateStoreException {
        if (templates.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            PGvector.addVectorType(c);
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
                for (LogTemplate t : templates) {
                    ps.setString(1, t.templateId());
                    ps.setString(2, t.source());
                    ps.setString(3, t.template());
                    ps.setInt(4, t.tokenCount());
                    ps.setLong(5, t.count());
                    ps.setTimestamp(6, Timestamp.from(t.firstSeen()));
                    ps.setTimestamp(7, Timestamp.from(t.lastSeen()));
                    ps.setString(8, t.example());
                    ps.setString(9, severity);
                    ps.setObject(10, new PGvector(TemplateEmbedder.embedTemplate(t.template())));
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

    /**
     * The {@code k} stored templates nearest to a vector by cosine distance.
     *
     * @param embedding a vector of {@link TemplateEmbedder#DIMENSION} floats
     * @param k how many to return, at least 1
     * @return nearest first
     * @throws TemplateStoreException on database failure
     */
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

    /**
     * Known templates a newly created template may be a variant of: the nearest stored templates
     * other than itself whose similarity reaches {@code minSimilarity}.
     *
     * @param template the new template
     * @param k how many neighbours to examine
     * @param minSimilarity cosine similarity threshold in [0, 1]
     * @return candidates, most similar first
     * @throws TemplateStoreException on database failure
     */
    public List<SimilarTemplate> variantsOf(LogTemplate template, int k, double minSimilarity)
            throws TemplateStoreException {
        List<SimilarTemplate> out = new ArrayList<>();
        for (SimilarTemplate s :
                nearest(TemplateEmbedder.embedTemplate(template.template()), k + 1)) {
            if (!s.templateId().equals(template.templateId()) && s.similarity() >= minSimilarity) {
                out.add(s);
            }
        }
        return out;
    }
}
