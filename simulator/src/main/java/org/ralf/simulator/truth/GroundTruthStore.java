package org.ralf.simulator.truth;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.serde.Json;

/**
 * Reads ground truth back from {@code ralf.ground_truth_faults} (written by the simulator's JDBC
 * writer), so a backtest can score a recorded run with {@link org.ralf.simulator.score.Scorer}
 * without the simulator.
 */
public final class GroundTruthStore {
    private GroundTruthStore() {}

    /** Every fault of a scenario, in start order. */
    public static List<GroundTruthFault> read(Connection c, String scenario) throws SQLException {
        List<GroundTruthFault> out = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement(
                        "SELECT fault_id, scenario, kind, entity, affected, starts_at,"
                                + " scheduled_end, ends_at, ended_by, params::text"
                                + " FROM ralf.ground_truth_faults WHERE scenario = ?"
                                + " ORDER BY starts_at, fault_id")) {
            ps.setString(1, scenario);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant start = rs.getTimestamp("starts_at").toInstant();
                    Instant end = instant(rs.getTimestamp("ends_at"));
                    Instant scheduled = instant(rs.getTimestamp("scheduled_end"));
                    List<String> affected = new ArrayList<>();
                    Array a = rs.getArray("affected");
                    if (a != null) {
                        for (Object o : (Object[]) a.getArray()) {
                            affected.add((String) o);
                        }
                    }
                    if (affected.isEmpty()) {
                        affected.add(rs.getString("entity"));
                    }
                    out.add(
                            new GroundTruthFault(
                                    rs.getString("fault_id"),
                                    rs.getString("scenario"),
                                    rs.getString("kind"),
                                    rs.getString("entity"),
                                    affected,
                                    start,
                                    scheduled != null ? scheduled : end != null ? end : start,
                                    end,
                                    rs.getString("ended_by"),
                                    params(rs.getString(10))));
                }
            }
        }
        return out;
    }

    @Nullable
    private static Instant instant(@Nullable Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Map<String, Double> params(@Nullable String json) throws SQLException {
        if (json == null) {
            return Map.of();
        }
        try {
            return Json.mapper().readValue(json, new TypeReference<Map<String, Double>>() {});
        } catch (IOException e) {
            throw new SQLException(
                    "params of a ground-truth fault are not a map of numbers: " + json, e);
        }
    }
}
