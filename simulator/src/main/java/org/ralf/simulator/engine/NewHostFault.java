package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code new-host}: a node or guest declared absent joins, with its inventory rows, discovery event
 * and first log line; it stays when the fault ends (a join has no undo).
 */
class NewHostFault extends AbstractFault {

    NewHostFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public final void start(Instant t, Instant scheduledEnd) {
        HostState h = host;
        h.present = true;
        h.bootTime = t;
        InventoryEmitter inventory = ctx.inventory();
        if (h instanceof NodeState n) {
            inventory.node(n, t);
            log(n.name, "pmxcfs", Severity.NOTICE, "daemon", "[status] notice: node has quorum", t);
            inventory.discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, n, null, t);
            return;
        }
        GuestState g = (GuestState) h;
        for (ServiceState s : g.services) {
            s.startTime = t;
        }
        inventory.guest(g, t, true);
        log(
                g.name,
                "systemd",
                Severity.INFO,
                "daemon",
                "systemd[1]: Reached target multi-user.target - Multi-User System.",
                t);
        inventory.discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, g, g, t);
        guestJoined(g, t);
    }

    /** After a guest has joined and been seen by Proxmox. */
    void guestJoined(GuestState g, Instant t) {}

    @Override
    public final void stop(Instant t, String by) {
        // the host stays: a join has no undo
    }
}
