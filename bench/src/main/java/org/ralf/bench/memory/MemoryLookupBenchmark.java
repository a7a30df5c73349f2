package org.ralf.bench.memory;

import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.ralf.models.embed.Vectors;
import org.ralf.models.incident.FingerprintEmbedder;
import org.ralf.models.incident.IncidentFingerprint;
import org.ralf.models.incident.MemoryException;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.PgIncidentMemory;
import org.ralf.sinks.memory.Pools;

/**
 * Benchmark of the similar-incident lookup: loads {@code n} synthetic experiences (deterministic
 * seed) into {@code ralf.experiences} of the given database, then times {@code queries} lookups of
 * the {@code k} nearest through {@link PgIncidentMemory} (HNSW) and measures recall@k against an
 * exact brute-force search over the same embeddings in memory.
 *
 * <p>Synthetic fingerprints draw a role (4), 1-3 anomaly kinds (9), 1-3 detectors (60), 0-4 metrics
 * (300) and 0-3 log templates (5000), so many incidents share features as real ones do. Recall is
 * tie-aware: a returned item counts if its exact similarity is at least the k-th exact similarity
 * (minus 1e-6), since identical fingerprints make "the" top k ambiguous.
 */
public final class MemoryLookupBenchmark {

    /**
     * Figures of one run.
     *
     * @param stored rows in the table
     * @param queries lookups timed
     * @param k neighbours per lookup
     * @param efSearch HNSW ef_search
     * @param loadSeconds time to insert the rows and build the HNSW index
     * @param indexSeconds of which building the index
     * @param p50Ms median lookup latency
     * @param p99Ms 99th percentile lookup latency
     * @param recall mean recall@k against exact search
     */
    public record Result(
            int stored,
            int queries,
            int k,
            int efSearch,
            double loadSeconds,
            double indexSeconds,
            double p50Ms,
            double p99Ms,
            double recall) {

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "similar-incident lookup: %d stored, %d queries, k=%d, ef_search=%d:"
                            + " p50 %.2f ms, p99 %.2f ms, recall@%d %.3f (load %.1f s, of which HNSW build %.1f s)",
                    stored,
                    queries,
                    k,
                    efSearch,
                    p50Ms,
                    p99Ms,
                    k,
                    recall,
                    loadSeconds,
                    indexSeconds);
        }
    }

    private static final String[] ROLES = {"node", "guest", "service", "unknown"};
    private static final String[] KINDS = {
        "METRIC_OUTLIER",
        "LEVEL_SHIFT",
        "TREND",
        "FORECAST_THRESHOLD",
        "MULTIVARIATE",
        "ABSENCE",
        "PATTERN",
        "NEW_TEMPLATE",
        "LOG_RATE"
    };

    private MemoryLookupBenchmark() {}

    /** A deterministic synthetic fingerprint. */
    static IncidentFingerprint fingerprint(SplittableRandom r) {
        return new IncidentFingerprint(
                ROLES[r.nextInt(ROLES.length)],
                pick(r, 1 + r.nextInt(3), KINDS.length, "", KINDS),
                pick(r, 1 + r.nextInt(3), 60, "detector-", null),
                pick(r, r.nextInt(5), 300, "metric_", null),
                pick(r, r.nextInt(4), 5000, "t-", null));
    }

    private static List<String> pick(
            SplittableRandom r, int count, int range, String prefix, String[] names) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            // skewed towards low ids: a few detectors and metrics dominate, as in a real lab
            int v = (int) Math.min(range - 1, Math.floor(range * Math.pow(r.nextDouble(), 2)));
            out.add(names != null ? names[v] : prefix + v);
        }
        return out;
    }

    /** Runs the benchmark; the table should be empty (rows are appended). */
    public static Result run(JdbcSettings db, int n, int queries, int k, int efSearch, long seed)
            throws SQLException, MemoryException {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] stored = new float[n][];
        long t0 = System.nanoTime();
        double indexSeconds;
        try (HikariDataSource pool = Pools.open(db, "ralf-bench-load", 0);
                Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            // bulk load without the index, then build it once (as V1 defines it): maintaining
            // HNSW row by row is several times slower than one build
            try (Statement st = c.createStatement()) {
                st.execute("DROP INDEX IF EXISTS ralf.experiences_embedding_idx");
            }
            c.commit();
            try (PreparedStatement ps =
                    c.prepareStatement(
                            "INSERT INTO ralf.experiences (experience_id, incident_id, kind,"
                                    + " action, outcome, embedding, created_at)"
                                    + " VALUES (?,?,?,?,?,?,?)")) {
                Timestamp now = Timestamp.from(Instant.parse("2026-01-01T00:00:00Z"));
                for (int i = 0; i < n; i++) {
                    stored[i] = FingerprintEmbedder.embed(fingerprint(r));
                    ps.setString(1, "bench-" + seed + "-" + i);
                    ps.setString(2, "bench-incident-" + i);
                    ps.setString(3, "PROXMOX");
                    ps.setString(4, i % 2 == 0 ? "reboot" : "start");
                    ps.setString(5, i % 3 == 0 ? "FAILURE" : "SUCCESS");
                    ps.setObject(6, new PGvector(stored[i]));
                    ps.setTimestamp(7, now);
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
            long built = System.nanoTime();
            try (Statement st = c.createStatement()) {
                st.execute("SET maintenance_work_mem = '512MB'");
                st.execute(
                        "CREATE INDEX experiences_embedding_idx ON ralf.experiences"
                                + " USING hnsw (embedding vector_cosine_ops)");
                st.execute("ANALYZE ralf.experiences");
            }
            c.commit();
            indexSeconds = (System.nanoTime() - built) / 1e9;
        }
        double loadSeconds = (System.nanoTime() - t0) / 1e9;

        double[] latencies = new double[queries];
        double recallSum = 0;
        try (PgIncidentMemory memory = new PgIncidentMemory(db, efSearch)) {
            for (int w = 0; w < Math.min(50, queries); w++) {
                memory.similar(FingerprintEmbedder.embed(fingerprint(r)), k); // warm-up
            }
            for (int q = 0; q < queries; q++) {
                float[] query = FingerprintEmbedder.embed(fingerprint(r));
                long s = System.nanoTime();
                List<SimilarIncident> found = memory.similar(query, k);
                latencies[q] = (System.nanoTime() - s) / 1e6;
                recallSum += recall(query, stored, found, k);
            }
        }
        Arrays.sort(latencies);
        return new Result(
                n,
                queries,
                k,
                efSearch,
                loadSeconds,
                indexSeconds,
                latencies[(int) Math.floor(0.50 * (queries - 1))],
                latencies[(int) Math.floor(0.99 * (queries - 1))],
                recallSum / queries);
    }

    private static double recall(
            float[] query, float[][] stored, List<SimilarIncident> found, int k) {
        double[] sims = new double[stored.length];
        for (int i = 0; i < stored.length; i++) {
            sims[i] = Vectors.cosine(query, stored[i]);
        }
        double[] sorted = sims.clone();
        Arrays.sort(sorted);
        double kth = sorted[Math.max(0, sorted.length - k)];
        int hits = 0;
        for (SimilarIncident s : found) {
            if (!s.incidentId().startsWith("bench-incident-")) {
                continue; // a row that is not the benchmark's: a miss
            }
            int i = Integer.parseInt(s.incidentId().substring("bench-incident-".length()));
            if (sims[i] >= kth - 1e-6) {
                hits++;
            }
        }
        return hits / (double) Math.min(k, stored.length);
    }

    /**
     * {@code MemoryLookupBenchmark <jdbc-url> <user> <password> [n] [queries] [k] [ef_search]}:
     * prints the figures. Use an empty, migrated database: the rows stay.
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println(
                    "usage: MemoryLookupBenchmark <jdbc-url> <user> <password> [n] [queries] [k]"
                            + " [ef_search]");
            System.exit(2);
        }
        int n = args.length > 3 ? Integer.parseInt(args[3]) : 100_000;
        int queries = args.length > 4 ? Integer.parseInt(args[4]) : 1_000;
        int k = args.length > 5 ? Integer.parseInt(args[5]) : 10;
        int ef = args.length > 6 ? Integer.parseInt(args[6]) : PgIncidentMemory.DEFAULT_EF_SEARCH;
        System.out.println(
                run(new JdbcSettings(args[0], args[1], args[2], 2, 5_000), n, queries, k, ef, 42));
    }
}
