package org.ralf.pipelines.remediation.decide;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.models.incident.ActionEstimate;
import org.ralf.models.incident.SuccessEstimator;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.policy.CandidateAction;
import org.ralf.pipelines.remediation.policy.Policy;
import org.ralf.pipelines.remediation.topology.EntityLocation;
import org.ralf.schemas.Ids;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.schemas.notify.Notification;
import org.ralf.schemas.notify.NotificationSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remediation decision as plain Java: from an incident case, the policies, the memory lookup
 * result, the guard state and the clock to an outcome (the signed command, the notification, the
 * decision record with its explanation, the new case state and the action-log entry).
 *
 * <p>Steps: choose the policy (the one that already decided, else the best match by priority, then
 * id), rank the untried candidates by the success estimated from similar incidents (stable: ties
 * keep the policy's order), take the first that is applicable and passes every guard, and sign its
 * command. No candidate left means escalation to a human.
 *
 * <p>Deterministic: ids are name-based on the incident and attempt, and time comes only from the
 * input, so the same input gives the same outcome (what makes Flink replays and tests exact).
 */
public final class Decider {

    private static final Logger LOG = LoggerFactory.getLogger(Decider.class);

    private final RemediationSettings settings;
    private final SuccessEstimator estimator = new SuccessEstimator();
    private final CommandSigner signer;

    /**
     * @param settings signing key and deadlines
     */
    public Decider(RemediationSettings settings) {
        this.settings = settings;
        this.signer =
                new CommandSigner(
                        Map.of(
                                settings.signingKeyId(),
                                settings.signingSecret().getBytes(StandardCharsets.UTF_8)));
    }

    /** The outcome of one candidate pass: every verdict and the chosen candidate, if any. */
    private record Choice(
            List<CandidateVerdict> verdicts,
            List<CandidateAction> remaining,
            @Nullable CandidateAction chosen,
            @Nullable String target) {}

    /**
     * Decides on an incident.
     *
     * @param in the case and the state it is decided against
     * @return what to store and emit; {@link DecisionOutcome#none()} while no policy matches (the
     *     incident is reconsidered) or the inventory is awaited
     */
    public DecisionOutcome decide(DecisionInput in) {
        IncidentCase c = in.incident();
        IncidentSignal s = c.signal();
        long now = in.nowMs();
        Policy policy =
                c.policyId() != null
                        ? in.policies().get(c.policyId())
                        : bestPolicy(in.policies().values(), s);
        if (policy == null) {
            return in.previous() != null
                    ? escalate(c, now, in.previous() + "; policy no longer exists")
                    : DecisionOutcome.none();
        }
        int attempt = c.attempt() + 1;
        if (attempt == 1
                && now - s.openedAtMs() < settings.inventoryWaitMs()
                && in.inventoryEmpty()) {
            // the inventory CDC snapshot has not arrived: the blast radius cannot be computed
            // and would block every candidate; wait for it (bounded) instead of escalating
            LOG.info("incident {}: waiting for the inventory before deciding", s.incidentId());
            return DecisionOutcome.none();
        }
        Choice choice = choose(c, policy, estimates(c, policy), in.guards());
        return outcome(c, policy, attempt, choice, in.previous(), now);
    }

    /**
     * Escalates an incident to a human without a new decision (e.g. its command was rejected).
     *
     * @param c the case
     * @param now epoch ms
     * @param why the notification body
     */
    public DecisionOutcome escalate(IncidentCase c, long now, String why) {
        IncidentCase escalated = c.withState(IncidentState.ESCALATED, null, 0);
        return DecisionOutcome.escalated(
                escalated,
                CaseRecords.incident(escalated, now),
                CaseRecords.note(
                        escalated,
                        "escalated-" + c.attempt(),
                        NotificationSeverity.CRITICAL,
                        "Incident escalated: " + c.signal().root().entity(),
                        why,
                        null,
                        now));
    }

    /** The matching policy with the highest priority; ties go to the smallest id. */
    static @Nullable Policy bestPolicy(Collection<Policy> policies, IncidentSignal s) {
        Policy best = null;
        for (Policy p : policies) {
            if (!p.matches(
                    s.kinds(),
                    s.detectors(),
                    s.metrics(),
                    s.root().role(),
                    s.root().entity(),
                    s.labels(),
                    s.maxScore())) {
                continue;
            }
            if (best == null
                    || p.priority() > best.priority()
                    || (p.priority() == best.priority()
                            && p.policyId().compareTo(best.policyId()) < 0)) {
                best = p;
            }
        }
        return best;
    }

    private Map<String, ActionEstimate> estimates(IncidentCase c, Policy policy) {
        Map<String, ActionEstimate> estimates = new HashMap<>();
        for (CandidateAction a : policy.actions()) {
            estimates.put(a.id(), estimator.estimate(a.actionKey(), c.similar()));
        }
        return estimates;
    }

    private static Choice choose(
            IncidentCase c,
            Policy policy,
            Map<String, ActionEstimate> estimates,
            GuardContext gctx) {
        EntityLocation root = c.signal().root();
        List<CandidateAction> remaining =
                policy.actions().stream().filter(a -> !c.tried().contains(a.id())).toList();
        List<CandidateAction> ranked = new ArrayList<>(remaining);
        ranked.sort(
                Comparator.comparingDouble((CandidateAction a) -> estimates.get(a.id()).mean())
                        .reversed()); // stable: ties keep the policy's order
        List<CandidateVerdict> verdicts = new ArrayList<>();
        for (CandidateAction a : policy.actions()) {
            if (c.tried().contains(a.id())) {
                verdicts.add(
                        passedOver(
                                a,
                                target(a, root),
                                estimates.get(a.id()),
                                "already tried on this incident"));
            }
        }
        CandidateAction chosen = null;
        String chosenTarget = null;
        for (CandidateAction a : ranked) {
            ActionEstimate est = estimates.get(a.id());
            String target = target(a, root);
            if (chosen != null) {
                verdicts.add(
                        passedOver(
                                a,
                                target,
                                est,
                                String.format(
                                        Locale.ROOT,
                                        "ranked below %s (estimated success %.2f vs %.2f)",
                                        chosen.id(),
                                        estimates.get(chosen.id()).mean(),
                                        est.mean())));
                continue;
            }
            CandidateVerdict v = judge(a, policy, root, target, est, gctx);
            verdicts.add(v);
            if (v.chosen()) {
                chosen = a;
                chosenTarget = target;
            }
        }
        return new Choice(verdicts, remaining, chosen, chosenTarget);
    }

    /** The verdict of the best-ranked candidate not yet judged: applicability, then guards. */
    private static CandidateVerdict judge(
            CandidateAction a,
            Policy policy,
            EntityLocation root,
            String target,
            ActionEstimate est,
            GuardContext gctx) {
        String inapplicable = inapplicable(a, root);
        if (inapplicable != null) {
            return passedOver(a, target, est, inapplicable);
        }
        List<GuardVerdict> g =
                Guards.evaluate(
                        a,
                        policy.guards(),
                        target,
                        group(root),
                        maintenanceEntities(target, root),
                        gctx);
        List<String> blocked =
                g.stream().filter(v -> !v.passed()).map(GuardVerdict::guard).toList();
        boolean ok = blocked.isEmpty();
        return new CandidateVerdict(
                a.id(),
                a.actionKey(),
                target,
                est.mean(),
                est.samples(),
                g,
                ok,
                ok
                        ? String.format(
                                Locale.ROOT,
                                "highest estimated success among allowed candidates"
                                        + " (%.2f from %d similar experiences)",
                                est.mean(),
                                est.samples())
                        : "blocked by " + String.join(", ", blocked));
    }

    private DecisionOutcome outcome(
            IncidentCase c,
            Policy policy,
            int attempt,
            Choice choice,
            @Nullable String previous,
            long now) {
        IncidentSignal s = c.signal();
        String decisionId = Ids.nameBased("decision", s.incidentId(), String.valueOf(attempt));
        List<String> tried = new ArrayList<>(c.tried());
        CandidateAction chosen = choice.chosen();
        ActionCommand command = null;
        PendingAction pending = null;
        ActionEntry action = null;
        IncidentState state;
        String reason;
        if (chosen == null) {
            state = IncidentState.ESCALATED;
            reason =
                    choice.remaining().isEmpty()
                            ? "every candidate of policy " + policy.policyId() + " was tried"
                            : "every remaining candidate is blocked by a guard";
        } else {
            tried.add(chosen.id());
            String target = choice.target();
            reason = reason(chosen, target, policy, attempt);
            command = sign(s, chosen, target, policy, attempt, decisionId, reason, now);
            if (chosen.kind() == ActionKind.NOTIFY) {
                state = IncidentState.ESCALATED; // handed to a human
            } else {
                state = IncidentState.MITIGATING;
                long deadline = now + chosen.timeoutSeconds() * 1000L + settings.resultGraceMs();
                pending =
                        new PendingAction(
                                decisionId,
                                command.commandId(),
                                command.idempotencyKey(),
                                chosen.id(),
                                chosen.actionKey(),
                                target,
                                now,
                                deadline,
                                false,
                                policy.guards().dryRun());
                action = new ActionEntry(target, s.incidentId(), chosen.actionKey(), now);
            }
        }
        IncidentCase next = c.withAttempt(policy.policyId(), attempt, tried, pending, state);
        Incident incident = CaseRecords.incident(next, now);
        Explanation explanation = explain(c, incident, policy, choice, previous, reason);
        Decision decision =
                new Decision(
                        decisionId,
                        s.incidentId(),
                        attempt,
                        Instant.ofEpochMilli(now),
                        policy.policyId(),
                        policy.version(),
                        chosen == null ? null : chosen.actionKey(),
                        command,
                        explanation);
        Notification note = notification(next, decision, chosen, command, now);
        return new DecisionOutcome(next, decision, incident, command, note, action);
    }

    private static String reason(
            CandidateAction chosen, String target, Policy policy, int attempt) {
        return chosen.actionKey()
                + " on "
                + target
                + " ("
                + policy.policyId()
                + " v"
                + policy.version()
                + ", attempt "
                + attempt
                + (policy.guards().dryRun() ? ", dry run" : "")
                + (chosen.requiresApproval() ? ", awaiting approval" : "")
                + ")";
    }

    /** The command of the chosen candidate, signed with the controller's key. */
    private ActionCommand sign(
            IncidentSignal s,
            CandidateAction chosen,
            String target,
            Policy policy,
            int attempt,
            String decisionId,
            String reason,
            long now) {
        String key = Ids.nameBased(s.incidentId(), chosen.actionKey(), String.valueOf(attempt));
        Map<String, Object> params = new LinkedHashMap<>(chosen.params());
        if (chosen.kind() == ActionKind.ANSIBLE && "service".equals(s.root().role())) {
            params.putIfAbsent("service", s.root().entity());
        }
        return signer.sign(
                new ActionCommand(
                        ActionCommand.SCHEMA_VERSION,
                        Ids.nameBased("command", key),
                        key,
                        Instant.ofEpochMilli(now),
                        chosen.kind(),
                        chosen.action(),
                        target,
                        params,
                        policy.guards().dryRun(),
                        chosen.requiresApproval(),
                        chosen.idempotent(),
                        chosen.timeoutSeconds(),
                        s.incidentId(),
                        decisionId,
                        "incident " + s.root().entity() + ": " + reason,
                        settings.signingKeyId(),
                        null),
                settings.signingKeyId());
    }

    private static Explanation explain(
            IncidentCase c,
            Incident incident,
            Policy policy,
            Choice choice,
            @Nullable String previous,
            String reason) {
        return new Explanation(
                c.signal().anomalies(),
                incident,
                c.memoryAvailable(),
                c.memoryAvailable() ? null : c.memoryNote(),
                c.similar(),
                policy.policyId(),
                policy.version(),
                choice.verdicts(),
                previous,
                (choice.chosen() == null ? "escalated: " : "")
                        + reason
                        + (c.memoryAvailable()
                                ? ""
                                : "; decided without incident memory (" + c.memoryNote() + ")"));
    }

    /** Critical when a human must act (escalation, approval, NOTIFY); carries the approval key. */
    private static Notification notification(
            IncidentCase next,
            Decision decision,
            @Nullable CandidateAction chosen,
            @Nullable ActionCommand command,
            long now) {
        return CaseRecords.note(
                next,
                decision.decisionId(),
                chosen == null || chosen.requiresApproval() || chosen.kind() == ActionKind.NOTIFY
                        ? NotificationSeverity.CRITICAL
                        : NotificationSeverity.WARNING,
                (chosen == null ? "Escalated: " : "Remediation: ") + next.signal().root().entity(),
                summary(decision),
                command != null && command.requiresApproval() ? command.idempotencyKey() : null,
                now);
    }

    /** The verdict of a candidate that was not chosen, with no guard evaluated, and why. */
    private static CandidateVerdict passedOver(
            CandidateAction a, String target, ActionEstimate est, String why) {
        return new CandidateVerdict(
                a.id(), a.actionKey(), target, est.mean(), est.samples(), List.of(), false, why);
    }

    /**
     * Why a candidate cannot act on the root entity at all, or null: a Proxmox action needs a guest
     * ({@code node/qemu|lxc/vmid} from the inventory), and a migration its destination ({@code
     * params.targetNode}). Such a candidate is passed over, as if a guard blocked it, instead of
     * becoming a command the executor can only reject.
     */
    static @Nullable String inapplicable(CandidateAction a, EntityLocation root) {
        if (a.kind() != ActionKind.PROXMOX) {
            return null;
        }
        if (root.proxmoxRef() == null) {
            return "not applicable: "
                    + root.entity()
                    + " ("
                    + root.role()
                    + ") is not a Proxmox guest known to the inventory";
        }
        if ("migrate".equals(a.action()) && a.params().get("targetNode") == null) {
            return "not applicable: migrate needs params.targetNode (the destination node)";
        }
        return null;
    }

    /** What an action acts on: the backend's name for the root entity. */
    static String target(CandidateAction a, EntityLocation root) {
        return switch (a.kind()) {
            case PROXMOX -> root.proxmoxRef() != null ? root.proxmoxRef() : root.entity();
            case ANSIBLE -> root.host() != null ? root.host() : root.entity();
            default -> root.entity();
        };
    }

    /** The blast-radius group of an action on the root entity: {@code node} or {@code guest}. */
    static String group(EntityLocation root) {
        return "node".equals(root.role()) ? "node" : "guest";
    }

    private static List<String> maintenanceEntities(String target, EntityLocation root) {
        List<String> out = new ArrayList<>(List.of(target, root.entity(), root.correlationKey()));
        if (root.host() != null) {
            out.add(root.host());
        }
        return out;
    }

    /** A short Markdown summary of a decision (the notification body). */
    public static String summary(Decision d) {
        Explanation e = d.explanation();
        StringBuilder b = new StringBuilder();
        b.append("**").append(e.reason()).append("**\n\n");
        b.append("Incident ")
                .append(d.incidentId())
                .append(": ")
                .append(e.incident().summary())
                .append('\n');
        if (e.previousAttempt() != null) {
            b.append("Previous attempt: ").append(e.previousAttempt()).append('\n');
        }
        b.append("Policy ")
                .append(d.policyId())
                .append(" v")
                .append(d.policyVersion())
                .append('\n');
        if (!e.memoryAvailable()) {
            b.append("Incident memory unavailable: ").append(e.memoryNote()).append('\n');
        } else {
            b.append(e.similar().size()).append(" similar past incidents\n");
        }
        for (CandidateVerdict v : e.candidates()) {
            b.append("- ")
                    .append(v.chosen() ? "✔ " : "✘ ")
                    .append(v.actionKey())
                    .append(" on ")
                    .append(v.target())
                    .append(": ")
                    .append(v.reason())
                    .append('\n');
        }
        return b.toString();
    }
}
