package org.ralf.pipelines.cep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.flink.cep.functions.PatternProcessFunction;
import org.apache.flink.util.Collector;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * Turns a CEP match into an {@link AnomalyKind#PATTERN} anomaly whose explanation names the
 * pattern, its parameters and every matched event; its window spans the matched events and its id
 * is name-based on (pattern, entity, first event time), so replays upsert.
 */
public final class MatchToAnomaly extends PatternProcessFunction<EntityEvent, Anomaly> {

    private static final long serialVersionUID = 1L;

    /** Explanations list at most this many events (then "and n more"). */
    static final int MAX_LISTED = 12;

    private final String pattern;
    private final String summary;
    private final double score;
    private final AnomalyKind kind;

    /**
     * @param pattern the pattern's name
     * @param summary what the pattern means with its parameters, e.g. {@code 3 down->up cycles
     *     within PT10M}
     * @param score the anomaly score of a match
     * @param kind the anomaly kind ({@link AnomalyKind#PATTERN} for most)
     */
    public MatchToAnomaly(String pattern, String summary, double score, AnomalyKind kind) {
        this.pattern = pattern;
        this.summary = summary;
        this.score = score;
        this.kind = kind;
    }

    @Override
    public void processMatch(
            Map<String, List<EntityEvent>> match, Context ctx, Collector<Anomaly> out) {
        List<EntityEvent> events = new ArrayList<>();
        match.values().forEach(events::addAll);
        events.sort(Comparator.comparingLong(e -> e.timestamp));
        out.collect(build(pattern, summary, score, kind, events));
    }

    /** The anomaly of the matched events (sorted by time, non-empty). */
    static Anomaly build(
            String pattern,
            String summary,
            double score,
            AnomalyKind kind,
            List<EntityEvent> events) {
        EntityEvent first = events.get(0);
        EntityEvent last = events.get(events.size() - 1);
        StringBuilder why = new StringBuilder();
        why.append(pattern)
                .append(" on ")
                .append(first.entity)
                .append(": ")
                .append(summary)
                .append("; matched ");
        for (int i = 0; i < events.size() && i < MAX_LISTED; i++) {
            if (i > 0) {
                why.append(", ");
            }
            why.append(events.get(i).describe());
        }
        if (events.size() > MAX_LISTED) {
            why.append(" and ").append(events.size() - MAX_LISTED).append(" more");
        }
        Double value = Double.isFinite(last.value) ? last.value : null;
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased(pattern, first.entity, first.name, Long.toString(first.timestamp)),
                first.entity,
                null,
                null,
                kind,
                pattern,
                score,
                value,
                null,
                null,
                Map.of(),
                Instant.ofEpochMilli(first.timestamp),
                Instant.ofEpochMilli(last.timestamp),
                Instant.ofEpochMilli(last.timestamp),
                why.toString(),
                Map.of("events", Integer.toString(events.size())));
    }
}
