package org.ralf.models.incident;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ralf.models.embed.Vectors;

/**
 * An exact (brute-force cosine) incident memory held in a map: the reference that the pgvector
 * implementation is measured against (recall), and a fake for tests and demos. Thread-safe.
 */
public final class InMemoryIncidentMemory implements IncidentMemory {

    private final Map<String, Experience> experiences = new LinkedHashMap<>();

    @Override
    public synchronized List<SimilarIncident> similar(IncidentFingerprint fingerprint, int k) {
        float[] query = FingerprintEmbedder.embed(fingerprint);
        List<SimilarIncident> all = new ArrayList<>();
        for (Experience e : experiences.values()) {
            double sim = Vectors.cosine(query, FingerprintEmbedder.embed(e.fingerprint()));
            all.add(
                    new SimilarIncident(
                            e.incidentId(), sim, e.actionKey(), e.outcome(), e.timeToRecoverMs()));
        }
        all.sort(
                Comparator.comparingDouble(SimilarIncident::similarity)
                        .reversed()
                        .thenComparing(SimilarIncident::incidentId));
        return List.copyOf(all.subList(0, Math.min(k, all.size())));
    }

    @Override
    public synchronized void record(Experience experience) {
        experiences.put(experience.experienceId(), experience);
    }

    /** Number of stored experiences. */
    public synchronized int size() {
        return experiences.size();
    }

    @Override
    public void close() {}
}
