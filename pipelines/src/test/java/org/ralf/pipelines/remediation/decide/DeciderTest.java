package org.ralf.pipelines.remediation.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.remediation.Fixtures.T0;
import static org.ralf.pipelines.remediation.Fixtures.crashLoopPolicy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.pipelines.remediation.correlate.AnomalyBrief;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.correlate.SignalType;
import org.ralf.pipelines.remediation.policy.Policy;
import org.ralf.pipelines.remediation.policy.PolicyException;
import org.ralf.pipelines.remediation.policy.PolicyParser;
import org.ralf.pipelines.remediation.topology.EntityLocation;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.incident.IncidentState;

/** The pure decision step, without Flink: input in, outcome out. */
class DeciderTest {

    private static final String SECRET = "decider-test-secret";
    private static final long NOW = T0.toEpochMilli();
    private static final String GUARDS =
            "cooldown: 10m\nmaxActionsPerHourPerTarget: 3\nmaxBlastRadius: 0.5";
    private static final EntityLocation ROOT =
            new EntityLocation("web01", "guest", 1, "pve1", "web01", "pve1/qemu/101");

    private final Decider decider =
            new Decider(
                    new RemediationSettings(
                            10,
                            "k1",
                            SECRET,
                            Duration.ofMinutes(30).toMillis(),
                            60_000,
                            Duration.ofSeconds(5).toMillis(),
                            Duration.ofMinutes(2).toMillis()));

    private static IncidentCase openCase() {
        AnomalyBrief brief =
                new AnomalyBrief(
                        "a-1",
                        "web01",
                        "PATTERN",
                        "crash-loop",
                        0.9,
                        null,
                        null,
                        "crash loop",
                        NOW);
        IncidentSignal signal =
                new IncidentSignal(
                        SignalType.OPENED,
                        "i1",
                        ROOT.correlationKey(),
                        ROOT,
                        List.of(ROOT),
                        List.of(brief.anomalyId()),
                        List.of(brief),
                        Map.of(),
                        0.9,
                        NOW,
                        NOW);
        return new IncidentCase(
                signal,
                IncidentState.OPEN,
                true,
                true,
                null,
                List.of(),
                null,
                0,
                List.of(),
                null,
                0);
    }

    private static Map<String, Policy> crashPolicy() throws PolicyException {
        return Map.of("crash", PolicyParser.parse("crash", 1, true, crashLoopPolicy(GUARDS)));
    }

    private static GuardContext guards(List<MaintenanceWindow> windows) {
        return new GuardContext(NOW, "i1", List.of(), windows, List.of(), 1, 4, 10);
    }

    @Test
    void shouldSignTheFirstApplicableCandidateOfTheMatchingPolicy() throws Exception {
        // Act
        DecisionOutcome out =
                decider.decide(
                        new DecisionInput(
                                openCase(), NOW, null, crashPolicy(), false, guards(List.of())));

        // Assert: a signed reboot of the guest, recorded as the action to verify
        ActionCommand cmd = out.command();
        assertThat(cmd).isNotNull();
        assertThat(cmd.kind()).isEqualTo(ActionKind.PROXMOX);
        assertThat(cmd.target()).isEqualTo("pve1/qemu/101");
        assertThat(
                        new CommandSigner(Map.of("k1", SECRET.getBytes(StandardCharsets.UTF_8)))
                                .verify(cmd))
                .isTrue();
        assertThat(out.decision()).isNotNull();
        assertThat(out.decision().policyId()).isEqualTo("crash");
        assertThat(out.decision().command()).isEqualTo(cmd);
        assertThat(out.action()).isNotNull();
        assertThat(out.next()).isNotNull();
        assertThat(out.next().state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(out.next().attempt()).isEqualTo(1);
    }

    @Test
    void shouldDecideNothingWhileNoPolicyMatchesAFirstIncident() throws Exception {
        // Act
        DecisionOutcome out =
                decider.decide(
                        new DecisionInput(
                                openCase(), NOW, null, Map.of(), false, guards(List.of())));

        // Assert
        assertThat(out).isEqualTo(DecisionOutcome.none());
    }

    @Test
    void shouldWaitForTheInventoryBeforeTheFirstDecision() throws Exception {
        // Act: the inventory snapshot has not arrived and the wait has not run out
        DecisionOutcome out =
                decider.decide(
                        new DecisionInput(
                                openCase(),
                                NOW + 1_000,
                                null,
                                crashPolicy(),
                                true,
                                guards(List.of())));

        // Assert
        assertThat(out).isEqualTo(DecisionOutcome.none());
    }

    @Test
    void shouldIssueNoCommandInsideAMaintenanceWindowOfTheTarget() throws Exception {
        // Arrange
        MaintenanceWindow window =
                new MaintenanceWindow("w1", "web01", NOW - 60_000, NOW + 3_600_000, "upgrade");

        // Act
        DecisionOutcome out =
                decider.decide(
                        new DecisionInput(
                                openCase(),
                                NOW,
                                null,
                                crashPolicy(),
                                false,
                                guards(List.of(window))));

        // Assert: the decision is recorded and explained, but nothing acts
        assertThat(out.decision()).isNotNull();
        assertThat(out.command()).isNull();
        assertThat(out.action()).isNull();
        assertThat(out.decision().explanation().candidates())
                .extracting(CandidateVerdict::chosen)
                .containsOnly(false);
    }

    @Test
    void shouldEscalateARetryWhosePolicyIsGone() throws Exception {
        // Arrange: a second attempt of a policy that no longer exists
        IncidentCase tried =
                openCase()
                        .withAttempt("gone", 1, List.of("reboot"), null, IncidentState.MITIGATING);

        // Act
        DecisionOutcome out =
                decider.decide(
                        new DecisionInput(
                                tried,
                                NOW,
                                "reboot failed",
                                crashPolicy(),
                                false,
                                guards(List.of())));

        // Assert
        assertThat(out.command()).isNull();
        assertThat(out.notification()).isNotNull();
        assertThat(out.next()).isNotNull();
        assertThat(out.next().state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(out.incident()).isNotNull();
    }
}
