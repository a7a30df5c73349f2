package org.ralf.executor.runner.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ralf.executor.config.ProxmoxTarget;
import org.ralf.executor.runner.ActionRunner;
import org.ralf.executor.runner.RunOutcome;
import org.ralf.executor.runner.RunRequest;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.CommandState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Proxmox actions (start, shutdown, stop, reboot, migrate online, snapshot, vzdump backup) on
 * qemu and lxc guests: one POST that returns a task UPID, which is recorded in the ledger and
 * polled until the task stops or the command's timeout passes (then the task is stopped). Dry-run
 * only reads the guest's current status.
 */
public final class ProxmoxRunner implements ActionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProxmoxRunner.class);
    private static final DateTimeFormatter SNAP =
            DateTimeFormatter.ofPattern("'ralf'yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final ProxmoxClient client;
    private final Duration pollInterval;
    private final Clock clock;

    /** Creates a runner on the given client. */
    public ProxmoxRunner(ProxmoxClient client, Duration pollInterval, Clock clock) {
        this.client = client;
        this.pollInterval = pollInterval;
        this.clock = clock;
    }

    @Override
    public RunOutcome run(RunRequest r) throws InterruptedException {
        ActionCommand c = r.command();
        ProxmoxTarget t =
                ProxmoxTarget.parse(c.target())
                        .orElseThrow(() -> new IllegalArgumentException("not a Proxmox target"));
        Instant deadline = clock.instant().plus(r.timeout());
        try {
            if (r.dryRun()) {
                r.listener().started();
                JsonNode s = client.currentStatus(t);
                String status = s.path("status").asText("unknown");
                return new RunOutcome(
                        CommandState.SUCCEEDED,
                        "dry-run: would " + c.action() + " " + t + " (currently " + status + ")",
                        Map.of(),
                        status,
                        s.toString(),
                        "");
            }
            r.listener().started();
            String upid = submit(c, t);
            r.listener().externalRef(upid);
            TaskStatus s = client.awaitTask(upid, deadline, pollInterval);
            return outcome(c.action(), t, s, r.timeout());
        } catch (ProxmoxException e) {
            return RunOutcome.of(CommandState.FAILED, e.getMessage());
        }
    }

    /**
     * Resumes waiting for a task started before a crash (reconciliation).
     *
     * @param action the command's action, for the reason text
     */
    public RunOutcome resume(ActionCommand c, String upid, Duration timeout)
            throws InterruptedException {
        ProxmoxTarget t = ProxmoxTarget.parse(c.target()).orElseThrow();
        try {
            TaskStatus s = client.awaitTask(upid, clock.instant().plus(timeout), pollInterval);
            return outcome(c.action(), t, s, timeout);
        } catch (ProxmoxException e) {
            return RunOutcome.of(
                    CommandState.UNKNOWN,
                    "task " + upid + " could not be queried: " + e.getMessage());
        }
    }

    private RunOutcome outcome(String action, ProxmoxTarget t, TaskStatus s, Duration timeout)
            throws InterruptedException {
        if (s.running()) {
            try {
                client.stopTask(s.upid());
            } catch (ProxmoxException e) {
                LOG.warn("could not stop timed-out task {}: {}", s.upid(), e.getMessage());
            }
            return new RunOutcome(
                    CommandState.TIMED_OUT,
                    action
                            + " "
                            + t
                            + ": task still running after "
                            + timeout.toSeconds()
                            + "s, stopped",
                    Map.of(),
                    "running",
                    s.upid(),
                    "");
        }
        if (s.succeeded()) {
            return new RunOutcome(
                    CommandState.SUCCEEDED,
                    action + " " + t + ": task OK",
                    Map.of(),
                    s.exitStatus(),
                    s.upid(),
                    "");
        }
        return new RunOutcome(
                CommandState.FAILED,
                action + " " + t + ": task failed: " + s.exitStatus(),
                Map.of(),
                s.exitStatus(),
                s.upid(),
                "");
    }

    private String submit(ActionCommand c, ProxmoxTarget t)
            throws ProxmoxException, InterruptedException {
        Map<String, Object> p = c.params();
        Map<String, String> form = new LinkedHashMap<>();
        String path;
        switch (c.action()) {
            case "start", "stop" -> path = ProxmoxClient.guestPath(t) + "/status/" + c.action();
            case "shutdown", "reboot" -> {
                path = ProxmoxClient.guestPath(t) + "/status/" + c.action();
                if (p.get("timeout") != null) {
                    form.put("timeout", String.valueOf(p.get("timeout")));
                }
            }
            case "migrate" -> {
                path = ProxmoxClient.guestPath(t) + "/migrate";
                form.put("target", String.valueOf(p.get("targetNode")));
                // qemu migrates live; containers cannot, so they restart on the target node.
                form.put("qemu".equals(t.type()) ? "online" : "restart", "1");
            }
            case "snapshot" -> {
                path = ProxmoxClient.guestPath(t) + "/snapshot";
                form.put(
                        "snapname",
                        String.valueOf(p.getOrDefault("snapname", SNAP.format(clock.instant()))));
                if (p.get("description") != null) {
                    form.put("description", String.valueOf(p.get("description")));
                }
            }
            case "backup" -> {
                path = "/nodes/" + ProxmoxClient.enc(t.node()) + "/vzdump";
                form.put("vmid", String.valueOf(t.vmid()));
                form.put("storage", String.valueOf(p.get("storage")));
                form.put("mode", String.valueOf(p.getOrDefault("mode", "snapshot")));
            }
            default -> throw new IllegalArgumentException("unknown Proxmox action " + c.action());
        }
        JsonNode data = client.post(path, form);
        if (!data.isTextual() || !data.asText().startsWith("UPID:")) {
            throw new ProxmoxException("Proxmox " + path + " did not return a task UPID", 200);
        }
        return data.asText();
    }
}
