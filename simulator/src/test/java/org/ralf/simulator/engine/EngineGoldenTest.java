package org.ralf.simulator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.ralf.simulator.scenario.FaultKind;
import org.ralf.simulator.scenario.FaultSpec;
import org.ralf.simulator.scenario.NodeSpec;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Guards the engine's output byte for byte: every shipped scenario runs with two seeds, once on its
 * own and once with a scripted series of Proxmox actions (reboots into active faults, a migration
 * off an imbalanced node, stop/start/shutdown, failed and unknown tasks), and the SHA-256 of every
 * emitted event and of the ground truth must equal the digests recorded from the engine before its
 * split into fault behaviours and emitters ({@code engine-golden.sha256}).
 *
 * <p>The text hashed is canonical across JVMs: {@code Map.copyOf} iterates in a per-JVM random
 * order, so inventory rows and fault parameters are written sorted. Set the system property {@code
 * ralf.engine.golden.dir} to also write the texts there ({@code sha256sum -c} checks them against
 * the golden file); after an intended change of the output, regenerate the golden file from them.
 */
class EngineGoldenTest {

    private static final List<String> SCENARIOS =
            List.of("default", "infrastructure", "capacity", "deployments", "smoke");
    private static final long[] SEEDS = {42, 7};
    private static final String GOLDEN = "engine-golden.sha256";

    @Test
    void shouldReproduceTheRecordedEventsAndGroundTruthOfEveryShippedScenario() throws Exception {
        Path dir = outputDir();
        List<String> actual = new ArrayList<>();
        for (String name : SCENARIOS) {
            Scenario s = ScenarioLoader.load(name);
            for (long seed : SEEDS) {
                for (boolean withActions : new boolean[] {false, true}) {
                    String run = name + "-" + seed + (withActions ? "-actions" : "");
                    actual.addAll(run(s, seed, withActions, run, dir));
                }
            }
        }

        assertThat(actual).containsExactlyElementsOf(golden());
    }

    /** Runs one scenario; returns the sha256sum lines of its events and its ground truth. */
    private static List<String> run(
            Scenario s, long seed, boolean withActions, String run, @Nullable Path dir)
            throws IOException {
        try (HashingWriter events = new HashingWriter(dir, run + ".events.txt");
                HashingWriter truth = new HashingWriter(dir, run + ".truth.txt")) {
            Engine e = new Engine(s, seed, s.start(), ev -> events.line(canonical(ev)));
            Map<Long, List<ProxmoxAction>> script = withActions ? script(s, e) : Map.of();
            long tick = 0;
            while (!e.done()) {
                script.getOrDefault(tick, List.of()).forEach(e::submit);
                e.tick();
                tick++;
            }
            for (GroundTruthFault f : e.groundTruth()) {
                truth.line(canonical(f));
            }
            return List.of(events.sumLine(), truth.sumLine());
        }
    }

