package org.ralf.sinks.memory;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.models.incident.FingerprintEmbedder;
import org.ralf.models.incident.IncidentFingerprint;
import org.ralf.models.incident.IncidentMemory;
import org.ralf.models.incident.MemoryException;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.schemas.serde.Json;

/**
 * The incident memory in PostgreSQL: {@code ralf.experiences} holds one row per remediation attempt
 * with the incident's fingerprint embedding ({@link FingerprintEmbedder}); {@link #similar} is an
 * approximate nearest-neighbour search on its HNSW cosine index ({@code hnsw.ef_search} settable,
 * default 100). Thread-safe (a connection pool).
 */
public final class PgIncidentMemory implements IncidentMemory {

    /** Default {@code hnsw.ef_search}: candidates examined per query (recall vs latency). */
    public static final int DEFAULT_EF_SEARCH = 100;

    private static final String SIMILAR =
            "SELECT incident_id, kind, action, outcome, time_to_recover_ms,"
                    + " 1 - (embedding <=> ?) AS similarity"
                    + " FROM ralf.experiences ORDER BY embedding <=> ? LIMIT ?";

    private static final String UPSERT =
            "INSERT INTO ralf.experiences (experience_id, incident_id, decision_id, command_id,"
                    + " kind, action, target, outcome, time_to_recover_ms, reward, features,"
                    + " embedding, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?::jsonb,?,?)"
                    + " ON CONFLICT (experience_id) DO UPDATE SET outcome = EXCLUDED.outcome,"
                    + " time_to_recover_ms = EXCLUDED.time_to_recover_ms, reward = EXCLUDED.reward";

    private static final String OUTCOME =
            "UPDATE ralf.decisions SET outcome = ? WHERE decision_id = ?";

    private final HikariDataSource pool;
    private final int efSearch;

    /**
     * @param settings database
     * @param efSearch HNSW candidates per query
     */
    public PgIncidentMemory(JdbcSettings settings, int efSearch) {
        this.pool = Pools.open(settings, "ralf-incident-memory");
        this.efSearch = efSearch;
    }

    /** A serialisable factory for Flink. */
    public static IncidentMemory.Factory factory(JdbcSettings settings, int efSearch) {
        return () -> new PgIncidentMemory(settings, efSearch);
    }

    @Override
    public List<SimilarIncident> similar(IncidentFingerprint fingerprint, int k)
            throws MemoryException {
        return similar(FingerprintEmbedder.embed(fingerprint), k);
    }

    /** The nearest experiences to an embedding (approximate, via the HNSW index). */
    public List<SimilarIncident> similar(float[] embedding, int k) throws MemoryException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL hnsw.ef_search = " + efSearch);
            }
            List<SimilarIncident> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(SIMILAR)) {
                PGvector v = new PGvector(embedding);
                ps.setObject(1, v);
                ps.setObject(2, v);
                ps.setInt(3, k);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long ttr = rs.getLong(5);
                        out.add(
                                new SimilarIncident(
                                        rs.getString(1),
                                        rs.getDouble(6),
                                        (rs.getString(2) == null ? "NOTIFY" : rs.getString(2))
                                                + ":"
                                                + rs.getString(3),
                                        "SUCCESS".equals(rs.getString(4))
                                                ? ActionOutcome.SUCCESS
                                                : ActionOutcome.FAILURE,
                                        rs.wasNull() ? null : ttr));
                    }
                }
            }
            c.commit();
            return out;
        } catch (SQLException e) {
            throw new MemoryException("similar-incident query failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void record(Experience e) throws MemoryException {
        recordAll(List.of(e));
    }

    /** Upserts experiences in one transaction and sets their decisions' outcome. */
    public void recordAll(List<Experience> experiences) throws MemoryException {
        if (experiences.isEmpty()) {
            return;
        }
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(UPSERT);
                    PreparedStatement outcome = c.prepareStatement(OUTCOME)) {
                for (Experience e : experiences) {
                    ps.setString(1, e.experienceId());
                    ps.setString(2, e.incidentId());
                    ps.setString(3, e.decisionId());
                    ps.setString(4, e.commandId());
                    ps.setString(5, e.kind());
                    ps.setString(6, e.action());
                    ps.setString(7, e.target());
                    ps.setString(8, e.outcome().name());
                    if (e.timeToRecoverMs() == null) {
                        ps.setNull(9, Types.BIGINT);
                    } else {
                        ps.setLong(9, e.timeToRecoverMs());
                    }
                    ps.setDouble(10, e.outcome() == ActionOutcome.SUCCESS ? 1.0 : 0.0);
                    ps.setString(11, Json.mapper().writeValueAsString(e.fingerprint()));
                    ps.setObject(12, new PGvector(FingerprintEmbedder.embed(e.fingerprint())));
                    ps.setTimestamp(13, Timestamp.from(e.createdAt()));
                    ps.addBatch();
                    if (e.decisionId() != null) {
                        outcome.setString(1, e.outcome().name());
                        outcome.setString(2, e.decisionId());
                        outcome.addBatch();
                    }
                }
                ps.executeBatch();
                outcome.executeBatch();
                c.commit();
            } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException ex) {
                c.rollback();
                throw ex;
            }
        } catch (SQLException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MemoryException("storing experiences failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
