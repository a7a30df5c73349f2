package org.ralf.sinks.jdbc;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import javax.annotation.Nullable;
import org.ralf.models.embed.TemplateEmbedder;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.sinks.batch.BatchWriter;

/**
 * Templates into {@code ralf.log_templates} (pgvector), upserted by template id with their {@link
 * TemplateEmbedder} vector: {@code first_seen} keeps the earliest, {@code count} and {@code
 * last_seen} the largest value, and the severity is kept when the update brings none, so replaying
 * an older state of a template never moves its row back.
 */
public final class TemplateBinder implements StatementBinder<LogTemplate> {

    private static final long serialVersionUID = 1L;

    /** The upsert, shared with {@link org.ralf.sinks.memory.PgTemplateStore}. */
    public static final String UPSERT =
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

    @Override
    public String sql() {
        return UPSERT;
    }

    @Override
    public void prepare(Connection connection) throws SQLException {
        PGvector.addVectorType(connection);
    }

    @Override
    public BatchWriter.KeyOf<LogTemplate> key() {
        // the newest state of a template wins within a batch
        return LogTemplate::templateId;
    }

    @Override
    public void bind(PreparedStatement ps, LogTemplate t) throws SQLException {
        bind(
                ps,
                new org.ralf.models.logs.LogTemplate(
                        t.templateId(),
                        t.source(),
                        t.template(),
                        t.tokenCount(),
                        t.count(),
                        t.firstSeen(),
                        t.lastSeen(),
                        t.example() == null ? "" : t.example()),
                t.severity() == null ? null : t.severity().name());
    }

    /**
     * Binds {@link #UPSERT} for a mined template.
     *
     * @param severity the severity label, null to keep the stored one
     */
    public static void bind(
            PreparedStatement ps, org.ralf.models.logs.LogTemplate t, @Nullable String severity)
            throws SQLException {
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
    }
}
