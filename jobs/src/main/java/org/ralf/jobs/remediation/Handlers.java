package org.ralf.jobs.remediation;

import java.util.List;
import org.ralf.models.incident.Experience;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.pipelines.remediation.decide.DecisionReport;
import org.ralf.sinks.batch.BatchHandler;
import org.ralf.sinks.git.AuditEntry;
import org.ralf.sinks.git.GitAuditSettings;
import org.ralf.sinks.git.GitAuditWriter;
import org.ralf.sinks.jdbc.DecisionBinder;
import org.ralf.sinks.jdbc.DecisionRow;
import org.ralf.sinks.jdbc.StatementBinder;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.PgIncidentMemory;

/**
 * What the remediation job's {@link org.ralf.jobs.sink.BatchingSink}s write with: the decision row
 * binder, and the handlers of the sinks that are not one statement (incident memory, git audit).
 */
public final class Handlers {

    private Handlers() {}

    /** Decisions as rows of {@code ralf.decisions}. */
    public static StatementBinder<Decision> decisionRows() {
        return new DecisionBinder().from(Handlers::row);
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
