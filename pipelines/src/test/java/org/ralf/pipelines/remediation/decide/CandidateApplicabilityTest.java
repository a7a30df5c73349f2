package org.ralf.pipelines.remediation.decide;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.remediation.policy.CandidateAction;
import org.ralf.pipelines.remediation.topology.EntityLocation;
import org.ralf.schemas.command.ActionKind;

class CandidateApplicabilityTest {

    private static final EntityLocation NODE =
            new EntityLocation("pve1", "node", 0, "pve1", "pve1", null);
    private static final EntityLocation GUEST =
            new EntityLocation("media", "guest", 1, "pve1", "media", "pve1/lxc/101");

    private static CandidateAction proxmox(String action, Map<String, Object> params) {
        return new CandidateAction("a", ActionKind.PROXMOX, action, params, false, false, true, 60);
    }

    @Test
    void shouldPassOverProxmoxActionsOnEntitiesThatAreNotGuests() {
        assertThat(Decider.inapplicable(proxmox("reboot", Map.of()), NODE))
                .startsWith("not applicable: pve1 (node)");
        assertThat(Decider.inapplicable(proxmox("reboot", Map.of()), GUEST)).isNull();
    }

    @Test
    void shouldPassOverAMigrationWithoutDestination() {
        assertThat(Decider.inapplicable(proxmox("migrate", Map.of()), GUEST))
                .contains("targetNode");
        assertThat(Decider.inapplicable(proxmox("migrate", Map.of("targetNode", "pve2")), GUEST))
                .isNull();
    }

    @Test
    void shouldNotJudgeOtherBackends() {
        CandidateAction notify =
                new CandidateAction(
                        "n", ActionKind.NOTIFY, "notify", Map.of(), false, false, true, 0);
        assertThat(Decider.inapplicable(notify, NODE)).isNull();
    }
}
