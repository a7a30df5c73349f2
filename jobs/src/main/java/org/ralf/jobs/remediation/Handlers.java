package org.ralf.jobs.remediation;

import java.util.List;
import org.ralf.models.incident.Experience;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.pipelines.remediation.decide.DecisionReport;
import org.ralf.schemas.incident.Incident;
import org.ralf.sinks.git.AuditEntry;
import org.ralf.sinks.git.GitAuditSettings;
import org.ralf.sinks.git.GitAuditWriter;
import org.ralf.sinks.jdbc.DecisionRow;
import org.ralf.sinks.jdbc.RemediationStore;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.PgIncidentMemory;

/** The batch handlers of the remediation job's PostgreSQL and git sinks. */
public final class Handlers {

    private Handlers() {}

    /** Decisions into {@code ralf.decisions}. */
    public static BatchHandler.Factory<Decision> decisions(JdbcSettings db) {
        return () -> {
            RemediationStore store = new RemediationStore(db);
            return new BatchHandler<>() {
                @Override
                public void handle(List<Decision> batch) throws Exception {
                    store.writeDecisions(batch.stream().map(Handlers::row).toList());
                }

                @Override
                public void close() {
                    store.close();
                }
            };
        };
    }

    /** Incidents into {@code ralf.incidents}. */
    public static BatchHandler.Factory<Incident> incidents(JdbcSettings db) {
        return () -> {
            RemediationStore store = new RemediationStore(db);
            return new BatchHandler<>() {
                @Override
                public void handle(List<Incident> batch) throws Exception {
                    store.writeIncidents(batch);
                }

                @Override
                public void close() {
                    store.close();
                }
            };
        };
    }

    /** Experiences into the incident memory (and outcomes onto their decisions). */
    public static BatchHandler.Factory<Experience> experiences(JdbcSettings db) {
        return () -> {
            PgIncidentMemory memory = new PgIncidentMemory(db, PgIncidentMemory.DEFAULT_EF_SEARCH);
            return new BatchHandler<>() {
                @Override
                public void handle(List<Experience> batch) throws Exception {
                    memory.recordAll(batch);
                }

                @Override
                public void close() {
                    memory.close();
                }
            };
        };
    }

    /** Decisions into the git audit repository, one commit each. */
    public static BatchHandler.Factory<Decision> audit(GitAuditSettings git) {
        return () -> {
            GitAuditWriter writer = new GitAuditWriter(git);
            return new BatchHandler<>() {
                @Override
                public void handle(List<Decision> batch) throws Exception {
                    writer.write(
                            batch.stream()
                                    .map(
                                            d ->
                                                    new AuditEntry(
                                                            DecisionReport.auditPath(d),
                                                            DecisionReport.markdown(d),
                                                            DecisionReport.commitMessage(d)))
                                    .toList());
                }

                @Override
                public void close() {
                    writer.close();
                }
            };
        };
    }

    static DecisionRow row(Decision d) {
        return new DecisionRow(
                d.decisionId(),
                d.incidentId(),
                DecisionReport.json(d.explanation()),
                d.chosenAction(),
                d.command() == null ? null : d.command().commandId(),
                d.command() == null ? null : d.command().idempotencyKey(),
                d.policyId(),
                d.createdAt());
    }
}
