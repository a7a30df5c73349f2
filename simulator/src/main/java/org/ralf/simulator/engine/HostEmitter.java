package org.ralf.simulator.engine;

import static org.ralf.simulator.engine.Emitter.labels;
import static org.ralf.simulator.engine.Emitter.round3;

import java.time.Instant;
import java.util.Map;
import org.ralf.schemas.log.Severity;

/**
 * Emits one tick of every present host: the scrape's {@code up}, the host's exporter series, a
 * node's routine daemon logs, and for a guest each service's probe, container series and logs.
 */
final class HostEmitter {
    private final Model model;
    private final Emitter out;
    private final HostMetricsEmitter hostMetrics;
    private final double stepSeconds;

    HostEmitter(Model model, Emitter out, double stepSeconds) {
        this.model = model;
        this.out = out;
        this.hostMetrics = new HostMetricsEmitter(out, stepSeconds);
        this.stepSeconds = stepSeconds;
    }

    /** Every present node, then every present guest, at t. */
    void emitAll(Instant t) {
        for (NodeState n : model.nodes.values()) {
            if (n.present) {
                node(n, t);
            }
        }
        for (GuestState g : model.guests.values()) {
            if (g.present) {
                guest(g, t);
            }
        }
    }

    private void node(NodeState n, Instant t) {
        Map<String, String> upLabels =
                labels("host", n.name, "instance", n.name + ":9100", "job", "node");
        if (!n.online || !n.linkUp) {
            out.up(n.name, upLabels, false, t);
            return;
        }
        out.up(n.name, upLabels, true, t);
        double mem = 2.5 * Model.GIB;
        for (GuestState g : model.guests.values()) {
            if (g.present && g.node.equals(n.name) && model.alive(g)) {
                mem += g.type.equals("qemu") ? g.memoryBytes : model.guestMemoryUsed(g);
            }
        }
        hostMetrics.emit(n, Math.min(mem, n.memoryBytes * 0.98), t);
        double minutes = stepSeconds / 60;
        int lines = Streams.poisson(n.rnd, 1.5 * minutes);
        for (int i = 0; i < lines; i++) {
            String app = LogLines.nodeApp(n.rnd);
            String msg = LogLines.nodeMessage(app, n.rnd);
            out.log(
                    n.name,
                    app,
                    Severity.INFO,
                    app.equals("CRON") ? "cron" : "daemon",
                    msg,
                    out.spread(t, i, lines));
        }
    }

    private void guest(GuestState g, Instant t) {
        Map<String, String> upLabels =
                labels("host", g.name, "instance", g.name + ":9100", "job", "node");
        boolean reachable = model.reachable(g);
        out.up(g.name, upLabels, reachable, t);
        if (reachable) {
            hostMetrics.emit(g, model.guestMemoryUsed(g) * (0.97 + 0.03 * g.rnd.nextDouble()), t);
        }
        for (ServiceState s : g.services) {
            service(s, reachable, t);
        }
    }

    private void service(ServiceState s, boolean reachable, Instant t) {
        GuestState g = s.guest;
        boolean up = reachable && s.running;
        // blackbox probes run elsewhere: they report even when the host is unreachable
        Map<String, String> probe =
                labels(
                        "host",
                        g.name,
                        "instance",
                        InventoryEmitter.healthUrl(s),
                        "job",
                        "blackbox",
                        "service",
                        s.id);
        boolean healthy = up && !s.deployFailed;
        out.metric(g.name, "probe_success", probe, healthy ? 1 : 0, t);
        double latency = healthy ? 0.01 + 0.05 * s.rnd.nextDouble() : (up ? 0.05 : 10.0);
        if (healthy && (s.saturated || g.cpuSaturated || g.busyFloor > 0)) {
            latency *= 25;
        }
        out.metric(g.name, "probe_duration_seconds", probe, round3(latency), t);
        if (!reachable) {
            return;
        }
        container(s, t);
        if (s.running) {
            serviceLogs(s, t);
        }
    }

    private void container(ServiceState s, Instant t) {
        GuestState g = s.guest;
        double cpu = model.serviceCpu(s, t);
        s.cpuSeconds += cpu * stepSeconds;
        Map<String, String> c =
                labels(
                        "host",
                        g.name,
                        "instance",
                        g.name + ":8080",
                        "job",
                        "cadvisor",
                        "name",
                        s.type.serviceName(),
                        "service",
                        s.id);
        out.metric(g.name, "container_cpu_usage_seconds_total", c, round3(s.cpuSeconds), t);
        out.metric(
                g.name,
                "container_memory_working_set_bytes",
                c,
                Math.floor(model.serviceMemory(s, t)),
                t);
        out.metric(g.name, "container_start_time_seconds", c, s.startTime.getEpochSecond(), t);
    }

    private void serviceLogs(ServiceState s, Instant t) {
        double lambda = s.type.logLinesPerMinute() * model.diurnal(s, t) * stepSeconds / 60;
        int lines = Streams.poisson(s.rnd, lambda);
        for (int i = 0; i < lines; i++) {
            boolean error = s.rnd.nextDouble() < 0.01;
            String tpl = LogLines.pick(s.rnd, error ? s.type.errorLines() : s.type.normalLines());
            out.log(
                    s.guest.name,
                    s.type.process(),
                    error ? Severity.ERROR : Severity.INFO,
                    "daemon",
                    LogLines.fill(tpl, s.rnd),
                    out.spread(t, i, lines));
        }
    }
}
