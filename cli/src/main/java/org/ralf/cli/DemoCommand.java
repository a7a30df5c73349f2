package org.ralf.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.ralf.cli.demo.DemoTimeline;
import org.ralf.cli.demo.KafkaWatcher;
import org.ralf.executor.config.ExecutorSettings;
import org.ralf.executor.config.Secret;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.schemas.serde.Json;
import org.ralf.schemas.topic.Topics;
import org.ralf.simulator.Simulator;
import org.ralf.simulator.SimulatorSettings;
import org.ralf.simulator.proxmox.FakeProxmox;
import org.ralf.simulator.scenario.Scenario;
import org.ralf.simulator.scenario.ScenarioLoader;
import org.ralf.simulator.score.FaultOutcome;
import org.ralf.simulator.score.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ralf demo}: the closed loop on the local stack, driven by the homelab simulator. Starts
 * the CDC connector, the executor (pointed at the simulator's Proxmox API), the detect, logpatterns
 * and remediation jobs on an embedded MiniCluster, then runs a scenario accelerated, prints a live
 * timeline and writes the report (Markdown and JSON) to {@code $RALF_HOME/reports/}.
 *
 * <p>Nothing in the demo decides anything: anomalies come from the detect and logpatterns jobs,
 * commands from the remediation job and the policies in {@code policies/}, actions from the
 * executor. The demo only watches (and, with {@code --approve}, answers approval requests as the
 * configured approver would).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "demo",
        description =
                "Run the full loop against the homelab simulator: faults are injected, detected,"
                        + " remediated through the executor and scored; prints a live timeline and"
                        + " writes the report to $RALF_HOME/reports/.")
final class DemoCommand implements Callable<Integer> {

    private static final DateTimeFormatter RUN_ID =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Configuration the demo runs with unless the environment says otherwise. */
    static final Map<String, String> DEMO_DEFAULTS =
            Map.of(
                    "RALF_DETECT_JOB_CHECKPOINT_INTERVAL", "2s",
                    "RALF_DETECT_JOB_IDLENESS", "10s",
                    "RALF_LOGPATTERNS_CHECKPOINT_INTERVAL", "2s",
                    "RALF_LOGPATTERNS_IDLENESS", "10s",
                    "RALF_REMEDIATION_CHECKPOINT_INTERVAL", "2s");

    @Option(
            names = "--scenario",
            defaultValue = "default",
            description =
                    "built-in scenario (default, infrastructure, capacity, deployments, smoke) or a"
                            + " .yaml path (default: ${DEFAULT-VALUE})")
    String scenario;

    @Option(
            names = "--speed",
            defaultValue = "75",
            description = "simulated seconds per wall second (default: ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--seed", description = "seed of the simulation (default: the scenario's)")
    @Nullable
    Long seed;

    @Option(
            names = "--no-executor",
            description = "do not start the executor: commands are issued but nothing runs them")
    boolean noExecutor;

    @Option(
            names = "--approve",
            description =
                    "act as the first configured approver and approve every command that asks"
                            + " for approval (default: such commands wait for a human)")
    boolean approve;

    @Option(
            names = "--drain",
            defaultValue = "20",
            description =
                    "seconds to keep watching after the simulation ends, for the last results"
                            + " (default: ${DEFAULT-VALUE})")
    int drainSeconds;

    @Option(
            names = "--slots",
            defaultValue = "8",
            description = "task slots of the embedded Flink cluster (default: ${DEFAULT-VALUE})")
    int slots;

    @Override
    public Integer call() throws Exception {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            System.err.println("ralf: --speed must be a positive number");
            return 2;
        }
        Instant wallStart = Instant.now();
        new StackCommand.Init().call();
        StackConnection conn = StackConnection.load();
        int policies = PoliciesCommand.load(RalfCli.root().resolve("policies"), conn);
        // an accelerated run compresses simulated minutes into wall seconds: checkpoints (when
        // exactly-once outputs become visible) and the idleness of a quiet partition are wall time,
        // so they are set short here; an explicit RALF_* variable still wins
        Map<String, String> defaults = new HashMap<>(DEMO_DEFAULTS);
        // the remediation job correlates in processing time: its quiet period (5 minutes in
        // production) shrinks with the speed, or one incident would swallow hours of simulation
        defaults.put("RALF_REMEDIATION_QUIET_PERIOD", Math.max(2, Math.round(300 / speed)) + "s");
        RalfConfig config = LocalStack.config(defaults);
        String runId = RUN_ID.format(wallStart) + "-" + safeName(scenario);
        Path reports = RalfCli.home().resolve("reports");
        Files.createDirectories(reports);

