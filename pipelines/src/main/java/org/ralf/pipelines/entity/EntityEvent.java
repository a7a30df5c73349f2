package org.ralf.pipelines.entity;

import java.util.Objects;

/**
 * One event about one entity (host {@code web01}, service {@code web01/nginx}, discovered host
 * {@code mac:..}), the element of the unified per-entity stream the CEP patterns run on. A Flink
 * POJO (public fields, no-arg constructor, no maps) so that it is serialized without Kryo.
 *
 * <p>Field meaning per {@link EntityKind}: {@code name} is the metric name, log service, discovery
 * source or deployment id; {@code value} the metric value (NaN where none); {@code detail} a log
 * message, discovery type or deployment state; {@code ref} the series id, log source, or deployment
 * version (what an explanation names).
 */
public class EntityEvent {

    /** Entity key: {@code host}, {@code host/service} or a discovery host id. */
    public String entity = "";

    /** What happened. */
    public EntityKind kind = EntityKind.ACTIVITY;

    /** Event time, epoch millis. */
    public long timestamp;

    /** See the class description. */
    public String name = "";

    /** See the class description. */
    public double value = Double.NaN;

    /** See the class description. */
    public String detail = "";

    /** See the class description. */
    public String ref = "";

    /** For Flink's POJO serializer. */
    public EntityEvent() {}

    /** A fully specified event; null strings become empty. */
    public static EntityEvent of(
            String entity,
            EntityKind kind,
            long timestamp,
            String name,
            double value,
            String detail,
            String ref) {
        EntityEvent e = new EntityEvent();
        e.entity = Objects.requireNonNull(entity, "entity");
        e.kind = Objects.requireNonNull(kind, "kind");
        e.timestamp = timestamp;
        e.name = name == null ? "" : name;
        e.value = value;
        e.detail = detail == null ? "" : detail;
        e.ref = ref == null ? "" : ref;
        return e;
    }

    /** The host part of the entity ({@code web01} of {@code web01/nginx}). */
    public String host() {
        int slash = entity.indexOf('/');
        return slash < 0 ? entity : entity.substring(0, slash);
    }

    /** Short form for explanations: {@code DOWN up@2026-01-01T00:00:00Z}. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(kind).append(' ');
        if (!name.isEmpty()) {
            b.append(name);
        }
        if (!Double.isNaN(value)) {
            b.append('=').append(String.format(java.util.Locale.ROOT, "%.3g", value));
        }
        if (!detail.isEmpty()) {
            String d = detail.length() > 60 ? detail.substring(0, 60) + "..." : detail;
            b.append(" '").append(d).append('\'');
        }
        b.append('@').append(java.time.Instant.ofEpochMilli(timestamp));
        return b.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityEvent e
                && entity.equals(e.entity)
                && kind == e.kind
                && timestamp == e.timestamp
                && name.equals(e.name)
                && Double.compare(value, e.value) == 0
                && detail.equals(e.detail)
                && ref.equals(e.ref);
    }

    @Override
    public int hashCode() {
        return Objects.hash(entity, kind, timestamp, name, value, detail, ref);
    }

    @Override
    public String toString() {
        return entity + ":" + describe();
    }
}
