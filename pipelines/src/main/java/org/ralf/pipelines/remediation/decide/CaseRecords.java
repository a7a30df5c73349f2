package org.ralf.pipelines.remediation.decide;

import java.time.Instant;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.schemas.Ids;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.notify.Notification;
import org.ralf.schemas.notify.NotificationSeverity;

/** The records a case turns into (incident, experience, notification); pure, deterministic ids. */
final class CaseRecords {

    private CaseRecords() {}

    static Incident incident(IncidentCase c, long now) {
        IncidentSignal s = c.signal();
        long opened = s.openedAtMs();
        return new Incident(
                Incident.SCHEMA_VERSION,
                s.incidentId(),
                s.root().entity(),
                s.affectedEntities(),
                c.state(),
                s.anomalyIds(),
                Instant.ofEpochMilli(opened),
                Instant.ofEpochMilli(Math.max(opened, now)),
                c.state() == org.ralf.schemas.incident.IncidentState.RESOLVED
                        ? Instant.ofEpochMilli(Math.max(opened, c.resolvedAtMs()))
                        : null,
                s.root().entity()
                        + " ("
                        + s.root().role()
                        + "): "
                        + String.join(", ", new TreeSet<>(s.kinds()))
                        + " — "
                        + s.anomalyIds().size()
                        + " anomalies on "
                        + s.affected().size()
                        + " entities");
    }

    static Experience experience(IncidentCase c, PendingAction p, ActionOutcome outcome, long now) {
        return new Experience(
                Ids.nameBased("experience", c.signal().incidentId(), p.idempotencyKey()),
                c.signal().incidentId(),
                p.decisionId(),
                p.commandId(),
                p.actionKey(),
                p.target(),
                outcome,
                outcome == ActionOutcome.SUCCESS ? Math.max(0, now - p.issuedAtMs()) : null,
                c.signal().fingerprint(),
                Instant.ofEpochMilli(now));
    }

    static Notification note(
            IncidentCase c,
            String discriminator,
            NotificationSeverity severity,
            String title,
            String body,
            @Nullable String approvalKey,
            long now) {
        return new Notification(
                Notification.SCHEMA_VERSION,
                Ids.nameBased("notification", c.signal().incidentId(), discriminator),
                severity,
                title,
                body,
                c.signal().incidentId(),
                null,
                approvalKey,
                Instant.ofEpochMilli(now));
    }
}
