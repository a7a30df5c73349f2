package org.ralf.simulator.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScenarioLoaderTest {

    private static final String VALID =
            """
            duration: 1h
            homelab:
              nodes: [{name: pve1}, {name: pve2}]
              guests:
                - {vmid: 101, name: web, node: pve1, services: [nginx]}
                - {vmid: 102, name: late, node: pve2, services: [gitea], present: false}
            faults:
              - {id: a, kind: crash-loop, entity: web/nginx, start: 5m, end: 10m}
            """;

    @Test
    void shouldLoadEveryBuiltInScenario() throws Exception {
        for (String name : ScenarioLoader.BUILT_IN) {
            Scenario s = ScenarioLoader.load(name);

            assertThat(s.name()).isEqualTo(name);
            assertThat(s.nodes()).isNotEmpty();
        }
    }

    @Test
    void shouldCoverEveryFaultKindAcrossTheBuiltInScenarios() throws Exception {
        Set<FaultKind> kinds = EnumSet.noneOf(FaultKind.class);
        for (String name : ScenarioLoader.BUILT_IN) {
            ScenarioLoader.load(name).faults().forEach(f -> kinds.add(f.kind()));
        }

        assertThat(kinds).containsExactlyInAnyOrder(FaultKind.values());
    }

    @Test
    void shouldKeepTheDefaultScenarioWithinFiveWallMinutesAtSixtyTimes() throws Exception {
        Scenario s = ScenarioLoader.load("default");

        assertThat(s.duration().dividedBy(60)).isLessThanOrEqualTo(Duration.ofMinutes(5));
        assertThat(s.faults()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldParseAValidScenarioWithDefaults() throws Exception {
        Scenario s = ScenarioLoader.parse("t", VALID);

        assertThat(s.name()).isEqualTo("t");
        assertThat(s.step()).isEqualTo(Duration.ofSeconds(15));
        assertThat(s.guests()).extracting(GuestSpec::present).containsExactly(true, false);
        assertThat(s.faults())
                .singleElement()
                .satisfies(
                        f -> {
                            assertThat(f.kind()).isEqualTo(FaultKind.CRASH_LOOP);
                            assertThat(f.start()).isEqualTo(Duration.ofMinutes(5));
                        });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "kind: crash-loop, entity: web/nginx, start: 5m, end: 10m, colour: red | faults[0].colour: unknown key",
                "kind: explode, entity: web, start: 5m, end: 10m | faults[0].kind: unknown fault kind 'explode' (known: crash-loop",
                "kind: crash-loop, entity: web/redis, start: 5m, end: 10m | faults[0].entity: unknown service 'web/redis'",
                "kind: crash-loop, entity: web, start: 5m, end: 10m | faults[0].entity: crash-loop needs a service (guest/service), got 'web'",
                "kind: host-down, entity: web, start: 5m, end: 10m | faults[0].entity: host-down needs a Proxmox node, got 'web'",
                "kind: new-host, entity: web, start: 5m, end: 10m | faults[0].entity: new-host needs a node or guest declared with present: false",
                "kind: pbs-appears, entity: late, start: 5m, end: 10m | faults[0].entity: pbs-appears needs an absent guest running service 'proxmox-backup'",
                "kind: disk-fill, entity: nobody, start: 5m, end: 10m | faults[0].entity: unknown entity 'nobody'",
                "kind: disk-fill, entity: web, start: 10m, end: 5m | faults[0].end: must be after start (PT10M), was PT5M",
                "kind: disk-fill, entity: web, start: 2h, end: 3h | faults[0].start: must be within [0, duration)",
                "kind: disk-fill, entity: web, start: soon, end: 3h | faults[0].start: must be a duration like 90s",
                "kind: disk-fill, entity: web, start: 5m, end: 10m, params: {rate: fast} | faults[0].params.rate: must be a number",
            })
    void shouldRejectAnInvalidFaultNamingTheField(String fault, String message) {
        String yaml =
                VALID.replace("kind: crash-loop, entity: web/nginx, start: 5m, end: 10m", fault);

        assertThatThrownBy(() -> ScenarioLoader.parse("bad", yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("scenario 'bad': " + message);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{vmid: 101, name: web, node: pve9, services: [nginx]} | homelab.guests[0].node: unknown node 'pve9'",
                "{vmid: 101, name: web, node: pve1, services: [redis]} | homelab.guests[0].services[0]: unknown service 'redis'",
                "{vmid: 101, name: web, node: pve1, type: docker} | homelab.guests[0].type: must be qemu or lxc",
                "{vmid: 42, name: web, node: pve1} | homelab.guests[0].vmid: must be a unique id >= 100",
                "{vmid: 101, name: Web_1, node: pve1} | homelab.guests[0].name: must be a host name",
            })
    void shouldRejectAnInvalidGuestNamingTheField(String guest, String message) {
        String yaml =
                VALID.replace("{vmid: 101, name: web, node: pve1, services: [nginx]}", guest)
                        .replace(
                                "faults:\n  - {id: a, kind: crash-loop, entity: web/nginx, start: 5m, end: 10m}\n",
                                "");

        assertThatThrownBy(() -> ScenarioLoader.parse("bad", yaml))
                .isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith("scenario 'bad': " + message);
    }

    @Test
    void shouldRejectAMissingDurationAndBrokenYaml() {
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "faults: []\n"))
                .hasMessage("scenario 'bad': duration: is required");
        assertThatThrownBy(() -> ScenarioLoader.parse("bad", "duration: [1h\n"))
                .hasMessageStartingWith("scenario 'bad': not valid YAML");
        assertThatThrownBy(() -> ScenarioLoader.load("no-such-scenario"))
                .hasMessageContaining("unknown scenario 'no-such-scenario' (built-in: [default");
    }

    @Test
    void shouldRejectDuplicateFaultIds() {
        String yaml = VALID + "  - {id: a, kind: disk-fill, entity: web, start: 5m, end: 10m}\n";

        assertThatThrownBy(() -> ScenarioLoader.parse("bad", yaml))
                .hasMessageStartingWith("scenario 'bad': faults[1].id: must be a unique word");
    }
}
