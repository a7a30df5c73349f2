package org.ralf.pipelines.cep;

import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityKind;

/** Builders of entity events at named instants for the pattern tests. */
final class Events {

    /** 2026-01-01T00:00:00Z. */
    static final long T0 = 1_767_225_600_000L;

    static final long SECOND = 1000L;
    static final long MINUTE = 60 * SECOND;

    private Events() {}

    static EntityEvent at(long offset, String entity, EntityKind kind) {
        return EntityEvent.of(
                entity, kind, T0 + offset, kind.name().toLowerCase(), Double.NaN, "", "");
    }

    static EntityEvent metric(long offset, String entity, EntityKind kind, String name, double v) {
        return EntityEvent.of(entity, kind, T0 + offset, name, v, "", name);
    }

    static EntityEvent log(long offset, String entity, String message) {
        return EntityEvent.of(
                entity, EntityKind.ERROR_LOG, T0 + offset, "nginx", Double.NaN, message, "syslog");
    }

    static EntityEvent deployment(long offset, String service, String state) {
        return EntityEvent.of(
                service, EntityKind.DEPLOYMENT, T0 + offset, "dep-42", Double.NaN, state, "1.2.3");
    }
}
