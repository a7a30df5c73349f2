package org.ralf.simulator.engine;

import java.time.Instant;
import org.ralf.schemas.log.Severity;

/**
 * State changes of a host that both faults and Proxmox actions cause (a guest boots, a link goes
 * down or up), with the log lines they leave.
 */
final class HostLifecycle {
    private final Emitter out;

    HostLifecycle(Emitter out) {
        this.out = out;
    }

    /** The guest boots at t: every service starts anew with a fresh pid and no leak. */
    void boot(GuestState g, Instant t) {
        g.bootTime = t;
        for (ServiceState s : g.services) {
            s.startTime = t;
            s.running = true;
            s.leakBytes = 0;
            s.pid = 300 + s.rnd.nextInt(20_000);
        }
        out.log(
                g.name,
                "systemd",
                Severity.INFO,
                "daemon",
                "systemd[1]: Startup finished in 2.1s (kernel) + 6.4s (userspace) = 8.5s.",
                t);
    }

    /** The host's link goes up or down at t (a carrier change, kernel logs). */
    void linkChange(HostState h, boolean up, Instant t) {
        h.linkUp = up;
        h.carrierChanges++;
        if (h instanceof NodeState) {
            out.log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.ERROR,
                    "kern",
                    up
                            ? "e1000e 0000:00:1f.6 eno1: NIC Link is Up 1000 Mbps Full Duplex, Flow Control: Rx/Tx"
                            : "e1000e 0000:00:1f.6 eno1: NIC Link is Down",
                    t);
            out.log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.WARNING,
                    "kern",
                    up
                            ? "vmbr0: port 1(eno1) entered forwarding state"
                            : "vmbr0: port 1(eno1) entered disabled state",
                    t);
        } else {
            out.log(
                    h.name,
                    "kernel",
                    up ? Severity.INFO : Severity.ERROR,
                    "kern",
                    up ? "eth0: link becomes ready" : "eth0: link is not ready",
                    t);
        }
    }
}
