package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.SplittableRandom;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.simulator.scenario.FaultSpec;

/**
 * {@code pbs-appears}: a Proxmox Backup Server guest joins as a new host does, and adds a backup
 * storage that the PBS poller discovers.
 */
final class PbsAppearsFault extends NewHostFault {

    PbsAppearsFault(FaultSpec spec, SplittableRandom rnd, FaultContext ctx) {
        super(spec, rnd, ctx);
    }

    @Override
    void guestJoined(GuestState g, Instant t) {
        ctx.inventory().backupStorage(g, t);
        ctx.inventory().discovery(DiscoveryKind.SEEN, DiscoverySource.PBS, g, g, t);
    }
}
