package org.ralf.pipelines.remediation.decide;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.correlate.AnomalyBrief;
import org.ralf.schemas.serde.Json;

/**
 * Renders a decision for humans and for the audit trail: the JSON record, a Markdown document (the
 * explanation followed by the JSON), the audit file path and the commit message.
 */
public final class DecisionReport {

    private static final DateTimeFormatter DAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private DecisionReport() {}

    /**
     * The decision as JSON (the {@code ralf.decisions.explanation} column holds the explanation).
     */
    public static String json(Object value) {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass(), e);
        }
    }

    /** Path of the audit file: {@code decisions/<day>/<incident>/<attempt>-<decision>.md}. */
    public static String auditPath(Decision d) {
        return "decisions/"
                + DAY.format(d.createdAt())
                + "/"
                + d.incidentId()
                + "/"
                + d.attempt()
                + "-"
                + d.decisionId()
                + ".md";
    }

    /** The commit message: the reason as subject, ids in the body. */
    public static String commitMessage(Decision d) {
        return d.explanation().reason()
                + "\n\nincident: "
                + d.incidentId()
                + "\ndecision: "
                + d.decisionId()
                + "\npolicy: "
                + d.policyId()
                + " v"
                + d.policyVersion()
                + (d.command() == null ? "" : "\nidempotency-key: " + d.command().idempotencyKey())
                + "\n";
    }

    /** The Markdown audit document. */
    public static String markdown(Decision d) {
        Explanation e = d.explanation();
        StringBuilder b = new StringBuilder();
        b.append("# Decision ").append(d.decisionId()).append("\n\n");
        b.append("**").append(e.reason()).append("**\n\n");
        b.append("- Incident: `")
                .append(d.incidentId())
                .append("` — ")
                .append(e.incident().summary())
                .append('\n');
        b.append("- State after the decision: ").append(e.incident().state()).append('\n');
        b.append("- Attempt: ").append(d.attempt()).append('\n');
        b.append("- Decided at: ").append(d.createdAt()).append('\n');
        b.append("- Policy: `")
                .append(d.policyId())
                .append("` version ")
                .append(d.policyVersion())
                .append('\n');
        if (e.previousAttempt() != null) {
            b.append("- Previous attempt: ").append(e.previousAttempt()).append('\n');
        }
        if (d.command() != null) {
            b.append("- Command: ")
                    .append(d.command().kind())
                    .append(' ')
                    .append(d.command().action())
                    .append(" on `")
                    .append(d.command().target())
                    .append("` (idempotency key `")
                    .append(d.command().idempotencyKey())
                    .append("`, dry run ")
                    .append(d.command().dryRun())
                    .append(", approval ")
                    .append(d.command().requiresApproval())
                    .append(")\n");
        }
        b.append("\n## Triggering anomalies\n\n");
        for (AnomalyBrief a : e.triggeringAnomalies()) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "- `%s` %s by %s on %s (score %.2f): %s%n",
                            a.anomalyId(),
                            a.kind(),
                            a.detector(),
                            a.entity(),
                            a.score(),
                            a.explanation()));
        }
        similar(b, e);
        candidates(b, e);
        b.append("## Record\n\n```json\n").append(json(d)).append("\n```\n");
        return b.toString();
    }

    private static void similar(StringBuilder b, Explanation e) {
        b.append("\n## Similar past incidents\n\n");
        if (!e.memoryAvailable()) {
            b.append("Incident memory unavailable: ")
                    .append(e.memoryNote())
                    .append(". The decision was made without it.\n");
        } else if (e.similar().isEmpty()) {
            b.append("None recorded yet.\n");
        } else {
            b.append("| incident | similarity | action | outcome |\n|---|---|---|---|\n");
            for (SimilarIncident s : e.similar()) {
                b.append(
                        String.format(
                                Locale.ROOT,
                                "| `%s` | %.3f | %s | %s |%n",
                                s.incidentId(),
                                s.similarity(),
                                s.actionKey(),
                                s.outcome()));
            }
        }
    }

    private static void candidates(StringBuilder b, Explanation e) {
        b.append("\n## Candidates and guards\n\n");
        for (CandidateVerdict v : e.candidates()) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "### %s %s on `%s`%n%n",
                            v.chosen() ? "✔" : "✘",
                            v.actionKey(),
                            v.target()));
            b.append(
                    String.format(
                            Locale.ROOT,
                            "Estimated success %.2f from %d similar experiences. %s.%n%n",
                            v.successEstimate(),
                            v.samples(),
                            v.reason()));
            for (GuardVerdict g : v.guards()) {
                b.append("- ")
                        .append(g.passed() ? "pass" : "**BLOCK**")
                        .append(' ')
                        .append(g.guard())
                        .append(": ")
                        .append(g.detail())
                        .append('\n');
            }
            b.append('\n');
        }
    }
}