        List<AutoCloseable> started = new ArrayList<>();
        CountDownLatch interrupted = new CountDownLatch(1);
        Thread hook =
                new Thread(
                        () -> {
                            interrupted.countDown();
                            System.out.println("ralf: stopping (Ctrl-C)");
                            UpCommand.closeAll(started);
                        },
                        "ralf-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run(
                    config,
                    new java.util.TreeMap<>(defaults).toString(),
                    conn,
                    policies,
                    runId,
                    reports,
                    wallStart,
                    started,
                    interrupted);
        } finally {
            if (interrupted.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
                UpCommand.closeAll(started);
            }
        }
    }

    private int run(
            RalfConfig config,
            String accelerated,
            StackConnection conn,
            int policies,
            String runId,
            Path reports,
            Instant wallStart,
            List<AutoCloseable> started,
            CountDownLatch interrupted)
            throws Exception {
        Simulator sim = createSimulator(conn, reports, runId);
        started.add(sim);
        DemoTimeline timeline =
                new DemoTimeline(
                        System.out,
                        wallStart,
                        anomalies -> sim.report(anomalies),
                        Duration.ofSeconds(20));
        sim.addListener(timeline);
        Duration simulated = Duration.between(sim.simulatedStart(), sim.simulatedEnd());
        intro(timeline, sim, simulated, policies, accelerated);

        // the jobs resume from their consumer groups' offsets: move them to the topics' end so the
        // run is judged on its own data, not on a backlog of earlier runs
        fastForward(conn.kafkaBootstrap(), EmbeddedLoop.consumerGroups(config));
        started.add(ConnectorsCommand.start(config, List.of("cdc")));
        timeline.info("CDC connector started (inventory and policies → ralf.cdc.*)");
        // the executor section of ralf.yaml (approvers, signing keys), read once
        ExecutorSettings local = ExecutorCommand.localConfig(false);
        if (!noExecutor) {
            startExecutor(sim, local, timeline, started);
        }
        EmbeddedLoop loop = EmbeddedLoop.start(slots);
        started.add(loop);
        loop.startJobs(config);
        timeline.info(
                loop.jobCount()
                        + " jobs submitted to the embedded Flink cluster ("
                        + loop.rest()
                        + ")");
        String approver = null;
        if (approve) {
            approver = local.approvers().stream().sorted().findFirst().orElse(null);
        }
        if (!loop.awaitRunning(Duration.ofMinutes(2))) {
            timeline.info("the jobs' tasks were not all running after 2 minutes; starting anyway");
        }
        KafkaWatcher watcher = new KafkaWatcher(conn.kafkaBootstrap(), timeline, approver);
        started.add(watcher);
        watcher.start();

        sim.start();
        timeline.simulationStarted(sim.simulatedStart(), sim.simulatedEnd(), speed);
        Duration budget = Duration.ofMillis((long) (simulated.toMillis() / speed)).plusSeconds(120);
        boolean finished = sim.awaitCompletion(budget);
        if (interrupted.getCount() == 0) {
            return 130;
        }
        if (!finished) {
            timeline.info("simulation did not finish within " + budget + "; reporting what ran");
        }
        // results of the last commands and anomalies of the last checkpoint
        interrupted.await(drainSeconds, TimeUnit.SECONDS);
        if (interrupted.getCount() == 0) {
            return 130;
        }
        report(sim, timeline, runId, reports, wallStart);
        return 0;
    }

    private void intro(
            DemoTimeline timeline,
            Simulator sim,
            Duration simulated,
            int policies,
            String accelerated) {
        timeline.info(
                String.format(
                        Locale.ROOT,
                        "ralf demo: scenario '%s' (seed %d), %s simulated at %.0fx ≈ %s wall;"
                                + " policies: %d loaded or changed",
                        sim.scenario().name(),
                        sim.seed(),
                        DemoTimeline.simDuration(simulated),
                        speed,
                        DemoTimeline.simDuration(
                                Duration.ofMillis((long) (simulated.toMillis() / speed))),
                        policies));
        timeline.info(
                "settings for the accelerated run (RALF_* variables override): " + accelerated);
    }

    /** The simulator, timed so that its simulated run ends at the wall clock's end of the run. */
    private Simulator createSimulator(StackConnection conn, Path reports, String runId)
            throws Exception {
        Scenario sc = ScenarioLoader.load(scenario);
        // simulated time ends at the wall clock's "now" when the run ends: every event is stamped
        // in the past (like a replay of recorded history, accelerated), never in the future, so
        // the jobs' event-time rules (max-future, watermarks) hold as they do in production
        Duration wallRun = Duration.ofMillis((long) (sc.duration().toMillis() / speed));
        Instant simStart =
                Instant.now()
                        .plus(wallRun)
                        .minus(sc.duration())
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        SimulatorSettings settings =
                new SimulatorSettings(
                        scenario,
                        seed,
                        simStart,
                        speed,
                        SimulatorSettings.Mode.DIRECT_KAFKA,
                        conn.kafkaBootstrap(),
                        conn.pgUrl(),
                        conn.pgUser(),
                        conn.pgPassword(),
                        reports.resolve(runId + "-labels.json"),
                        null,
                        5514);
        return Simulator.create(settings, sc, null);
    }

    /** The executor against the simulator's Proxmox API (every guest action allowed). */
    private static void startExecutor(
            Simulator sim,
            ExecutorSettings local,
            DemoTimeline timeline,
            List<AutoCloseable> started)
            throws Exception {
        FakeProxmox px = java.util.Objects.requireNonNull(sim.proxmox());
        ExecutorSettings ec =
                local.withProxmox(
                        new ExecutorSettings.Proxmox(
                                px.baseUri(),
                                Simulator.PROXMOX_TOKEN_ID,
                                Secret.of(sim.proxmoxTokenSecret()),
                                px.sha256Fingerprint(),
                                Duration.ofMillis(250),
                                Map.of(
                                        "start", List.of("*"),
                                        "reboot", List.of("*"),
                                        "migrate", List.of("*"),
                                        "snapshot", List.of("*")),
                                List.of()));
        started.add(UpCommand.startExecutor(ec));
        timeline.info("executor started against the simulator's Proxmox API at " + px.baseUri());
    }

    /** Scores the run, writes the Markdown and JSON reports and prints the summary. */
    private void report(
            Simulator sim, DemoTimeline timeline, String runId, Path reports, Instant wallStart)
            throws Exception {
        Report report = sim.report(timeline.anomalies());
        Instant simEnd = sim.progress().simTime();
        List<org.ralf.simulator.truth.GroundTruthFault> truth = sim.groundTruth();
        org.ralf.simulator.score.Scorer scorer = org.ralf.simulator.score.Scorer.defaults();
        Map<String, Boolean> matched = new java.util.LinkedHashMap<>();
        for (org.ralf.schemas.anomaly.Anomaly a : timeline.anomalies()) {
            matched.put(a.anomalyId(), truth.stream().anyMatch(f -> scorer.matches(f, a, simEnd)));
        }
        Duration wall = Duration.between(wallStart, Instant.now());
        Path json = reports.resolve(runId + ".json");
        Path md = reports.resolve(runId + ".md");
        Files.writeString(
                json,
                reportJson(
                        report,
                        timeline.commands(),
                        timeline.results(),
                        timeline.anomalies(),
                        matched,
                        wall,
                        speed));
        Files.writeString(md, reportMarkdown(report, timeline, matched, wall));
        System.out.println();
        System.out.println(report.toMarkdown());
        System.out.printf(
                Locale.ROOT,
                "median detection delay %s (simulated) · demo took %s wall%n",
                medianDelay(report) == null
                        ? "n/a"
                        : DemoTimeline.simDuration(
                                Duration.ofSeconds(Math.round(medianDelay(report)))),
                DemoTimeline.simDuration(wall));
        System.out.println("report: " + md + " and " + json);
        System.out.println("logs:   " + RalfCli.home().resolve("logs").resolve("demo.log"));
    }

    /** Moves the jobs' consumer groups to the current end of their input topics. */
    private static void fastForward(String bootstrap, List<String> groups) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<String> topics =
                    Topics.all().stream()
                            .map(t -> t.name())
                            .filter(n -> !n.startsWith("ralf.cdc."))
                            .toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach(
                            (name, d) ->
                                    d.partitions()
                                            .forEach(
                                                    pi ->
                                                            latest.put(
                                                                    new TopicPartition(
                                                                            name, pi.partition()),
                                                                    OffsetSpec.latest())));
            Map<TopicPartition, OffsetAndMetadata> ends = new HashMap<>();
            admin.listOffsets(latest)
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, info) -> ends.put(tp, new OffsetAndMetadata(info.offset())));
            for (String g : groups) {
                admin.alterConsumerGroupOffsets(g, ends).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    @Nullable
    static Double medianDelay(Report r) {
        List<Double> d =
                r.faults().stream()
                        .map(FaultOutcome::delaySeconds)
                        .filter(java.util.Objects::nonNull)
                        .sorted()
                        .toList();
        if (d.isEmpty()) {
            return null;
        }
        int n = d.size();
        return n % 2 == 1 ? d.get(n / 2) : (d.get(n / 2 - 1) + d.get(n / 2)) / 2;
    }

    static String reportJson(
            Report r,
            List<ActionCommand> commands,
            List<CommandResult> results,
            List<org.ralf.schemas.anomaly.Anomaly> anomalies,
            Map<String, Boolean> matched,
            Duration wall,
            double speed)
            throws Exception {
        ObjectNode root = r.toJsonTree();
        ObjectNode totals = (ObjectNode) root.get("totals");
        Double median = medianDelay(r);
        if (median == null) {
            totals.putNull("medianDelaySeconds");
        } else {
            totals.put("medianDelaySeconds", median);
        }
        totals.put("commands", commands.size());
        root.put("speed", speed);
        root.put("wallSeconds", wall.toMillis() / 1000.0);
        ArrayNode cs = root.putArray("commands");
        for (ActionCommand c : commands) {
            ObjectNode o = cs.addObject();
            o.put("commandId", c.commandId());
            o.put("issuedAt", c.issuedAt().toString());
            o.put("kind", c.kind().name());
            o.put("action", c.action());
            o.put("target", c.target());
            o.put("requiresApproval", c.requiresApproval());
            o.put("incidentId", c.incidentId());
            o.put("reason", c.reason());
            ArrayNode states = o.putArray("results");
            for (CommandResult res : results) {
                if (res.commandId().equals(c.commandId())) {
                    states.add(res.state().name());
                }
            }
        }
        ArrayNode as = root.putArray("anomalies");
        for (org.ralf.schemas.anomaly.Anomaly a : anomalies) {
            ObjectNode o = as.addObject();
            o.put("anomalyId", a.anomalyId());
            o.put("detectedAt", a.detectedAt().toString());
            o.put("entity", a.entity());
            o.put("kind", a.kind().name());
            o.put("detector", a.detector());
            o.put("metric", a.labels().get("metric"));
            o.put("score", a.score());
            o.put("matchesFault", matched.getOrDefault(a.anomalyId(), false));
            o.put("explanation", a.explanation());
        }
        return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    }

    /** Unmatched anomalies grouped by entity and source, most frequent first. */
    static List<Map.Entry<String, Long>> falseAlarmSources(
            List<org.ralf.schemas.anomaly.Anomaly> anomalies, Map<String, Boolean> matched) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (org.ralf.schemas.anomaly.Anomaly a : anomalies) {
            if (!matched.getOrDefault(a.anomalyId(), false)) {
                String metric = a.labels().get("metric");
                String key =
                        a.entity()
                                + " | "
                                + a.kind()
                                + " | "
                                + a.detector()
                                + (metric == null ? "" : " (" + metric + ")");
                counts.merge(key, 1L, Long::sum);
            }
        }
        List<Map.Entry<String, Long>> out = new ArrayList<>(counts.entrySet());
        out.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        return out;
    }

    private static String reportMarkdown(
            Report r, DemoTimeline t, Map<String, Boolean> matched, Duration wall) {
        StringBuilder b = new StringBuilder("# ralf demo report\n\n");
        b.append(r.toMarkdown()).append('\n');
        Double median = medianDelay(r);
        b.append(
                String.format(
                        Locale.ROOT,
                        "median detection delay: %s (simulated); wall time of the demo: %s%n%n",
                        median == null ? "n/a" : String.format(Locale.ROOT, "%.0f s", median),
                        DemoTimeline.simDuration(wall)));
        b.append("## Commands\n\n| issued | action | target | approval | results |\n");
        b.append("|---|---|---|---|---|\n");
        List<CommandResult> results = t.results();
        for (ActionCommand c : t.commands()) {
            List<String> states =
                    results.stream()
                            .filter(x -> x.commandId().equals(c.commandId()))
                            .map(x -> x.state().name())
                            .toList();
            b.append("| ")
                    .append(c.issuedAt())
                    .append(" | ")
                    .append(c.kind())
                    .append(' ')
                    .append(c.action())
                    .append(" | ")
                    .append(c.target())
                    .append(" | ")
                    .append(c.requiresApproval() ? "required" : "no")
                    .append(" | ")
                    .append(String.join(" → ", states))
                    .append(" |\n");
        }
        List<Map.Entry<String, Long>> sources = falseAlarmSources(t.anomalies(), matched);
        if (!sources.isEmpty()) {
            b.append(
                    "\n## False alarms by source (top 15)\n\n| entity | kind | source | count |\n");
            b.append("|---|---|---|---|\n");
            for (Map.Entry<String, Long> e : sources.subList(0, Math.min(15, sources.size()))) {
                b.append("| ").append(e.getKey()).append(" | ").append(e.getValue()).append(" |\n");
            }
        }
        return b.toString();
    }

    private static String safeName(String scenario) {
        String base = Path.of(scenario).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        return base.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
