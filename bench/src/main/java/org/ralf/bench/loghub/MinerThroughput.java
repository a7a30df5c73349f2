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
        Rates cold = rates(systems, names, null, repetitions, linesPerPass);
        List<TemplateMiner> trained = new ArrayList<>();
        for (int s = 0; s < systems.size(); s++) {
            TemplateMiner m = new TemplateMiner(names.get(s), MinerConfig.DEFAULT);
            feed(m, systems.get(s));
            trained.add(m);
        }
        Rates warm = rates(systems, names, trained, repetitions, linesPerPass);
        long sink = cold.checksum() + warm.checksum();
        print(out, systems.size(), linesPerPass, repetitions, sink, cold, warm);
        return cold.wall();
    }

    /**
     * Lines per second of one kind of pass.
     *
     * @param wall per wall-clock second
     * @param cpu per CPU-second of the measuring thread (the wall rate if CPU time is unsupported)
     * @param checksum what the passes returned, so that the JIT cannot drop them
     */
    private record Rates(double wall, double cpu, long checksum) {}

    /** Warm-up passes, then the timed ones; {@code trained} null = a fresh miner per pass. */
    private static Rates rates(
            List<List<String>> systems,
            List<String> names,
            @Nullable List<TemplateMiner> trained,
            int repetitions,
            long linesPerPass) {
        long sink = 0;
        for (int i = 0; i < WARMUP_PASSES; i++) {
            sink += pass(systems, names, trained);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        long start = System.nanoTime();
        long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
        for (int i = 0; i < repetitions; i++) {
            sink += pass(systems, names, trained);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = cpuTime ? (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9 : 0;
        double wall = linesPerPass * (double) repetitions / seconds;
        double cpu = cpuTime ? linesPerPass * (double) repetitions / cpuSeconds : wall;
        return new Rates(wall, cpu, sink);
    }

    private static void print(
            PrintStream out,
            int systems,
            long linesPerPass,
            int repetitions,
            long sink,
            Rates cold,
            Rates warm) {
        out.printf(
                Locale.ROOT,
                "Miner throughput, one thread, %d systems, %d lines per pass, %d warm-up + %d timed"
                        + " passes (JVM %s, %d cores available; checksum %d)%n",
                systems,
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
                cold.wall(),
                cold.cpu());
        out.printf(
                Locale.ROOT,
                "warm (templates already known): %.0f lines/s wall clock, %.0f lines/s per"
                        + " CPU-second%n",
                warm.wall(),
                warm.cpu());
        out.printf(
                Locale.ROOT,
                "Wall clock is the figure (conservative: it also counts time the thread waited for a"
                        + " core on a shared machine). The CPU-second rate excludes that wait but"
                        + " also the garbage collector's threads, so it overstates a dedicated"
                        + " core.%n");
        out.printf(Locale.ROOT, "%.0f%n", cold.wall());
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
