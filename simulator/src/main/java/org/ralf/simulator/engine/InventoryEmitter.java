package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;
import org.ralf.schemas.discovery.DiscoverySource;
import org.ralf.simulator.model.ServiceType;

/**
 * Emits what an inventory poller would see: node, guest, service and deployment rows and the
 * discovery events of Proxmox and PBS, from the model's current state.
 */
final class InventoryEmitter {
    private final Model model;
    private final Emitter out;

    InventoryEmitter(Model model, Emitter out) {
        this.model = model;
        this.out = out;
    }

    /** The first tick's rows and discovery events of every present host. */
    void announce(Instant t) {
        for (NodeState n : model.nodes.values()) {
            if (n.present) {
                node(n, t);
            }
        }
        for (GuestState g : model.guests.values()) {
            if (g.present) {
                guest(g, t, true);
            }
        }
        for (NodeState n : model.nodes.values()) {
            if (n.present) {
                discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, n, null, t);
            }
        }
        for (GuestState g : model.guests.values()) {
            if (g.present) {
                discovery(DiscoveryKind.SEEN, DiscoverySource.PROXMOX, g, g, t);
            }
        }
    }

    void node(NodeState n, Instant t) {
        Map<String, Object> row = new TreeMap<>();
        row.put("node", n.name);
        row.put("address", n.ip);
        row.put("mac", n.mac);
        row.put("status", n.online ? "online" : "offline");
        row.put("cpu_count", n.cpus);
        row.put("memory_bytes", n.memoryBytes);
        row.put("updated_at", t);
        out.inventory(t, "nodes", row);
    }

    /** The guest's row and, if {@code withServices}, its services' rows and deployments. */
    void guest(GuestState g, Instant t, boolean withServices) {
        Map<String, Object> row = new TreeMap<>();
        row.put("vmid", g.vmid);
        row.put("node", g.node);
        row.put("type", g.type);
        row.put("name", g.name);
        row.put("status", g.running ? "running" : "stopped");
        row.put("mac", g.mac);
        row.put("fqdn", g.name + ".lab.home");
        row.put("ip", g.ip);
        row.put("cores", g.cpus);
        row.put("memory_bytes", g.memoryBytes);
        row.put("updated_at", t);
        out.inventory(t, "guests", row);
        if (!withServices) {
            return;
        }
        for (ServiceState s : g.services) {
            Map<String, Object> sr = new TreeMap<>();
            sr.put("service_id", s.id);
            sr.put("vmid", g.vmid);
            sr.put("name", s.type.serviceName());
            sr.put("kind", "systemd");
            sr.put("health_url", healthUrl(s));
            sr.put("critical", s.type == ServiceType.POSTGRESQL);
            sr.put("updated_at", t);
            out.inventory(t, "services", sr);
            deployment(s, "deployed", true, t, t);
        }
    }

    void deployment(
            ServiceState s,
            String state,
            boolean desired,
            @Nullable Instant deployedAt,
            Instant t) {
        Map<String, Object> row = new TreeMap<>();
        row.put("deployment_id", s.id + "@" + s.version());
        row.put("service_id", s.id);
        row.put("version", s.version());
        row.put("state", state);
        row.put("desired", desired);
        if (deployedAt != null) {
            row.put("deployed_at", deployedAt);
        }
        row.put("updated_at", t);
        out.inventory(t, "deployments", row);
    }

    static String healthUrl(ServiceState s) {
        return "http://" + s.guest.name + ".lab.home:" + s.type.port() + "/health";
    }

    /** A discovery event of a node ({@code g == null}) or of guest {@code g == h}. */
    void discovery(
            DiscoveryKind kind,
            DiscoverySource src,
            HostState h,
            @Nullable GuestState g,
            Instant t) {
        Map<String, String> attrs = new TreeMap<>();
        attrs.put("name", h.name);
        if (g != null) {
            attrs.put("node", g.node);
            attrs.put("type", g.type);
            attrs.put("status", g.running ? "running" : "stopped");
        } else {
            attrs.put("type", "node");
            attrs.put("status", ((NodeState) h).online ? "online" : "offline");
        }
        if (src == DiscoverySource.PBS) {
            attrs.put("role", "backup-server");
            attrs.put("datastore", "tank");
        }
        Integer vmid = g == null ? null : g.vmid;
        String fqdn = h.name + ".lab.home";
        out.emit(
                new SimEvent.Discovery(
                        new DiscoveryEvent(
                                DiscoveryEvent.SCHEMA_VERSION,
                                kind,
                                DiscoveryEvent.hostIdOf(h.mac, vmid, fqdn),
                                h.mac,
                                vmid,
                                fqdn,
                                h.ip,
                                src,
                                attrs,
                                t)));
    }

    /** A PBS datastore's storage row (Proxmox only, no table). */
    void backupStorage(GuestState g, Instant t) {
        Map<String, Object> storage = new TreeMap<>();
        storage.put("storage", "pbs-" + g.name);
        storage.put("type", "pbs");
        storage.put("content", "backup");
        storage.put("server", g.ip);
        out.inventory(t, "storages", storage);
    }
}
