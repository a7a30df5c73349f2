package org.ralf.pipelines.remediation.decide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ralf.pipelines.remediation.Fixtures.T0;
import static org.ralf.pipelines.remediation.Fixtures.crashLoopPolicy;
import static org.ralf.pipelines.remediation.Fixtures.guest;
import static org.ralf.pipelines.remediation.Fixtures.node;
import static org.ralf.pipelines.remediation.Fixtures.policy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.apache.flink.util.OutputTag;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.Fixtures;
import org.ralf.pipelines.remediation.correlate.AnomalyBrief;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.correlate.SignalType;
import org.ralf.pipelines.remediation.memory.EnrichedSignal;
import org.ralf.pipelines.remediation.topology.EntityLocation;
import org.ralf.schemas.Ids;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.ActionKind;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.command.CommandSigner;
import org.ralf.schemas.command.CommandState;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.incident.IncidentState;
import org.ralf.schemas.notify.Notification;

class RemediationControllerTest {

    private static final String SECRET = "test-secret";
    private static final long RETENTION = Duration.ofMinutes(30).toMillis();
    private static final long START = T0.toEpochMilli();
    private static final long RECONSIDER = Duration.ofSeconds(5).toMillis();
    private static final long INVENTORY_WAIT = Duration.ofMinutes(2).toMillis();
    private static final String DEFAULT_GUARDS =
            "cooldown: 10m\nmaxActionsPerHourPerTarget: 3\nmaxBlastRadius: 0.5";

