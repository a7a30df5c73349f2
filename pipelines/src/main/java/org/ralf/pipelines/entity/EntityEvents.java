package org.ralf.pipelines.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.metric.MetricSample;

/**
 * Maps the records of every input topic to {@link EntityEvent}s. Pure functions; the entity naming
 * rules live here and only here:
 *
 * <ul>
 *   <li>metrics: label {@code host}, else {@code instance} without its port, else {@code node};
 *       with a {@code service} label the entity is {@code host/service}; a series without any of
 *       these is its own entity (its series id);
 *   <li>logs: {@code host/service} when the line names a service, else {@code host};
 *   <li>discovery: the stable host id ({@code mac:..}, {@code vmid:..}, {@code fqdn:..});
 *   <li>CDC {@code deployments}: the row's {@code service_id} ({@code web01/nginx}); CDC {@code
 *       guests} and {@code nodes}: the host id discovery would derive.
 * </ul>
 */
public final class EntityEvents {

    private EntityEvents() {}

    /** The entity of a metric sample's labels (see the class description). */
    public static String entityOf(String seriesId, Map<String, String> labels) {
        String host = labels.get("host");
        if (host == null) {
            String instance = labels.get("instance");
            if (instance != null) {
                int colon = instance.lastIndexOf(':');
                // keep bracketed IPv6 literals whole: only strip a trailing :port
                host =
                        colon > 0 && instance.indexOf(']') < colon
                                ? instance.substring(0, colon)
                                : instance;
            }
        }
        if (host == null) {
            host = labels.get("node");
        }
        if (host == null || host.isBlank()) {
            return seriesId;
        }
        String service = labels.get("service");
        if (service == null || service.isBlank()) {
            return host;
        }
        // a service label that already names its host (guest/service) is used as it is
        return service.startsWith(host + "/") ? service : host + "/" + service;
    }

    /**
     * The state event a metric sample carries, or null for an ordinary metric (which only counts as
     * activity).
     */
    public static @Nullable EntityEvent fromMetric(
            MetricSample s, String entity, EntitySettings rules) {
        long ts = s.timestamp().toEpochMilli();
        String name = s.name();
        if (rules.upMetrics().contains(name)) {
            return EntityEvent.of(
                    entity,
                    s.value() >= 0.5 ? EntityKind.UP : EntityKind.DOWN,
                    ts,
                    name,
                    s.value(),
                    "",
                    s.seriesId());
        }
        if (rules.healthMetrics().contains(name)) {
            return EntityEvent.of(
                    entity,
                    s.value() >= 0.5 ? EntityKind.HEALTH_OK : EntityKind.HEALTH_FAIL,
                    ts,
                    name,
                    s.value(),
                    "",
                    s.seriesId());
        }
        if (rules.saturationMetrics().contains(name)) {
            return EntityEvent.of(
                    entity, EntityKind.SATURATION, ts, name, s.value(), "", s.seriesId());
        }
        if (rules.diskMetrics().contains(name)) {
            // one disk series per mount point: the series id keeps them apart
            return EntityEvent.of(
                    entity, EntityKind.DISK_USAGE, ts, s.seriesId(), s.value(), "", s.seriesId());
        }
        return null;
    }

    /** A liveness event of the host. */
    public static EntityEvent activity(String host, long timestamp, String source) {
        return EntityEvent.of(host, EntityKind.ACTIVITY, timestamp, source, Double.NaN, "", "");
    }

    /** The error event of a log line (severity error or worse), or null. */
    public static @Nullable EntityEvent fromLog(LogRecord log) {
        Severity sev = log.severity();
        if (sev == Severity.UNKNOWN || sev.code() > Severity.ERROR.code()) {
            return null;
        }
        String entity = log.service() == null ? log.host() : log.host() + "/" + log.service();
        return EntityEvent.of(
                entity,
                EntityKind.ERROR_LOG,
                log.timestamp().toEpochMilli(),
                log.service() == null ? "" : log.service(),
                Double.NaN,
                log.message(),
                log.source());
    }

