package org.ralf.pipelines.remediation.decide;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ralf.pipelines.remediation.policy.CandidateAction;
import org.ralf.pipelines.remediation.policy.PolicyGuards;
import org.ralf.schemas.command.ActionKind;

/**
 * Evaluates every guard for one candidate action. Pure: the controller supplies the state.
 *
 * <ul>
 *   <li><b>maintenance</b>: blocks if an active maintenance window selects the target, the root
 *       entity, its host or its node.
 *   <li><b>cooldown</b>: blocks if the target had an action within the policy's cooldown, unless
 *       that action was an earlier attempt of the same incident with a different action (a
 *       follow-up after a failed attempt is the point of having several candidates).
 *   <li><b>rate-global</b> and <b>rate-target</b>: at most N actions in the last hour, in total
 *       (job setting) and per target (policy).
 *   <li><b>blast-radius</b>: the share of nodes (for node targets) or guests (otherwise) under
 *       action at once, including this one, must not exceed the policy's maximum; one action at a
 *       time is always allowed (else a one-guest lab could never act); an empty inventory blocks.
 *   <li><b>approval</b> and <b>dry-run</b>: never block; they report whether the command will wait
 *       for a human and whether it only plans.
 * </ul>
 *
 * NOTIFY actions change nothing, so only the approval and dry-run verdicts apply to them.
 */
public final class Guards {

    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    private Guards() {}

    /**
     * The verdicts, in a fixed order.
     *
     * @param candidate the action
     * @param guards the policy's guards
     * @param target the action's target
     * @param group blast-radius group of the target: {@code node} or {@code guest}
     * @param entities names the maintenance windows are matched against (target, root, host, node)
     * @param ctx the state
     */
    public static List<GuardVerdict> evaluate(
            CandidateAction candidate,
            PolicyGuards guards,
            String target,
            String group,
            List<String> entities,
            GuardContext ctx) {
        List<GuardVerdict> out = new ArrayList<>();
        boolean acts = candidate.kind() != ActionKind.NOTIFY;
        if (acts) {
            out.add(maintenance(entities, ctx));
            out.add(cooldown(candidate, guards, target, ctx));
            out.add(rateGlobal(ctx));
            out.add(rateTarget(guards, target, ctx));
            out.add(blastRadius(guards, target, group, ctx));
        }
        out.add(
                new GuardVerdict(
                        "approval",
                        true,
                        candidate.requiresApproval()
                                ? (candidate.destructive()
                                        ? "destructive action: waits for human approval"
                                        : "policy requires approval")
                                : "not required"));
        out.add(
                new GuardVerdict(
                        "dry-run",
                        true,
                        guards.dryRun() ? "policy is in dry-run: plan/check only" : "off"));
        return out;
    }

    private static GuardVerdict maintenance(List<String> entities, GuardContext ctx) {
        for (MaintenanceWindow w : ctx.windows()) {
            if (w.covers(ctx.nowMs(), entities)) {
                return new GuardVerdict(
                        "maintenance",
                        false,
                        "maintenance window "
                                + w.windowId()
                                + " ("
                                + w.entitySelector()
                                + "): "
                                + w.reason());
            }
        }
        return new GuardVerdict("maintenance", true, "no active window");
    }

    private static GuardVerdict cooldown(
            CandidateAction candidate, PolicyGuards guards, String target, GuardContext ctx) {
        for (ActionEntry e : ctx.actions()) {
            boolean recent = ctx.nowMs() - e.atMs() < guards.cooldownMs();
            boolean followUp =
                    e.incidentId().equals(ctx.incidentId())
                            && !e.actionKey().equals(candidate.actionKey());
            if (e.target().equals(target) && recent && !followUp) {
                return new GuardVerdict(
                        "cooldown",
                        false,
                        e.actionKey()
                                + " on "
                                + target
                                + " "
                                + (ctx.nowMs() - e.atMs()) / 1000
                                + " s ago < cooldown "
                                + guards.cooldownMs() / 1000
                                + " s");
            }
        }
        return new GuardVerdict("cooldown", true, "no action on " + target + " within cooldown");
    }

    private static GuardVerdict rateGlobal(GuardContext ctx) {
        long n = ctx.actions().stream().filter(e -> ctx.nowMs() - e.atMs() < HOUR_MS).count();
        boolean ok = n < ctx.globalMaxPerHour();
        return new GuardVerdict(
                "rate-global",
                ok,
                n + " actions in the last hour, limit " + ctx.globalMaxPerHour());
    }

    private static GuardVerdict rateTarget(PolicyGuards guards, String target, GuardContext ctx) {
        long n =
                ctx.actions().stream()
                        .filter(e -> e.target().equals(target) && ctx.nowMs() - e.atMs() < HOUR_MS)
                        .count();
        boolean ok = n < guards.maxActionsPerHourPerTarget();
        return new GuardVerdict(
                "rate-target",
                ok,
                n
                        + " actions on "
                        + target
                        + " in the last hour, limit "
                        + guards.maxActionsPerHourPerTarget());
    }

    private static GuardVerdict blastRadius(
            PolicyGuards guards, String target, String group, GuardContext ctx) {
        int total = "node".equals(group) ? ctx.nodeCount() : ctx.guestCount();
        if (total == 0) {
            return new GuardVerdict(
                    "blast-radius", false, "inventory has no " + group + "s: share unknown");
        }
        long active =
                ctx.activeTargets().stream()
                        .filter(t -> t.startsWith(group + "/") && !t.equals(group + "/" + target))
                        .count();
        double share = (active + 1) / (double) total;
        boolean ok = active == 0 || share <= guards.maxBlastRadius();
        return new GuardVerdict(
                "blast-radius",
                ok,
                String.format(
                        java.util.Locale.ROOT,
                        "%d of %d %ss under action with this one (%.2f), limit %.2f",
                        active + 1,
                        total,
                        group,
                        share,
                        guards.maxBlastRadius()));
    }
}