    private KeyedBroadcastOperatorTestHarness<String, RemediationEvent, CdcEnvelope, Decision>
            harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = harness(10);
    }

    private static KeyedBroadcastOperatorTestHarness<
                    String, RemediationEvent, CdcEnvelope, Decision>
            harness(int globalMax) throws Exception {
        var h = bareHarness(globalMax);
        // one node with four guests
        h.processBroadcastElement(node("pve1"), 0);
        for (int i = 1; i <= 4; i++) {
            h.processBroadcastElement(guest(100 + i, "web0" + i, "pve1"), 0);
        }
        return h;
    }

    /** A controller that has not read the inventory yet. */
    private static KeyedBroadcastOperatorTestHarness<
                    String, RemediationEvent, CdcEnvelope, Decision>
            bareHarness(int globalMax) throws Exception {
        var h =
                ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                        new RemediationController(
                                new RemediationSettings(
                                        globalMax,
                                        "k1",
                                        SECRET,
                                        RETENTION,
                                        60_000,
                                        RECONSIDER,
                                        INVENTORY_WAIT)),
                        e -> RemediationController.KEY,
                        Types.STRING,
                        RemediationController.POLICIES,
                        RemediationController.WINDOWS,
                        RemediationController.INVENTORY);
        h.setProcessingTime(START);
        return h;
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    // ---------------------------------------------------------------- helpers

    private static EntityLocation guestRoot(int i) {
        return new EntityLocation("web0" + i, "guest", 1, "pve1", "web0" + i, "pve1/qemu/10" + i);
    }

    private static IncidentSignal signal(SignalType type, String id, EntityLocation root, long at) {
        AnomalyBrief brief =
                new AnomalyBrief(
                        "a-" + id,
                        root.entity(),
                        "PATTERN",
                        "crash-loop",
                        0.9,
                        null,
                        null,
                        "crash loop",
                        at);
        return new IncidentSignal(
                type,
                id,
                root.correlationKey(),
                root,
                List.of(root),
                List.of(brief.anomalyId()),
                List.of(brief),
                Map.of(),
                0.9,
                START,
                at);
    }

    private void open(String id, int guest, List<SimilarIncident> similar) throws Exception {
        long now = harness.getProcessingTime();
        harness.processElement(
                RemediationEvent.of(
                        new EnrichedSignal(
                                signal(SignalType.OPENED, id, guestRoot(guest), now),
                                true,
                                true,
                                similar,
                                null)),
                0);
    }

    private void clear(String id, int guest) throws Exception {
        long now = harness.getProcessingTime();
        harness.processElement(
                RemediationEvent.of(
                        new EnrichedSignal(
                                signal(SignalType.CLEARED, id, guestRoot(guest), now),
                                false,
                                true,
                                List.of(),
                                null)),
                0);
    }

    private void result(ActionCommand c, CommandState state) throws Exception {
        Instant now = Instant.ofEpochMilli(harness.getProcessingTime());
        harness.processElement(
                RemediationEvent.of(
                        new CommandResult(
                                CommandResult.SCHEMA_VERSION,
                                c.commandId(),
                                c.idempotencyKey(),
                                c.target(),
                                c.kind(),
                                c.action(),
                                state,
                                "test",
                                c.dryRun(),
                                now,
                                now,
                                now,
                                Map.of(),
                                null,
                                "",
                                "",
                                "executor-1")),
                0);
    }

    private void advance(Duration d) throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + d.toMillis());
    }

    private <X> List<X> side(OutputTag<X> tag) {
        List<X> out = new ArrayList<>();
        var queue = harness.getSideOutput(tag);
        if (queue != null) {
            for (StreamRecord<X> r : queue) {
                out.add(r.getValue());
            }
        }
        return out;
    }

    private Incident lastIncident(String id) {
        List<Incident> all =
                side(RemediationController.INCIDENTS).stream()
                        .filter(i -> i.incidentId().equals(id))
                        .toList();
        return all.get(all.size() - 1);
    }

    private int keyedStateEntries() {
        AbstractStreamOperator<?> op = (AbstractStreamOperator<?>) harness.getOperator();
        return ((HeapKeyedStateBackend<?>) op.getKeyedStateBackend()).numKeyValueStateEntries();
    }

    private Decision decisionFor(String incidentId) {
        return harness.extractOutputValues().stream()
                .filter(d -> d.incidentId().equals(incidentId))
                .findFirst()
                .orElseThrow();
    }

    private static GuardVerdict verdict(Decision d, String candidate, String guard) {
        return d.explanation().candidates().stream()
                .filter(c -> c.candidateId().equals(candidate))
                .flatMap(c -> c.guards().stream())
                .filter(g -> g.guard().equals(guard))
                .findFirst()
                .orElseThrow();
    }

    // ---------------------------------------------------------------- decisions and life cycle

    @Test
    void shouldIssueASignedCommandForTheFirstCandidateAndMoveToMitigating() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);

        // Act
        open("i1", 1, List.of());

        // Assert
        List<Decision> decisions = harness.extractOutputValues();
        assertThat(decisions).hasSize(1);
        Decision d = decisions.get(0);
        ActionCommand cmd = d.command();
        assertThat(cmd).isNotNull();
        assertThat(cmd.kind()).isEqualTo(ActionKind.PROXMOX);
        assertThat(cmd.target()).isEqualTo("pve1/qemu/101");
        assertThat(cmd.idempotencyKey()).isEqualTo(Ids.nameBased("i1", "PROXMOX:reboot", "1"));
        assertThat(
                        new CommandSigner(Map.of("k1", SECRET.getBytes(StandardCharsets.UTF_8)))
                                .verify(cmd))
                .isTrue();
        assertThat(side(RemediationController.COMMANDS)).containsExactly(cmd);
        assertThat(d.policyId()).isEqualTo("crash");
        assertThat(d.explanation().candidates())
                .extracting(CandidateVerdict::candidateId, CandidateVerdict::chosen)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("reboot", true),
                        org.assertj.core.groups.Tuple.tuple("restart-service", false));
        assertThat(d.explanation().candidates().get(0).guards())
                .extracting(GuardVerdict::guard)
                .containsExactly(
                        "maintenance",
                        "cooldown",
                        "rate-global",
                        "rate-target",
                        "blast-radius",
                        "approval",
                        "dry-run");
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.MITIGATING);
        assertThat(side(RemediationController.NOTIFICATIONS))
                .extracting(Notification::incidentId)
                .contains("i1");
    }

    @Test
    void shouldResolveRecordSuccessAndForgetTheIncidentAfterRetention() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        ActionCommand cmd = harness.extractOutputValues().get(0).command();
        advance(Duration.ofSeconds(30));
        result(cmd, CommandState.SUCCEEDED);

        // Act
        advance(Duration.ofMinutes(1));
        clear("i1", 1);

        // Assert
        Incident resolved = lastIncident("i1");
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedAt()).isNotNull();
        List<Experience> experiences = side(RemediationController.EXPERIENCES);
        assertThat(experiences).hasSize(1);
        assertThat(experiences.get(0).outcome()).isEqualTo(ActionOutcome.SUCCESS);
        assertThat(experiences.get(0).actionKey()).isEqualTo("PROXMOX:reboot");
        assertThat(experiences.get(0).timeToRecoverMs()).isEqualTo(90_000L);

        // and after the retention (and the hour of the action log) nothing is left
        advance(Duration.ofHours(2));
        assertThat(keyedStateEntries()).isZero();
    }

    @Test
    void shouldTryTheNextCandidateWhenUnresolvedInTimeAndEscalateWhenAllFailed() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        ActionCommand first = harness.extractOutputValues().get(0).command();
        result(first, CommandState.SUCCEEDED);

        // Act: the verification time (5m) passes without the incident clearing
        advance(Duration.ofMinutes(6));
        ActionCommand second = harness.extractOutputValues().get(1).command();
        result(second, CommandState.FAILED);

        // Assert
        List<Decision> decisions = harness.extractOutputValues();
        assertThat(decisions).extracting(Decision::attempt).containsExactly(1, 2, 3);
        assertThat(decisions)
                .extracting(Decision::chosenAction)
                .containsExactly("PROXMOX:reboot", "ANSIBLE:restart-service.yml", null);
        assertThat(decisions.get(1).explanation().previousAttempt())
                .contains("PROXMOX:reboot")
                .contains("not resolved");
        assertThat(second.target()).isEqualTo("web01");
        assertThat(side(RemediationController.EXPERIENCES))
                .extracting(Experience::actionKey, Experience::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "PROXMOX:reboot", ActionOutcome.FAILURE),
                        org.assertj.core.groups.Tuple.tuple(
                                "ANSIBLE:restart-service.yml", ActionOutcome.FAILURE));
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.ESCALATED);
    }

    @Test
    void shouldChooseTheActionThatSucceededOnSimilarIncidentsOverOneThatFailed() throws Exception {
        // Arrange: history in which reboot (the policy's first choice) failed and restart worked
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        List<SimilarIncident> history =
                List.of(
                        new SimilarIncident(
                                "old-1", 0.97, "PROXMOX:reboot", ActionOutcome.FAILURE, null),
                        new SimilarIncident(
                                "old-2",
                                0.95,
                                "ANSIBLE:restart-service.yml",
                                ActionOutcome.SUCCESS,
                                60_000L));

        // Act
        open("i1", 1, history);

        // Assert
        Decision d = harness.extractOutputValues().get(0);
        assertThat(d.chosenAction()).isEqualTo("ANSIBLE:restart-service.yml");
        assertThat(d.explanation().similar()).isEqualTo(history);
        CandidateVerdict reboot =
                d.explanation().candidates().stream()
                        .filter(c -> c.candidateId().equals("reboot"))
                        .findFirst()
                        .orElseThrow();
        assertThat(reboot.reason()).startsWith("ranked below restart-service");
    }

    @Test
    void shouldApplyAPolicyChangeFromCdcToTheNextDecisionWithoutRestart() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        String v2 =
                crashLoopPolicy(DEFAULT_GUARDS)
                        .replace("action: reboot", "action: start")
                        .replace("id: reboot", "id: start");

        // Act
        harness.processBroadcastElement(policy("crash", 2, v2), 0);
        open("i2", 2, List.of());

        // Assert
        List<Decision> decisions = harness.extractOutputValues();
        assertThat(decisions).extracting(Decision::policyVersion).containsExactly(1, 2);
        assertThat(decisions)
                .extracting(Decision::chosenAction)
                .containsExactly("PROXMOX:reboot", "PROXMOX:start");
    }

    @Test
    void shouldKeepThePreviousPolicyVersionAndNotifyWhenAnUpdateIsInvalid() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);

        // Act
        harness.processBroadcastElement(
                policy("crash", 2, crashLoopPolicy("maxBlastRadius: 7\ncooldwn: 5m")), 0);
        open("i1", 1, List.of());

        // Assert
        assertThat(harness.extractOutputValues().get(0).policyVersion()).isEqualTo(1);
        assertThat(side(RemediationController.NOTIFICATIONS))
                .filteredOn(n -> n.title().contains("rejected"))
                .singleElement()
                .satisfies(
                        n ->
                                assertThat(n.body())
                                        .contains("guards.maxBlastRadius")
                                        .contains("guards.cooldwn: unknown key"));
    }

    @Test
    void shouldDecideWithoutMemoryAndSaySoWhenTheLookupFailed() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);

        // Act
        harness.processElement(
                RemediationEvent.of(
                        new EnrichedSignal(
                                signal(SignalType.OPENED, "i1", guestRoot(1), START),
                                true,
                                false,
                                List.of(),
                                "incident memory unavailable: refused")),
                0);

        // Assert
        Decision d = harness.extractOutputValues().get(0);
        assertThat(d.command()).isNotNull();
        assertThat(d.explanation().memoryAvailable()).isFalse();
        assertThat(d.explanation().reason())
                .contains("without incident memory")
                .contains("refused");
    }

    @Test
    void shouldDoNothingWithoutAMatchingPolicyButStillTrackTheIncident() throws Exception {
        // Act
        open("i1", 1, List.of());
        clear("i1", 1);

        // Assert
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.RESOLVED);
    }

    // ---------------------------------------------------------------- late policies, inventory

    @Test
    void shouldDecideAnIncidentThatOpenedBeforeItsPolicyOnceThePolicyArrives() throws Exception {
        // Arrange: the incident opens before the policies CDC snapshot was read
        open("i1", 1, List.of());
        assertThat(harness.extractOutputValues()).isEmpty();

        // Act
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        advance(Duration.ofMillis(RECONSIDER));

        // Assert: decided with the late policy, a signed command issued
        Decision d = decisionFor("i1");
        assertThat(d.policyId()).isEqualTo("crash");
        assertThat(d.command()).isNotNull();
        assertThat(side(RemediationController.COMMANDS)).containsExactly(d.command());
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.MITIGATING);

        // and later ticks decide nothing more
        advance(Duration.ofMillis(3 * RECONSIDER));
        assertThat(harness.extractOutputValues()).hasSize(1);
    }

    @Test
    void shouldNotDecideAnIncidentThatResolvedBeforeItsPolicyArrived() throws Exception {
        // Arrange
        open("i1", 1, List.of());
        clear("i1", 1);

        // Act
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        advance(Duration.ofMillis(2 * RECONSIDER));

        // Assert
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(side(RemediationController.COMMANDS)).isEmpty();
    }

    @Test
    void shouldWaitForTheInventoryBeforeTheFirstDecision() throws Exception {
        // Arrange: policy known, inventory not read yet
        harness.close();
        harness = bareHarness(10);
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        assertThat(harness.extractOutputValues()).isEmpty();

        // Act: the inventory arrives
        harness.processBroadcastElement(node("pve1"), 0);
        for (int i = 1; i <= 4; i++) {
            harness.processBroadcastElement(guest(100 + i, "web0" + i, "pve1"), 0);
        }
        advance(Duration.ofMillis(RECONSIDER));

        // Assert: decided with a computable blast radius
        Decision d = decisionFor("i1");
        assertThat(d.command()).isNotNull();
        assertThat(verdict(d, "reboot", "blast-radius").passed()).isTrue();
    }

    @Test
    void shouldLocateAnUnknownRootOnceTheInventoryArrivesAndActOnItsGuest() throws Exception {
        // Arrange: the anomaly outlived the topology hold, so the incident's root is unknown
        harness.close();
        harness = bareHarness(10);
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        EntityLocation unknown = new EntityLocation("web01", "unknown", 3, "web01", null, null);
        harness.processElement(
                RemediationEvent.of(
                        new EnrichedSignal(
                                signal(SignalType.OPENED, "i1", unknown, START),
                                true,
                                true,
                                List.of(),
                                null)),
                0);

        // Act: the inventory arrives
        harness.processBroadcastElement(node("pve1"), 0);
        harness.processBroadcastElement(guest(101, "web01", "pve1"), 0);
        advance(Duration.ofMillis(RECONSIDER));

        // Assert: the command targets the guest, and the explanation names its role
        Decision d = decisionFor("i1");
        assertThat(d.command()).isNotNull();
        assertThat(d.command().target()).isEqualTo("pve1/qemu/101");
        assertThat(d.explanation().incident().rootEntity()).isEqualTo("web01");
        assertThat(d.explanation().incident().summary()).contains("(guest)");
    }

    @Test
    void shouldDecideWithoutTheInventoryOnceTheWaitIsOver() throws Exception {
        // Arrange
        harness.close();
        harness = bareHarness(10);
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());

        // Act
        advance(Duration.ofMillis(INVENTORY_WAIT));

        // Assert: the blast radius is unknown, so every candidate is blocked: escalated
        Decision d = decisionFor("i1");
        assertThat(d.command()).isNull();
        assertThat(verdict(d, "reboot", "blast-radius").passed()).isFalse();
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.ESCALATED);
    }

    // ---------------------------------------------------------------- guards

    @Test
    void shouldBlockActionsOnEntitiesInAnActiveMaintenanceWindow() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        harness.processBroadcastElement(
                Fixtures.window("w1", "pve*", T0.minusSeconds(60), T0.plusSeconds(3600)), 0);

        // Act
        open("i1", 1, List.of());

        // Assert
        Decision d = harness.extractOutputValues().get(0);
        assertThat(d.command()).isNull();
        assertThat(verdict(d, "reboot", "maintenance").passed()).isFalse();
        assertThat(verdict(d, "reboot", "maintenance").detail()).contains("w1");
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(side(RemediationController.COMMANDS)).isEmpty();
    }

    @Test
    void shouldAllowActionsOnceTheMaintenanceWindowEnded() throws Exception {
        // Arrange
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        harness.processBroadcastElement(
                Fixtures.window("w1", "web01", T0.minusSeconds(3600), T0.minusSeconds(1)), 0);

        // Act
        open("i1", 1, List.of());

        // Assert
        Decision d = harness.extractOutputValues().get(0);
        assertThat(d.command()).isNotNull();
        assertThat(verdict(d, "reboot", "maintenance").passed()).isTrue();
    }

    @Test
    void shouldBlockWhenTheShareOfGuestsUnderActionWouldExceedTheBlastRadius() throws Exception {
        // Arrange: 4 guests, at most 50% under action at once
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        open("i2", 2, List.of());

        // Act: a third guest would be 3 of 4
        open("i3", 3, List.of());

        // Assert
        List<Decision> decisions = harness.extractOutputValues();
        assertThat(decisions)
                .extracting(d -> d.command() != null)
                .containsExactly(true, true, false);
        assertThat(verdict(decisions.get(2), "reboot", "blast-radius").detail())
                .contains("3 of 4 guests");
    }

    @Test
    void shouldBlockASecondActionOnTheSameTargetWithinTheCooldown() throws Exception {
        // Arrange: an incident on web01 resolved after a reboot
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());
        clear("i1", 1);
        advance(Duration.ofMinutes(2));

        // Act: a new incident on the same guest within the 10 minute cooldown, and one after it
        open("i2", 1, List.of());
        clear("i2", 1);
        advance(Duration.ofMinutes(10));
        open("i3", 1, List.of());

        // Assert
        Decision second = decisionFor("i2");
        assertThat(verdict(second, "reboot", "cooldown").passed()).isFalse();
        assertThat(second.chosenAction()).isEqualTo("ANSIBLE:restart-service.yml");
        assertThat(verdict(decisionFor("i3"), "reboot", "cooldown").passed()).isTrue();
    }

    @Test
    void shouldEnforceTheGlobalActionsPerHourLimit() throws Exception {
        // Arrange
        harness.close();
        harness = harness(1);
        harness.processBroadcastElement(policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS)), 0);
        open("i1", 1, List.of());

        // Act
        open("i2", 2, List.of());
        advance(Duration.ofMinutes(61));
        open("i3", 3, List.of());

        // Assert
        assertThat(decisionFor("i2").command()).isNull();
        assertThat(verdict(decisionFor("i2"), "reboot", "rate-global").passed()).isFalse();
        assertThat(decisionFor("i3").command()).isNotNull();
    }

    @Test
    void shouldEnforceThePerTargetActionsPerHourLimit() throws Exception {
        // Arrange: no cooldown, one action per target and hour
        harness.processBroadcastElement(
                policy(
                        "crash",
                        1,
                        crashLoopPolicy(
                                "cooldown: 0s\nmaxActionsPerHourPerTarget: 1\nmaxBlastRadius: 1.0")),
                0);
        open("i1", 1, List.of());
        clear("i1", 1);

        // Act
        open("i2", 1, List.of());

        // Assert
        Decision second = harness.extractOutputValues().get(1);
        assertThat(verdict(second, "reboot", "rate-target").passed()).isFalse();
        assertThat(verdict(second, "reboot", "cooldown").passed()).isTrue();
    }

    @Test
    void shouldIssueDryRunCommandsWhenThePolicyIsInDryRun() throws Exception {
        // Arrange
        harness.processBroadcastElement(
                policy("crash", 1, crashLoopPolicy(DEFAULT_GUARDS + "\ndryRun: true")), 0);

        // Act
        open("i1", 1, List.of());
        ActionCommand cmd = harness.extractOutputValues().get(0).command();
        result(cmd, CommandState.SUCCEEDED);

        // Assert: a plan is not an outcome
        assertThat(cmd.dryRun()).isTrue();
        assertThat(lastIncident("i1").state()).isEqualTo(IncidentState.OPEN);
        assertThat(side(RemediationController.EXPERIENCES)).isEmpty();
    }

    @Test
    void shouldMarkDestructiveActionsAsRequiringApproval() throws Exception {
        // Arrange
        harness.processBroadcastElement(
                policy(
                        "cpu",
                        1,
                        """
                        match: {anomalyKinds: [PATTERN]}
                        actions:
                          - {id: migrate, kind: PROXMOX, action: migrate, requiresApproval: true, params: {targetNode: pve2}}
                        """),
                0);

        // Act
        open("i1", 1, List.of());

        // Assert
        Decision d = harness.extractOutputValues().get(0);
        assertThat(d.command().requiresApproval()).isTrue();
        assertThat(verdict(d, "migrate", "approval").detail()).contains("destructive");
        assertThat(side(RemediationController.NOTIFICATIONS))
                .extracting(Notification::approvalKey)
                .contains(d.command().idempotencyKey());
    }
}
