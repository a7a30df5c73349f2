package org.ralf.pipelines.remediation.decide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.memory.EnrichedSignal;
import org.ralf.pipelines.remediation.policy.Policy;
import org.ralf.pipelines.remediation.policy.PolicyException;
import org.ralf.pipelines.remediation.policy.PolicyParser;
import org.ralf.pipelines.remediation.topology.TopoEntry;
import org.ralf.pipelines.remediation.topology.Topology;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.Ids;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.schemas.notify.Notification;
import org.ralf.schemas.notify.NotificationSeverity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remediation controller: owns the incident life cycle (OPEN → MITIGATING → RESOLVED, or
 * ESCALATED), decides with policies, similar-incident memory and guards, signs commands, verifies
 * their effect and turns outcomes into experience records.
 *
 * <p>Keyed by a constant: the global guards (actions per hour, blast radius) need one consistent
 * view of every action in flight, and decisions are rare (incidents, not samples), so one instance
 * holds every case. Broadcast input: CDC changes of policies, maintenance windows and the inventory
 * (for blast-radius totals); a policy change applies to the next decision without a restart.
 *
 * <p>State: one {@link IncidentCase} per incident (removed {@link RemediationSettings#retentionMs}
 * after resolution), and the action log of the last hour (trimmed on every timer). Every deadline
 * has a processing-time timer; the timer sweeps all cases, so no case or log entry outlives its
 * purpose.
 *
 * <p>Late policies and inventory: an incident that opened before any policy matched it (the
 * policies CDC snapshot not yet read, or the policy created afterwards) stays undecided and is
 * decided again on a tick every {@link RemediationSettings#reconsiderMs} while it is open; the
 * first decision also waits (at most {@link RemediationSettings#inventoryWaitMs} after the incident
 * opened) while the inventory is empty, since the blast-radius guard needs it.
 *
 * <p>Main output: {@link Decision}s. Side outputs: {@link #INCIDENTS}, {@link #COMMANDS}, {@link
 * #NOTIFICATIONS}, {@link #EXPERIENCES}.
 */
public final class RemediationController
        extends KeyedBroadcastProcessFunction<String, RemediationEvent, CdcEnvelope, Decision> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(RemediationController.class);
    private static final long HOUR_MS = Duration.ofHours(1).toMillis();

    /** Incidents at every life-cycle change. */
    public static final OutputTag<Incident> INCIDENTS =
            new OutputTag<>("incidents", JsonTypeInfo.of(Incident.class));

    /** Signed commands. */
    public static final OutputTag<ActionCommand> COMMANDS =
            new OutputTag<>("commands", JsonTypeInfo.of(ActionCommand.class));

    /** Human-readable messages. */
    public static final OutputTag<Notification> NOTIFICATIONS =
            new OutputTag<>("notifications", JsonTypeInfo.of(Notification.class));

    /** Outcomes of attempts, for the incident memory. */
    public static final OutputTag<Experience> EXPERIENCES =
            new OutputTag<>("experiences", JsonTypeInfo.of(Experience.class));

    /** Broadcast state: policies by id. */
    public static final MapStateDescriptor<String, Policy> POLICIES =
            new MapStateDescriptor<>("policies", Types.STRING, JsonTypeInfo.of(Policy.class));

    /** Broadcast state: maintenance windows by id. */
    public static final MapStateDescriptor<String, MaintenanceWindow> WINDOWS =
            new MapStateDescriptor<>(
                    "maintenance-windows", Types.STRING, JsonTypeInfo.of(MaintenanceWindow.class));

    /** Broadcast state: inventory (topology keys), for blast-radius totals. */
    public static final MapStateDescriptor<String, TopoEntry> INVENTORY =
            new MapStateDescriptor<>("inventory", Types.STRING, JsonTypeInfo.of(TopoEntry.class));

    /** The single key of the controller. */
    public static final String KEY = "remediation";

    private final RemediationSettings settings;
    private transient MapState<String, IncidentCase> cases;
    private transient ValueState<ActionLog> actionLog;
    private transient Decider decider;

    /**
     * @param settings controller settings (signing key, global limits, retention)
     */
    public RemediationController(RemediationSettings settings) {
        this.settings = settings;
    }

    @Override
    public void open(OpenContext ctx) {
        cases =
                getRuntimeContext()
                        .getMapState(
                                new MapStateDescriptor<>(
                                        "cases",
                                        Types.STRING,
                                        JsonTypeInfo.of(IncidentCase.class)));
        actionLog =
                getRuntimeContext()
                        .getState(
                                new ValueStateDescriptor<>(
                                        "action-log", JsonTypeInfo.of(ActionLog.class)));
        decider = new Decider(settings);
    }

    // ---------------------------------------------------------------- broadcast: policies etc.

    @Override
    public void processBroadcastElement(CdcEnvelope change, Context ctx, Collector<Decision> out)
            throws Exception {
        Map<String, Object> row = change.row();
        if (row == null) {
            return;
        }
        boolean delete = change.op() == CdcOp.DELETE;
        switch (change.table()) {
            case "policies" -> applyPolicy(row, delete, ctx);
            case "maintenance_windows" -> {
                BroadcastState<String, MaintenanceWindow> windows = ctx.getBroadcastState(WINDOWS);
                MaintenanceWindow w = MaintenanceWindow.fromRow(row);
                if (delete) {
                    windows.remove(w.windowId());
                } else {
                    windows.put(w.windowId(), w);
                }
            }
            default -> {
                BroadcastState<String, TopoEntry> inventory = ctx.getBroadcastState(INVENTORY);
                Topology.apply(
                        change,
                        new Topology.Store() {
                            @Override
                            public void put(String key, TopoEntry entry) throws Exception {
                                inventory.put(key, entry);
                            }

                            @Override
                            public void remove(String key) throws Exception {
                                inventory.remove(key);
                            }
                        });
            }
        }
    }

    private void applyPolicy(Map<String, Object> row, boolean delete, Context ctx)
            throws Exception {
        BroadcastState<String, Policy> policies = ctx.getBroadcastState(POLICIES);
        String id = String.valueOf(row.get("policy_id"));
        if (delete) {
            policies.remove(id);
            LOG.info("policy {} deleted", id);
            return;
        }
        try {
            Policy p = PolicyParser.fromRow(row);
            policies.put(p.policyId(), p);
            LOG.info("policy {} version {} in effect", p.policyId(), p.version());
        } catch (PolicyException e) {
            // keep the previous valid version; tell a human
            LOG.warn("{}", e.getMessage());
            ctx.output(
                    NOTIFICATIONS,
                    new Notification(
                            Notification.SCHEMA_VERSION,
                            Ids.nameBased("policy-error", id, String.valueOf(row.get("version"))),
                            NotificationSeverity.WARNING,
                            "Policy " + id + " rejected",
                            "The policy document is invalid; the previous version stays in"
                                    + " effect.\n\n- "
                                    + String.join("\n- ", e.errors()),
                            null,
                            null,
                            null,
                            Instant.ofEpochMilli(ctx.currentProcessingTime())));
        }
    }

    // ---------------------------------------------------------------- signals and results

    @Override
    public void processElement(RemediationEvent event, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (event.signal() != null) {
            onSignal(event.signal(), now, ctx, out);
        } else if (event.result() != null) {
            onResult(event.result(), now, ctx, out);
        }
    }

    private void onSignal(EnrichedSignal e, long now, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        IncidentSignal s = e.signal();
        IncidentCase c = cases.get(s.incidentId());
        switch (s.type()) {
            case OPENED, UPDATED -> onOpenOrUpdate(e, c, now, ctx, out);
            case CLEARED -> onCleared(s, c, now, ctx);
            default -> throw new IllegalStateException("unknown signal " + s.type());
        }
    }

    /** A case for an incident this controller has not seen yet. */
    private static IncidentCase fresh(IncidentSignal s) {
        return new IncidentCase(
                s, IncidentState.OPEN, false, false, null, List.of(), null, 0, List.of(), null, 0);
    }

    private void onOpenOrUpdate(
            EnrichedSignal e,
            @Nullable IncidentCase c,
            long now,
            ReadOnlyContext ctx,
            Collector<Decision> out)
            throws Exception {
        IncidentSignal s = e.signal();
        if (c == null) {
            c = fresh(s);
            ctx.timerService().registerProcessingTimeTimer(now + settings.retentionMs() * 24);
        } else if (c.state() == IncidentState.RESOLVED) {
            return; // a signal overtaken by its own CLEARED (unordered async I/O)
        } else if (s.anomalyIds().size() >= c.signal().anomalyIds().size()) {
            c = c.withSignal(s);
        }
        if (e.looked()) {
            c = c.withMemory(e.memoryAvailable(), e.memoryNote(), e.similar());
        }
        cases.put(s.incidentId(), c);
        ctx.output(INCIDENTS, CaseRecords.incident(c, now));
        if (undecided(c)) {
            c = relocate(c, ctx);
            cases.put(s.incidentId(), c);
            decide(c, now, null, ctx, out);
            armReconsider(cases.get(s.incidentId()), now, ctx);
        }
    }

    private void onCleared(
            IncidentSignal s, @Nullable IncidentCase c, long now, ReadOnlyContext ctx)
            throws Exception {
        if (c == null) {
            c = fresh(s);
        } else {
            c = c.withSignal(s);
        }
        PendingAction p = c.pending();
        if (c.state() == IncidentState.MITIGATING && p != null && !p.dryRun()) {
            ctx.output(EXPERIENCES, CaseRecords.experience(c, p, ActionOutcome.SUCCESS, now));
        }
        c = c.withState(IncidentState.RESOLVED, null, now);
        cases.put(s.incidentId(), c);
        ctx.output(INCIDENTS, CaseRecords.incident(c, now));
        ctx.output(
                NOTIFICATIONS,
                CaseRecords.note(
                        c,
                        "resolved",
                        NotificationSeverity.INFO,
                        "Incident resolved: " + s.root().entity(),
                        p == null || p.dryRun()
                                ? "Signals back to normal."
                                : "Signals back to normal after "
                                        + p.actionKey()
                                        + " on "
                                        + p.target()
                                        + " ("
                                        + (now - p.issuedAtMs()) / 1000
                                        + " s).",
                        null,
                        now));
        ctx.timerService().registerProcessingTimeTimer(now + settings.retentionMs());
    }

    private void onResult(CommandResult r, long now, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        IncidentCase c = null;
        for (IncidentCase candidate : cases.values()) {
            if (candidate.pending() != null
                    && candidate.pending().idempotencyKey().equals(r.idempotencyKey())) {
                c = candidate;
                break;
            }
        }
        if (c == null || !r.state().isFinal()) {
            return;
        }
        PendingAction p = c.pending();
        if (p.dryRun()) {
            // a plan teaches nothing about the action's effect; the incident stays open
            cases.put(c.signal().incidentId(), c.withState(IncidentState.OPEN, null, 0));
            ctx.output(INCIDENTS, CaseRecords.incident(cases.get(c.signal().incidentId()), now));
            return;
        }
        if (r.state() == CommandState.SUCCEEDED) {
            Policy policy = policy(ctx, c.policyId());
            long verify =
                    policy == null ? Duration.ofMinutes(5).toMillis() : policy.verifyWithinMs();
            PendingAction verified =
                    new PendingAction(
                            p.decisionId(),
                            p.commandId(),
                            p.idempotencyKey(),
                            p.candidateId(),
                            p.actionKey(),
                            p.target(),
                            p.issuedAtMs(),
                            now + verify,
                            true,
                            false);
            cases.put(c.signal().incidentId(), c.withState(c.state(), verified, 0));
            ctx.timerService().registerProcessingTimeTimer(now + verify);
        } else if (r.state() == CommandState.REJECTED) {
            // refused by the executor (signature, allowlist) or a human: not the action's failure
            escalate(c, now, "command rejected: " + r.reason(), ctx, out);
        } else {
            fail(c, now, "command " + r.state() + ": " + r.reason(), ctx, out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Decision> out)
            throws Exception {
        List<IncidentCase> due = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        for (Map.Entry<String, IncidentCase> e : cases.entries()) {
            IncidentCase c = e.getValue();
            if (c.pending() != null && c.pending().deadlineMs() <= timestamp) {
                due.add(c);
            } else if (c.state() == IncidentState.RESOLVED
                    && c.resolvedAtMs() + settings.retentionMs() <= timestamp) {
                expired.add(e.getKey());
            } else if (c.signal().atMs() + settings.retentionMs() * 24 <= timestamp) {
                expired.add(e.getKey()); // safety net: nothing lives forever
            }
        }
        for (String id : expired) {
            cases.remove(id);
        }
        for (IncidentCase c : due) {
            PendingAction p = c.pending();
            String why =
                    p.resultSucceeded()
                            ? "not resolved within the verification time after " + p.actionKey()
                            : "no command result before the deadline";
            fail(c, timestamp, why, ctx, out);
        }
        // incidents that opened before their policy (or the inventory) arrived: decide again
        List<String> waiting = new ArrayList<>();
        for (Map.Entry<String, IncidentCase> e : cases.entries()) {
            if (undecided(e.getValue())) {
                waiting.add(e.getKey());
            }
        }
        for (String id : waiting) {
            IncidentCase c = relocate(cases.get(id), ctx);
            cases.put(id, c);
            decide(c, timestamp, null, ctx, out);
            armReconsider(cases.get(id), timestamp, ctx);
        }
        ActionLog log = actionLog.value();
        if (log != null) {
            List<ActionEntry> kept =
                    log.entries().stream().filter(a -> timestamp - a.atMs() < HOUR_MS).toList();
            if (kept.isEmpty()) {
                actionLog.clear();
            } else {
                actionLog.update(new ActionLog(kept));
            }
        }
    }

    // ---------------------------------------------------------------- decisions

    /** Open, memory answered, never decided: waiting for a matching policy or the inventory. */
    private static boolean undecided(IncidentCase c) {
        return c.state() == IncidentState.OPEN
                && c.attempt() == 0
                && c.memoryResolved()
                && c.pending() == null;
    }

    /**
     * Registers the next reconsider tick for an undecided incident. Why a tick and not a decision
     * in {@link #processBroadcastElement} when the policy arrives: the broadcast side has no timer
     * service, and a decision must register its deadline timers. Ticks are aligned to the period,
     * so every waiting incident shares one timer, and they stop once no incident waits.
     */
    private void armReconsider(@Nullable IncidentCase c, long now, ReadOnlyContext ctx) {
        if (c != null && undecided(c)) {
            long period = settings.reconsiderMs();
            ctx.timerService().registerProcessingTimeTimer((now / period + 1) * period);
        }
    }

    /**
     * Locates again the entities of an undecided incident that were unknown when it was correlated
     * (an anomaly that outlived the topology hold): policies match on the root's role, and actions
     * target its guest or host.
     */
    private static IncidentCase relocate(IncidentCase c, ReadOnlyContext ctx) throws Exception {
        ReadOnlyBroadcastState<String, TopoEntry> inventory = ctx.getBroadcastState(INVENTORY);
        IncidentSignal s =
                c.signal()
                        .relocated(
                                entity ->
                                        Topology.locate(
                                                entity,
                                                key -> {
                                                    try {
                                                        return inventory.get(key);
                                                    } catch (Exception e) {
                                                        throw new IllegalStateException(e);
                                                    }
                                                }));
        return s == c.signal() ? c : c.withSignal(s);
    }

    private static boolean inventoryEmpty(ReadOnlyContext ctx) throws Exception {
        return !ctx.getBroadcastState(INVENTORY).immutableEntries().iterator().hasNext();
    }

    private void fail(
            IncidentCase c, long now, String why, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        PendingAction p = c.pending();
        if (p != null) {
            ctx.output(EXPERIENCES, CaseRecords.experience(c, p, ActionOutcome.FAILURE, now));
        }
        IncidentCase open = c.withState(IncidentState.OPEN, null, 0);
        cases.put(c.signal().incidentId(), open);
        decide(
                open,
                now,
                "attempt "
                        + c.attempt()
                        + " ("
                        + (p == null ? "?" : p.actionKey())
                        + ") failed: "
                        + why,
                ctx,
                out);
    }

    private void escalate(
            IncidentCase c, long now, String why, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        apply(decider.escalate(c, now, why), now, ctx, out);
    }

    private @Nullable Policy policy(ReadOnlyContext ctx, @Nullable String id) throws Exception {
        return id == null ? null : ctx.getBroadcastState(POLICIES).get(id);
    }

    /** Decides with the {@link Decider} and applies its outcome to state, timers and outputs. */
    private void decide(
            IncidentCase c,
            long now,
            @Nullable String previous,
            ReadOnlyContext ctx,
            Collector<Decision> out)
            throws Exception {
        Map<String, Policy> policies = new HashMap<>();
        for (Map.Entry<String, Policy> e : ctx.getBroadcastState(POLICIES).immutableEntries()) {
            policies.put(e.getKey(), e.getValue());
        }
        DecisionInput in =
                new DecisionInput(
                        c,
                        now,
                        previous,
                        policies,
                        inventoryEmpty(ctx),
                        guardContext(ctx, c.signal().incidentId(), now));
        apply(decider.decide(in), now, ctx, out);
    }

    private void apply(DecisionOutcome o, long now, ReadOnlyContext ctx, Collector<Decision> out)
            throws Exception {
        if (o.next() != null) {
            cases.put(o.next().signal().incidentId(), o.next());
        }
        if (o.action() != null && o.next() != null && o.next().pending() != null) {
            ctx.timerService().registerProcessingTimeTimer(o.next().pending().deadlineMs());
            ActionLog log = actionLog.value();
            List<ActionEntry> entries = new ArrayList<>(log == null ? List.of() : log.entries());
            entries.add(o.action());
            actionLog.update(new ActionLog(entries));
            ctx.timerService().registerProcessingTimeTimer(now + HOUR_MS);
        }
        if (o.decision() != null) {
            out.collect(o.decision());
        }
        if (o.incident() != null) {
            ctx.output(INCIDENTS, o.incident());
        }
        if (o.command() != null) {
            ctx.output(COMMANDS, o.command());
        }
        if (o.notification() != null) {
            ctx.output(NOTIFICATIONS, o.notification());
        }
    }

    private GuardContext guardContext(ReadOnlyContext ctx, String incidentId, long now)
            throws Exception {
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (Map.Entry<String, MaintenanceWindow> e :
                ctx.getBroadcastState(WINDOWS).immutableEntries()) {
            windows.add(e.getValue());
        }
        int nodes = 0;
        int guests = 0;
        ReadOnlyBroadcastState<String, TopoEntry> inventory = ctx.getBroadcastState(INVENTORY);
        for (Map.Entry<String, TopoEntry> e : inventory.immutableEntries()) {
            if (e.getKey().startsWith("node/")) {
                nodes++;
            } else if (e.getKey().startsWith("guest/")) {
                guests++;
            }
        }
        List<String> active = new ArrayList<>();
        for (IncidentCase c : cases.values()) {
            if (c.state() == IncidentState.MITIGATING && c.pending() != null) {
                active.add(Decider.group(c.signal().root()) + "/" + c.pending().target());
            }
        }
        ActionLog log = actionLog.value();
        return new GuardContext(
                now,
                incidentId,
                log == null ? List.of() : log.entries(),
                windows,
                active,
                nodes,
                guests,
                settings.globalMaxActionsPerHour());
    }
}
