package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code host-down}: a Proxmox node goes offline with all its guests (the other nodes log the lost
 * cluster member); ending it boots the node and its running guests again.
 */
final class HostDownFault extends AbstractFault {

    HostDownFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    public void start(Instant t, Instant scheduledEnd) {
        NodeState n = (NodeState) host;
        Model model = ctx.model();
        n.online = false;
        n.linkUp = false;
        for (NodeState other : model.nodes.values()) {
            if (other != n && other.present && other.online) {
                log(
                        other.name,
                        "corosync",
                        Severity.WARNING,
                        "daemon",
                        "[KNET  ] link: host: " + (1 + model.indexOf(n)) + " link: 0 is down",
                        t);
                log(
                        other.name,
                        "corosync",
                        Severity.NOTICE,
                        "daemon",
                        "[QUORUM] Sync members[" + model.onlineNodes() + "]",
                        t);
                log(
                        other.name,
                        "pmxcfs",
                        Severity.NOTICE,
                        "daemon",
                        "[dcdb] notice: members: " + model.onlineNodes(),
                        t);
            }
        }
        ctx.inventory().node(n, t);
        ctx.inventory().discovery(DiscoveryKind.CHANGED, DiscoverySource.PROXMOX, n, null, t);
    }

    @Override
    public void stop(Instant t, String by) {
        NodeState n = (NodeState) host;
        n.online = true;
        n.linkUp = true;
        n.bootTime = t;
        log(
                n.name,
                "kernel",
                Severity.INFO,
                "kern",
                "Linux version 6.8.12-4-pve (build@proxmox) #1 SMP PREEMPT_DYNAMIC PMX 6.8.12-4",
                t);
        log(n.name, "pmxcfs", Severity.NOTICE, "daemon", "[status] notice: node has quorum", t);
        for (GuestState g : ctx.model().guests.values()) {
            if (g.present && g.node.equals(n.name) && g.running) {
                ctx.lifecycle().boot(g, t);
            }
        }
        ctx.inventory().node(n, t);
        ctx.inventory().discovery(DiscoveryKind.CHANGED, DiscoverySource.PROXMOX, n, null, t);
    }
}
