package org.ralf.cli.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.simulator.Progress;
import org.ralf.simulator.SimulatorListener;
import org.ralf.simulator.score.FaultOutcome;
import org.ralf.simulator.score.Report;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * The live timeline of a demo run: fault injected → anomaly detected (with its delay) → command
 * issued → executed → recovery, plus a progress line. It hears the simulator (faults, applied
 * Proxmox actions) and what the pipeline wrote to Kafka (anomalies, commands, results), and keeps
 * the anomalies and commands for the final report.
 *
 * <p>Every line starts with the wall time since the demo started and the simulated time since the
 * scenario started ({@code [01:12 | T+01:10]}). Thread-safe: the simulator thread and the Kafka
 * watcher call it concurrently.
 */
public final class DemoTimeline implements SimulatorListener {

    private final PrintStream out;
    private final Instant wallStart;
    private final Function<List<Anomaly>, Report> scorer;
    private final Duration progressEvery;
    private final List<Anomaly> anomalies = new ArrayList<>();
    private final Set<String> anomalyIds = new HashSet<>();
    private final Map<String, ActionCommand> commands = new LinkedHashMap<>();
    private final Map<String, CommandResult> results = new LinkedHashMap<>();
    private final Set<String> announcedDetections = new HashSet<>();
    @Nullable private Instant simStart;
    @Nullable private Instant simWallStart;
    @Nullable private Instant simEnd;
    private double speed;
    private boolean dirty;
    private Instant lastProgress;
    private int faultsStarted;
    private int recovered;

    /**
     * Creates a timeline.
     *
     * @param out where lines go
     * @param wallStart wall instant the demo started (the first column counts from it)
     * @param scorer scores the anomalies so far against the simulator's ground truth
     * @param progressEvery wall interval of the progress line
     */
    public DemoTimeline(
            PrintStream out,
            Instant wallStart,
            Function<List<Anomaly>, Report> scorer,
            Duration progressEvery) {
        this.out = out;
        this.wallStart = wallStart;
        this.scorer = scorer;
        this.progressEvery = progressEvery;
        this.lastProgress = wallStart;
    }

    /** The simulation starts now: maps wall time to simulated time from here on. */
    public synchronized void simulationStarted(
            Instant simulatedStart, Instant simulatedEnd, double simSpeed) {
        this.simStart = simulatedStart;
        this.simEnd = simulatedEnd;
        this.simWallStart = Instant.now();
        this.speed = simSpeed;
        line("START", "simulation started at " + simulatedStart + " (" + fmtSpeed() + ")");
    }

    private String fmtSpeed() {
        return speed <= 0 ? "unpaced" : String.format(Locale.ROOT, "%.0fx real time", speed);
    }

    /** A free-form line (start-up steps). */
    public synchronized void info(String text) {
        line("", text);
    }

    @Override
    public synchronized void faultChanged(GroundTruthFault f) {
        if (f.end() == null) {
            faultsStarted++;
            line("FAULT", f.faultId() + ": " + f.kind() + " injected on " + f.entity());
            return;
        }
        String by = f.endedBy() == null ? "schedule" : f.endedBy();
        if (by.startsWith("action:")) {
            recovered++;
            line(
                    "RECOVERED",
                    f.faultId()
                            + " ended by "
                            + by.substring("action:".length())
                            + " after "
                            + simDuration(Duration.between(f.start(), f.end()))
                            + " (simulated)");
        } else {
            line("ENDED", f.faultId() + " ended on schedule (not remediated)");
        }
    }

    @Override
    public synchronized void actionApplied(ActionRecord a) {
        line(
                "PROXMOX",
                a.action()
                        + " of "
                        + a.guest()
                        + " (vmid "
                        + a.vmid()
                        + ") on "
                        + a.node()
                        + ": "
                        + a.exitStatus());
    }

    @Override
    public void finished(Progress p) {
        synchronized (this) {
            line(
                    "END",
                    (simEnd != null && p.simTime().isBefore(simEnd.minusSeconds(60))
                                    ? "simulation stopped early at "
                                    : "simulation finished at ")
                            + p.simTime()
                            + (p.failure() == null ? "" : " with failure: " + p.failure()));
        }
    }

