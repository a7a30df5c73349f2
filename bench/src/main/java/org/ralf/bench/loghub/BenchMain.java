package org.ralf.bench.loghub;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Developer entry point until the {@code ralf bench loghub} command calls the API directly: {@code
 * loghub DATA_DIR OUT_DIR} runs {@link LoghubBenchmark}, {@code throughput DATA_DIR [REPS]} runs
 * {@link MinerThroughput}.
 */
public final class BenchMain {

    private BenchMain() {}

    /**
     * Runs one benchmark.
     *
     * @param args {@code loghub DATA OUT} or {@code throughput DATA [REPS]}
     * @throws IOException when the data cannot be read or the output written
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("loghub")) {
            LoghubBenchmark.run(Path.of(args[1]), Path.of(args[2]), System.out);
        } else if (args.length >= 2 && args[0].equals("throughput")) {
            int reps = args.length >= 3 ? Integer.parseInt(args[2]) : 10;
            MinerThroughput.run(Path.of(args[1]), reps, System.out);
        } else {
            System.err.println(
                    "usage: loghub DATA_DIR OUT_DIR | throughput DATA_DIR [REPETITIONS]");
            System.exit(2);
        }
    }
}
