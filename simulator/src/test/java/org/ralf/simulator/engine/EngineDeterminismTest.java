package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ralf.simulator.emit.CollectingSink;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;

class EngineDeterminismTest {

    private static CollectingSink run(Scenario s, long seed) {
        CollectingSink sink = new CollectingSink();
        new Engine(s, seed, s.start(), sink).runToEnd();
        return sink;
    }

    @Test
    void shouldEmitTheSameSequenceForTheSameSeed() throws Exception {
        Scenario s = ScenarioLoader.load("smoke");

        CollectingSink a = run(s, 5);
        CollectingSink b = run(s, 5);

        assertThat(a.events()).isNotEmpty();
        assertThat(a.hash()).isEqualTo(b.hash());
        assertThat(a.events()).isEqualTo(b.events());
    }

    @Test
    void shouldEmitADifferentSequenceForAnotherSeed() throws Exception {
        Scenario s = ScenarioLoader.load("smoke");

        assertThat(run(s, 5).hash()).isNotEqualTo(run(s, 6).hash());
    }

    @Test
    void shouldKeepAnEntitysSeriesWhenAnotherEntityIsAdded() throws Exception {
        String base =
                """
                duration: 10m
                homelab:
                  nodes: [{name: pve1}, {name: pve2}]
                  guests:
                    - {vmid: 101, name: media, node: pve1, services: [jellyfin]}
                %s
                """;
        Scenario small = ScenarioLoader.parse("small", base.formatted(""));
        Scenario bigger =
                ScenarioLoader.parse(
                        "bigger",
                        base.formatted(
                                "    - {vmid: 102, name: git, node: pve2, services: [gitea]}"));

        List<String> a = mediaServiceSamples(run(small, 9));
        List<String> b = mediaServiceSamples(run(bigger, 9));

        assertThat(a).hasSizeGreaterThan(100);
        assertThat(b).isEqualTo(a);
    }

    /** Series, time and value of the service's samples (the source names the scenario). */
    private static List<String> mediaServiceSamples(CollectingSink sink) {
        return sink.metrics().stream()
                .filter(m -> m.labels().getOrDefault("service", "").equals("media/jellyfin"))
                .map(m -> m.seriesId() + " " + m.timestamp() + " " + m.value())
                .collect(Collectors.toList());
    }
}