    /** An anomaly the pipeline committed to {@code ralf.anomalies}. */
    public synchronized void anomaly(Anomaly a) {
        if (anomalyIds.add(a.anomalyId())) {
            anomalies.add(a);
            dirty = true;
        }
    }

    /** A command the remediation job committed to {@code ralf.commands}. */
    public synchronized void command(ActionCommand c) {
        if (commands.putIfAbsent(c.idempotencyKey(), c) != null) {
            return;
        }
        line(
                "COMMAND",
                c.kind()
                        + " "
                        + c.action()
                        + " on "
                        + c.target()
                        + (c.requiresApproval() ? " (awaits approval)" : "")
                        + (c.dryRun() ? " (dry-run)" : "")
                        + ": "
                        + abbreviate(c.reason(), 110));
    }

    /** A result the executor published to {@code ralf.command-results}. */
    public synchronized void result(CommandResult r) {
        CommandResult before = results.put(r.commandId() + "/" + r.state(), r);
        if (before != null) {
            return;
        }
        String took =
                r.startedAt() == null
                        ? ""
                        : String.format(
                                Locale.ROOT,
                                " in %.1f s",
                                Duration.between(r.startedAt(), r.finishedAt()).toMillis()
                                        / 1000.0);
        line(
                "EXECUTOR",
                r.action()
                        + " on "
                        + r.target()
                        + " → "
                        + r.state()
                        + took
                        + (r.reason().isBlank() ? "" : " (" + abbreviate(r.reason(), 90) + ")"));
    }

    /**
     * Announces faults that became detected since the last call and, every {@code progressEvery},
     * prints a progress line. Called by the watcher after each poll.
     */
    public synchronized void tick(Instant now) {
        if (dirty) {
            dirty = false;
            Report r = scorer.apply(List.copyOf(anomalies));
            for (FaultOutcome f : r.faults()) {
                if (f.detected() && announcedDetections.add(f.id())) {
                    line(
                            "DETECTED",
                            f.id()
                                    + " by "
                                    + f.detectedBy()
                                    + (f.delaySeconds() == null
                                            ? ""
                                            : " "
                                                    + simDuration(
                                                            Duration.ofMillis(
                                                                    Math.round(
                                                                            f.delaySeconds()
                                                                                    * 1000)))
                                                    + " after injection (simulated)"));
                }
            }
        }
        if (Duration.between(lastProgress, now).compareTo(progressEvery) >= 0) {
            lastProgress = now;
            line(
                    "PROGRESS",
                    String.format(
                            Locale.ROOT,
                            "faults %d (detected %d, recovered %d) · anomalies %d · commands %d ·"
                                    + " results %d",
                            faultsStarted,
                            announcedDetections.size(),
                            recovered,
                            anomalies.size(),
                            commands.size(),
                            results.size()));
        }
    }

    /** The anomalies seen so far. */
    public synchronized List<Anomaly> anomalies() {
        return List.copyOf(anomalies);
    }

    /** The commands seen so far (first per idempotency key). */
    public synchronized List<ActionCommand> commands() {
        return List.copyOf(commands.values());
    }

    /** The results seen so far (one per command and state). */
    public synchronized List<CommandResult> results() {
        return List.copyOf(results.values());
    }

    private void line(String tag, String text) {
        Instant now = Instant.now();
        String wall = clock(Duration.between(wallStart, now));
        String sim = "--:--";
        if (simStart != null && simWallStart != null && speed > 0) {
            Duration d = Duration.between(simWallStart, now);
            sim = "T+" + clock(Duration.ofMillis(Math.round(d.toMillis() * speed)));
        }
        out.printf(Locale.ROOT, "[%s | %8s] %-9s %s%n", wall, sim, tag, text);
        out.flush();
    }

    /** {@code mm:ss} (or {@code h:mm:ss} past an hour). */
    static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    /** A duration in words: {@code 45 s}, {@code 3 min 15 s}, {@code 1 h 05 min}. */
    public static String simDuration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    private static String abbreviate(String s, int max) {
        String one = s.replace('\n', ' ');
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
