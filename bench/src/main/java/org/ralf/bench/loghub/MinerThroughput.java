package org.ralf.bench.loghub;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.ralf.models.logs.MinerConfig;
import org.ralf.models.logs.TemplateMiner;

/**
 * Single-thread throughput of the {@link TemplateMiner} alone over the Content lines of a Loghub
 * folder (same layout as {@link LoghubBenchmark}): no I/O, no CSV parsing, no scoring inside the
 * timed region.
 *
 * <p>Method: all Content lines are loaded into memory per system. A pass feeds every system's lines
 * in LineId order to a fresh miner per system (so each pass includes learning the templates from
 * scratch, the expensive case). Three untimed warm-up passes let the JIT compile the hot path; then
 * {@code repetitions} timed passes on the calling thread; the figure is total lines / wall-clock
 * seconds. The rate per CPU-second of the measuring thread is printed beside it (it hides waiting
 * for a core on a shared machine, but also leaves out garbage-collector threads). A second figure,
 * "warm", feeds the same lines again to miners that already know the templates (the steady state of
 * a long-running source).
 */
public final class MinerThroughput {

    private static final int WARMUP_PASSES = 3;

    private MinerThroughput() {}

    /**
     * Measures and prints lines per second.
     *
     * @param dataDir Loghub folder with {@code <S>/<S>_2k.log_structured.csv} files
     * @param repetitions number of timed passes, at least 1
     * @param out report stream
     * @return wall-clock lines per second of the cold (fresh miner) passes on one thread
     */
    public static double run(Path dataDir, int repetitions, PrintStream out) {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be >= 1: " + repetitions);
        }
        List<List<String>> systems;
        List<String> names = new ArrayList<>();
        try {
            systems = load(dataDir, names);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        long linesPerPass = systems.stream().mapToLong(List::size).sum();
        if (linesPerPass == 0) {
            throw new IllegalArgumentException("no Loghub lines under " + dataDir);
        }
        long sink = 0;
        for (int i = 0; i < WARMUP_PASSES; i++) {
            sink += pass(systems, names, null);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long start = System.nanoTime();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        for (int i = 0; i < repetitions; i++) {
            sink += pass(systems, names, null);
        }
        double coldSeconds = (System.nanoTime() - start) / 1e9;
        double coldCpuSeconds = cpuTime ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : 0;
        double cold = linesPerPass * (double) repetitions / coldSeconds;
        double coldCpu = cpuTime ? linesPerPass * (double) repetitions / coldCpuSeconds : cold;

        List<TemplateMiner> trained = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            TemplateMiner m = new TemplateMiner(names.get(s), MinerConfig.DEFAULT);
            feed(m, systems.get(s));
            trained.add(m);
        }
        for (int i = 0; i < WARMUP_PASSES; i++) {
            sink += pass(systems, names, trained);
        }
        start = System.nanoTime();
        cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        for (int i = 0; i < repetitions; i++) {
            sink += pass(systems, names, trained);
        }
        double warm = linesPerPass * (double) repetitions / ((System.nanoTime() - start) / 1e9);
        double warmCpu =
                cpuTime
                        ? linesPerPass
                                * (double) repetitions
                                / ((threads.getCurrentThreadCpuTime() - cpuStart) / 1e9)
                        : warm;

        out.printf(
                Locale.ROOT,
                "Miner throughput, one thread, %d systems, %d lines per pass, %d warm-up + %d timed"
                        + " passes (JVM %s, %d cores available; checksum %d)%n",
                systems.size(),
                linesPerPass,
                WARMUP_PASSES,
                repetitions,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                sink);
        out.printf(
                Locale.ROOT,
                "cold (fresh miner per system and pass, learning included): %.0f lines/s wall"
                        + " clock, %.0f lines/s per CPU-second of the measuring thread%n",
                cold,
                coldCpu);
        out.printf(
                Locale.ROOT,
                "warm (templates already known): %.0f lines/s wall clock, %.0f lines/s per"
                        + " CPU-second%n",
                warm,
                warmCpu);
        out.printf(
                Locale.ROOT,
                "Wall clock is the figure (conservative: it also counts time the thread waited for a"
                        + " core on a shared machine). The CPU-second rate excludes that wait but"
                        + " also the garbage collector's threads, so it overstates a dedicated"
                        + " core.%n");
        out.printf(Locale.ROOT, "%.0f%n", cold);
        return cold;
    }

    private static long pass(
            List<List<String>> systems, List<String> names, @Nullable List<TemplateMiner> trained) {
        long sink = 0;
        for (int s = 0; s < systems.size(); s++) {
            TemplateMiner m =
                    trained != null
                            ? trained.get(s)
                            : new TemplateMiner(names.get(s), MinerConfig.DEFAULT);
            sink += feed(m, systems.get(s));
        }
        return sink;
    }

    private static long feed(TemplateMiner m, List<String> lines) {
        long sink = 0;
        Instant at = Instant.EPOCH;
        for (String line : lines) {
            sink += m.add(line, at).templateId().length();
        }
        return sink;
    }

    private static List<List<String>> load(Path dataDir, List<String> names) throws IOException {
        List<List<String>> systems = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dataDir)) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                Path f = dir.resolve(dir.getFileName() + "_2k.log_structured.csv");
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                List<Map<String, String>> rows = LoghubBenchmark.readCsv(f);
                rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("LineId").strip())));
                List<String> lines = new ArrayList<>(rows.size());
                for (Map<String, String> r : rows) {
                    String c = r.get("Content");
                    if (c == null) {
                        throw new IOException(f + " has no column Content");
                    }
                    lines.add(c);
                }
                systems.add(lines);
                names.add(dir.getFileName().toString());
            }
        }
        return systems;
    }
}
