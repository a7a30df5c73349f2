package org.ralf.executor.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an external program from an argument list (never through a shell, so no string from a
 * command is ever parsed as shell syntax), with a minimal environment, output captured to files,
 * and a timeout that kills the whole process tree.
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);

    /**
     * Variables passed through from the executor's environment; everything else (secrets!) is not.
     */
    private static final List<String> PASS_THROUGH =
            List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "TZ");

    /** Output beyond this many bytes is not read into memory. */
    private static final long MAX_READ = 64L * 1024 * 1024;

    /**
     * How a process ended.
     *
     * @param exitCode exit code (-1 when killed after the timeout)
     * @param timedOut whether the timeout killed it
     * @param stdout standard output
     * @param stderr standard error
     */
    public record Result(int exitCode, boolean timedOut, String stdout, String stderr) {}

    /**
     * Runs a program to completion or timeout.
     *
     * @param args program and arguments, each passed to the OS as one argument
     * @param workDir working directory
     * @param extraEnv variables added to the minimal environment
     * @param outDir where {@code <name>.stdout} / {@code <name>.stderr} are written
     * @param name file name stem of the captured output
     * @param timeout time after which the process tree is killed
     * @param listener told when the process has started
     */
    public Result run(
            List<String> args,
            Path workDir,
            Map<String, String> extraEnv,
            Path outDir,
            String name,
            Duration timeout,
            RunListener listener)
            throws IOException, InterruptedException {
        Files.createDirectories(outDir);
        Path out = outDir.resolve(name + ".stdout");
        Path err = outDir.resolve(name + ".stderr");
        ProcessBuilder pb = new ProcessBuilder(args).directory(workDir.toFile());
        Map<String, String> env = pb.environment();
        Map<String, String> parent = Map.copyOf(env);
        env.clear();
        for (String v : PASS_THROUGH) {
            if (parent.containsKey(v)) {
                env.put(v, parent.get(v));
            }
        }
        env.putAll(extraEnv);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        listener.started();
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            killTree(p);
            throw e;
        }
        if (!finished) {
            LOG.warn(
                    "{} (pid {}) exceeded its timeout of {}; killing its process tree",
                    args.get(0),
                    p.pid(),
                    timeout);
            killTree(p);
        }
        return new Result(finished ? p.exitValue() : -1, !finished, read(out), read(err));
    }

    /**
     * Kills a process and all its descendants. The tree is captured before the parent dies, because
     * orphans are re-parented and no longer show up as its descendants afterwards.
     */
    public static void killTree(Process p) throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        p.destroyForcibly();
        for (ProcessHandle h : tree) {
            // Grandchildren forked after the snapshot are still descendants of their own parent.
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        }
        p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String read(Path file) throws IOException {
        long size = Files.size(file);
        if (size <= MAX_READ) {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        }
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes((int) MAX_READ), StandardCharsets.UTF_8);
        }
    }
}
