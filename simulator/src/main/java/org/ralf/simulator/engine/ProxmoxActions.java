package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.truth.ActionRecord;

/**
 * The closed loop's way in: finished Proxmox tasks queue here from any thread and are applied to
 * the model at the next tick (start, reboot, stop, migrate), ending the faults they remedy.
 */
final class ProxmoxActions {
    private final Queue<ProxmoxAction> pending = new ConcurrentLinkedQueue<>();
    private final List<ActionRecord> applied = new ArrayList<>();
    private final FaultContext ctx;
    private final List<FaultRun> faults;

    ProxmoxActions(FaultContext ctx, List<FaultRun> faults) {
        this.ctx = ctx;
        this.faults = faults;
    }

    /** Thread-safe. */
    void submit(ProxmoxAction action) {
        pending.add(action);
    }

    List<ActionRecord> applied() {
        return List.copyOf(applied);
    }

    /** Applies every queued task, in arrival order, at t. */
    void apply(Instant t) {
        ProxmoxAction a;
        while ((a = pending.poll()) != null) {
            GuestState g = ctx.model().byVmid.get(a.vmid());
            String guestName = g == null ? "vmid:" + a.vmid() : g.name;
            ActionRecord rec =
                    new ActionRecord(t, a.action(), a.vmid(), guestName, a.node(), a.exitStatus());
            applied.add(rec);
            ctx.out().emit(new SimEvent.Action(t, rec));
            if (g == null || !rec.ok()) {
                continue;
            }
            switch (a.action()) {
                case "start" -> start(g, t);
                case "reboot" -> {
                    ctx.lifecycle().boot(g, t);
                    restarted(g, t, "action:reboot");
                }
                case "stop", "shutdown" -> {
                    g.running = false;
                    ctx.out()
                            .log(
                                    g.name,
                                    "systemd",
                                    Severity.NOTICE,
                                    "daemon",
                                    "systemd-shutdown[1]: Syncing filesystems and block devices.",
                                    t);
                    ctx.inventory().guest(g, t, false);
                }
                case "migrate" -> migrate(g, a.node(), t);
                default -> {
                    // snapshot, vzdump: recorded, no effect on the workload
                }
            }
        }
    }

    private void start(GuestState g, Instant t) {
        boolean wasRunning = g.running;
        g.running = true;
        if (!wasRunning) {
            ctx.lifecycle().boot(g, t);
        }
        restarted(g, t, "action:start");
        ctx.inventory().guest(g, t, false);
    }

    private void migrate(GuestState g, String to, Instant t) {
        String from = g.node;
        if (to.equals(from) || !ctx.model().nodes.containsKey(to)) {
            return;
        }
        g.node = to;
        ctx.out()
                .log(
                        from,
                        "pvedaemon",
                        Severity.INFO,
                        "daemon",
                        "migration finished successfully (vmid " + g.vmid + " to " + to + ")",
                        t);
        if (g.type.equals("lxc")) {
            // containers migrate in restart mode: the services start anew
            ctx.lifecycle().boot(g, t);
        }
        for (FaultRun f : faults) {
            f.guestMigratedFrom(from);
        }
        ctx.inventory().guest(g, t, false);
    }

    /** A guest restart ends the remediable faults that live in its processes. */
    private void restarted(GuestState g, Instant t, String by) {
        for (FaultRun f : faults) {
            f.guestRestarted(g, t, by);
        }
    }
}