    /**
     * The actions of a run, by the tick before which they are submitted. Built before the first
     * tick from the initial placement, so that it depends only on the scenario.
     */
    private static Map<Long, List<ProxmoxAction>> script(Scenario s, Engine e) {
        Map<Long, List<ProxmoxAction>> out = new TreeMap<>();
        Map<String, Integer> vmids = e.vmids();
        List<String> guests = new ArrayList<>(vmids.keySet());
        String first = guests.get(0);
        String last = guests.get(guests.size() - 1);
        add(out, 10, new ProxmoxAction("snapshot", vmids.get(first), e.nodeOf(first), "OK"));
        add(out, 10, new ProxmoxAction("reboot", vmids.get(first), e.nodeOf(first), "failed"));
        add(out, 10, new ProxmoxAction("reboot", 9999, e.nodeOf(first), "OK"));
        add(out, 20, new ProxmoxAction("stop", vmids.get(last), e.nodeOf(last), "OK"));
        add(out, 24, new ProxmoxAction("start", vmids.get(last), e.nodeOf(last), "OK"));
        add(out, 28, new ProxmoxAction("shutdown", vmids.get(last), e.nodeOf(last), "OK"));
        add(out, 32, new ProxmoxAction("start", vmids.get(last), e.nodeOf(last), "OK"));
        add(out, 34, new ProxmoxAction("start", vmids.get(last), e.nodeOf(last), "OK"));
        long step = s.step().toMillis();
        for (FaultSpec f : s.faults()) {
            long mid = (f.start().toMillis() + (f.end().toMillis() - f.start().toMillis()) / 2);
            long at = mid / step;
            String entity = f.entity();
            String guest = entity.contains("/") ? entity.substring(0, entity.indexOf('/')) : entity;
            if (f.kind() == FaultKind.LOAD_IMBALANCE) {
                String moved =
                        guests.stream().filter(g -> e.nodeOf(g).equals(entity)).findFirst().get();
                String to =
                        s.nodes().stream()
                                .map(NodeSpec::name)
                                .filter(n -> !n.equals(entity))
                                .findFirst()
                                .get();
                add(out, at, new ProxmoxAction("migrate", vmids.get(moved), to, "OK"));
            } else if (vmids.containsKey(guest)) {
                add(out, at, new ProxmoxAction("reboot", vmids.get(guest), e.nodeOf(guest), "OK"));
            }
        }
        return out;
    }

    private static void add(Map<Long, List<ProxmoxAction>> m, long tick, ProxmoxAction a) {
        m.computeIfAbsent(tick, k -> new ArrayList<>()).add(a);
    }

    private static String canonical(SimEvent e) {
        if (e instanceof SimEvent.Inventory i) {
            return "Inventory[time=%s, table=%s, row=%s]"
                    .formatted(i.time(), i.table(), new TreeMap<>(i.row()));
        }
        if (e instanceof SimEvent.Fault f) {
            return "Fault[time=%s, fault=%s]".formatted(f.time(), canonical(f.fault()));
        }
        return e.toString();
    }

    private static String canonical(GroundTruthFault f) {
        return "GroundTruthFault[faultId=%s, scenario=%s, kind=%s, entity=%s, affected=%s, start=%s, scheduledEnd=%s, end=%s, endedBy=%s, params=%s]"
                .formatted(
                        f.faultId(),
                        f.scenario(),
                        f.kind(),
                        f.entity(),
                        f.affected(),
                        f.start(),
                        f.scheduledEnd(),
                        f.end(),
                        f.endedBy(),
                        new TreeMap<>(f.params()));
    }

    @Nullable
    private static Path outputDir() throws IOException {
        String dir = System.getProperty("ralf.engine.golden.dir");
        if (dir == null || dir.isBlank()) {
            return null;
        }
        return Files.createDirectories(Path.of(dir));
    }

    private static List<String> golden() throws IOException {
        try (InputStream in = EngineGoldenTest.class.getResourceAsStream(GOLDEN)) {
            assertThat(in).as(GOLDEN).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Lines hashed with SHA-256 and, given a directory, written to a file there. */
    private static final class HashingWriter implements AutoCloseable {
        private final MessageDigest digest;
        private final String file;
        @Nullable private final Writer out;

        HashingWriter(@Nullable Path dir, String file) throws IOException {
            try {
                this.digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
            this.file = file;
            this.out =
                    dir == null
                            ? null
                            : new BufferedWriter(
                                    Files.newBufferedWriter(
                                            dir.resolve(file), StandardCharsets.UTF_8));
        }

        void line(String text) {
            byte[] bytes = (text + "\n").getBytes(StandardCharsets.UTF_8);
            digest.update(bytes);
            if (out != null) {
                try {
                    out.write(text);
                    out.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }

        /** The line {@code sha256sum} prints for the file. */
        String sumLine() {
            return HexFormat.of().formatHex(digest.digest()) + "  " + file;
        }

        @Override
        public void close() throws IOException {
            if (out != null) {
                out.close();
            }
        }
    }
}
