package org.ralf.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ralf.bench.loghub.LoghubBenchmark;
import org.ralf.bench.loghub.LoghubCrossValidation;
import org.ralf.bench.loghub.MinerThroughput;
import org.ralf.bench.nab.NabBenchmark;
import org.ralf.bench.nab.NabCrossValidation;
import org.ralf.pipelines.detect.DetectStreamSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ralf bench ...}: quality and performance benchmarks. Each prints how it measured and ends
 * with its headline figure as a bare number on the last line.
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "bench",
        description =
                "Benchmarks (quality on public datasets, throughput and latency on the stack).",
        subcommands = {
            BenchCommand.Nab.class,
            BenchCommand.Loghub.class,
            BenchCommand.Miner.class,
            BenchCommand.Executor.class,
            BenchCommand.Ingest.class,
            BenchCommand.Cdc.class,
            BenchCommand.Pipeline.class,
            BenchCommand.LogPatterns.class
        })
final class BenchCommand {

    static Path requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(what + " is not a directory: " + dir);
        }
        return dir;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "nab",
            description =
                    "Numenta Anomaly Benchmark: run the detectors over every data/<category>/<name>.csv,"
                            + " write OUT/<category>/<name>.csv with anomaly_score, print the scores of"
                            + " the three profiles; last line: the standard score.")
    static final class Nab implements Callable<Integer> {
        @Option(
                names = "--data",
                required = true,
                description = "NAB-layout folder (data/, labels/)")
        Path data;

        @Option(names = "--out", required = true, description = "output folder")
        Path out;

        @Option(
                names = "--job-defaults",
                hidden = true,
                description =
                        "no-op, kept for old scripts: the detect job and this benchmark run the same"
                                + " detector defaults")
        boolean jobDefaults;

        @Option(
                names = "--cv",
                description =
                        "leave-one-category-out cross-validation over a small grid of detector"
                                + " configurations (candidate and threshold chosen on the other"
                                + " categories); writes OUT/nab-cv.csv; last line: the mean CV"
                                + " standard score")
        boolean cv;

        @Override
        public Integer call() throws Exception {
            if (cv) {
                NabCrossValidation.run(requireDirectory(data, "--data"), out, System.out);
                return 0;
            }
            if (jobDefaults) {
                System.err.println(
                        "note: --job-defaults is a no-op: the detect job and ralf bench nab run the"
                                + " same configuration, DetectorConfig.defaults()");
            }
            // The detector configuration of the detect job's defaults, i.e.
            // DetectorConfig.defaults()
            // (DetectStreamSettingsTest): the benchmark scores exactly what every series of the job
            // runs.
            NabBenchmark.run(
                    requireDirectory(data, "--data"),
                    out,
                    System.out,
                    DetectStreamSettings.defaults().detector());
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "loghub",
            description =
                    "Loghub-2k: mine templates from every <System>/<System>_2k.log_structured.csv"
                            + " (Content column only), write OUT/<System>/..., print GA and PA per"
                            + " system; last line: the mean grouping accuracy.")
    static final class Loghub implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Loghub-2k layout folder")
        Path data;

        @Option(names = "--out", required = true, description = "output folder")
        Path out;

        @Option(
                names = "--cv",
                description =
                        "leave-one-system-out cross-validation over a small grid of miner"
                                + " configurations; writes OUT/loghub-cv.csv; last line: the mean"
                                + " CV grouping accuracy")
        boolean cv;

        @Override
        public Integer call() throws Exception {
            if (cv) {
                LoghubCrossValidation.run(requireDirectory(data, "--data"), out, System.out);
                return 0;
            }
            LoghubBenchmark.run(requireDirectory(data, "--data"), out, System.out);
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "miner",
            description =
                    "Template miner throughput, single thread, over the Loghub-2k Content lines;"
                            + " last line: lines per second.")
    static final class Miner implements Callable<Integer> {
        @Option(names = "--data", required = true, description = "Loghub-2k layout folder")
        Path data;

        @Option(
                names = "--repetitions",
                defaultValue = "20",
                description = "passes over the corpus (default: ${DEFAULT-VALUE})")
        int repetitions;

        @Override
        public Integer call() throws Exception {
            double rate =
                    MinerThroughput.run(requireDirectory(data, "--data"), repetitions, System.out);
            System.out.printf("%.0f%n", rate);
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "executor",
            description =
                    "Executor on the local stack: no-op commands per second through the whole path,"
                            + " and the overhead from command consumed to process started.")
    static final class Executor implements Callable<Integer> {
        @Option(
                names = "--noop",
                defaultValue = "500",
                description = "no-op commands (default: ${DEFAULT-VALUE})")
        int noop;

        @Option(
                names = "--process",
                defaultValue = "50",
                description = "process-starting commands (default: ${DEFAULT-VALUE})")
        int process;

        @Override
        public Integer call() throws Exception {
            org.ralf.bench.executor.ExecutorBench.run(
                    ExecutorCommand.localConfig(false), noop, process, System.out);
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "ingest",
            description =
                    "remote_write samples/s and syslog TCP lines/s into the local broker (counted"
                            + " when Kafka acknowledged them).")
    static final class Ingest implements Callable<Integer> {
        @Option(
                names = "--samples",
                defaultValue = "2000000",
                description = "remote_write samples (default: ${DEFAULT-VALUE})")
        int samples;

        @Option(
                names = "--lines",
                defaultValue = "1000000",
                description = "syslog lines (default: ${DEFAULT-VALUE})")
        int lines;

        @Option(
                names = "--clients",
                defaultValue = "4",
                description = "concurrent senders (default: ${DEFAULT-VALUE})")
        int clients;

        @Override
        public Integer call() throws Exception {
            org.ralf.bench.ingest.IngestBench.main(
                    new String[] {
                        StackConnection.load().kafkaBootstrap(),
                        String.valueOf(samples),
                        String.valueOf(lines),
                        String.valueOf(clients)
                    });
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "cdc",
            description =
                    "PostgreSQL CDC on the local stack: changes/s and commit-to-Kafka latency"
                            + " (median, p99).")
    static final class Cdc implements Callable<Integer> {
        @Option(
                names = "--rows",
                defaultValue = "3000",
                description = "rows to insert (default: ${DEFAULT-VALUE})")
        int rows;

        @Option(
                names = "--rate",
                defaultValue = "100",
                description =
                        "rows per second, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
        int rate;

        @Override
        public Integer call() throws Exception {
            StackConnection c = StackConnection.load();
            // the bench creates and drops its own replication slot: that needs the superuser
            java.util.Properties p = new java.util.Properties();
            try (var in =
                    java.nio.file.Files.newInputStream(
                            RalfCli.home().resolve("connection.properties"))) {
                p.load(in);
            }
            var cdc = org.ralf.connectors.cdc.CdcOptions.settings(LocalStack.config());
            var bench =
                    org.ralf.bench.cdc.CdcBench.run(
                            new org.ralf.bench.cdc.CdcBench.Settings(
                                    c.pgUrl(),
                                    p.getProperty("pg.superuser"),
                                    p.getProperty("pg.superuser.password"),
                                    cdc,
                                    rows,
                                    10,
                                    rate));
            System.out.println(bench.describe());
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "pipeline",
            description =
                    "Pass-through vs detect job on the same input through the local broker, then a"
                            + " live run with injected anomalies (latency p50/p99) and state bytes per"
                            + " series; last line: the detect/pass-through throughput ratio.")
    static final class Pipeline implements Callable<Integer> {
        @Option(
                names = "--samples",
                defaultValue = "2000000",
                description = "samples (default: ${DEFAULT-VALUE})")
        long samples;

        @Option(
                names = "--series",
                defaultValue = "10000",
                description = "series (default: ${DEFAULT-VALUE})")
        int series;

        @Option(
                names = "--rate",
                defaultValue = "10000",
                description = "live samples/s (default: ${DEFAULT-VALUE})")
        int rate;

        @Option(
                names = "--live-seconds",
                defaultValue = "60",
                description = "live run length (default: ${DEFAULT-VALUE})")
        int liveSeconds;

        @Option(
                names = "--repetitions",
                defaultValue = "3",
                description =
                        "throughput runs of each job, alternated; rates are their medians (default:"
                                + " ${DEFAULT-VALUE})")
        int repetitions;

        @Option(
                names = "--warmups",
                defaultValue = "2",
                description =
                        "rounds of both jobs before the measured runs, not counted (default:"
                                + " ${DEFAULT-VALUE})")
        int warmups;

        @Override
        public Integer call() throws Exception {
            var d =
                    org.ralf.bench.pipeline.PipelineBench.Settings.fromConnectionFile(
                            RalfCli.home().resolve("connection.properties"));
            var s =
                    d.withSize(
                                    samples,
                                    series,
                                    rate,
                                    java.time.Duration.ofSeconds(liveSeconds),
                                    Math.min(d.probes(), series))
                            .withRepetitions(warmups, repetitions);
            org.ralf.bench.pipeline.PipelineBench.run(s, System.out);
            return 0;
        }
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "logpatterns",
            description =
                    "The logpatterns job end to end through the local broker (Loghub-2k lines);"
                            + " last line: lines per second.")
    static final class LogPatterns implements Callable<Integer> {
        @Option(
                names = "--lines",
                defaultValue = "1000000",
                description = "lines (default: ${DEFAULT-VALUE})")
        int lines;

        @Override
        public Integer call() throws Exception {
            org.ralf.bench.pipeline.LogPatternsBench.main(
                    new String[] {
                        "--lines",
                        String.valueOf(lines),
                        "--connection",
                        RalfCli.home().resolve("connection.properties").toString(),
                        "--config",
                        LocalStack.configFile().toString()
                    });
            return 0;
        }
    }
}