    /** systemd's own lines about a unit: the unit's main process died, or a restart is queued. */
    private static final java.util.regex.Pattern UNIT_STATE =
            java.util.regex.Pattern.compile(
                    "(?:^|[\\s:])([A-Za-z0-9@_.-]+)\\.service: (Main process exited|Scheduled restart"
                            + " job)");

    /**
     * The state change of a systemd unit a log line reports, or null: {@code <unit>.service: Main
     * process exited} is the service going {@link EntityKind#DOWN}, {@code <unit>.service:
     * Scheduled restart job} systemd bringing it {@link EntityKind#UP} again. The entity is {@code
     * host/unit}, the same as a service's metrics with {@code service="host/unit"}; repeated cycles
     * are what the crash-loop pattern matches, on any host that logs through systemd.
     */
    public static @Nullable EntityEvent unitState(LogRecord log) {
        String m = log.message();
        if (m.indexOf(".service: ") < 0) {
            return null;
        }
        java.util.regex.Matcher u = UNIT_STATE.matcher(m);
        if (!u.find()) {
            return null;
        }
        boolean down = u.group(2).startsWith("Main");
        return EntityEvent.of(
                log.host() + "/" + u.group(1),
                down ? EntityKind.DOWN : EntityKind.UP,
                log.timestamp().toEpochMilli(),
                "systemd",
                down ? 0 : 1,
                m,
                log.source());
    }

    /** The sighting of a discovery event ({@code GONE} yields none). */
    public static @Nullable EntityEvent fromDiscovery(DiscoveryEvent d) {
        if (d.kind() == DiscoveryKind.GONE) {
            return null;
        }
        String type = d.attributes().getOrDefault("type", "");
        String label = d.fqdn() != null ? d.fqdn() : d.ip() != null ? d.ip() : "";
        return EntityEvent.of(
                d.hostId(),
                EntityKind.HOST_SEEN,
                d.observedAt().toEpochMilli(),
                d.source().name(),
                Double.NaN,
                type,
                label);
    }

    /** The events of a CDC change: deployment states and inventory hosts. */
    public static List<EntityEvent> fromCdc(CdcEnvelope c) {
        List<EntityEvent> out = new ArrayList<>(1);
        Map<String, Object> row = c.after();
        if (row == null) {
            return out; // deletes and truncates say nothing about a live entity
        }
        long ts = c.source().tsMs() > 0 ? c.source().tsMs() : c.tsMs();
        switch (c.table()) {
            case "deployments" -> {
                Object service = row.get("service_id");
                Object state = row.get("state");
                if (service != null && state != null) {
                    out.add(
                            EntityEvent.of(
                                    String.valueOf(service),
                                    EntityKind.DEPLOYMENT,
                                    ts,
                                    String.valueOf(row.getOrDefault("deployment_id", "")),
                                    Double.NaN,
                                    String.valueOf(state),
                                    String.valueOf(row.getOrDefault("version", ""))));
                }
            }
            case "guests" -> {
                Object vmid = row.get("vmid");
                String mac = row.get("mac") == null ? null : String.valueOf(row.get("mac"));
                String fqdn = row.get("fqdn") == null ? null : String.valueOf(row.get("fqdn"));
                Integer id = vmid instanceof Number n ? n.intValue() : null;
                if (mac != null || id != null || fqdn != null) {
                    out.add(inventory(DiscoveryEvent.hostIdOf(mac, id, fqdn), ts, "guests"));
                }
            }
            case "nodes" -> {
                String mac = row.get("mac") == null ? null : String.valueOf(row.get("mac"));
                String node = row.get("node") == null ? null : String.valueOf(row.get("node"));
                if (mac != null || node != null) {
                    out.add(inventory(DiscoveryEvent.hostIdOf(mac, null, node), ts, "nodes"));
                }
            }
            default -> {
                // other inventory tables do not feed the patterns (yet)
            }
        }
        return out;
    }

    private static EntityEvent inventory(String hostId, long ts, String table) {
        return EntityEvent.of(hostId, EntityKind.INVENTORY, ts, table, Double.NaN, "", "");
    }
}
