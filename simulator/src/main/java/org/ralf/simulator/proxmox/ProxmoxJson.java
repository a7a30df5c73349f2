package org.ralf.simulator.proxmox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import javax.annotation.Nullable;
import org.ralf.simulator.proxmox.FakeProxmox.NodeView;
import org.ralf.simulator.proxmox.ProxmoxState.Guest;
import org.ralf.simulator.proxmox.ProxmoxState.Storage;
import org.ralf.simulator.proxmox.ProxmoxState.Task;

/**
 * The JSON shapes PVE answers with (field names and types as the real API has them), built from the
 * {@link ProxmoxState} under the FakeProxmox's lock.
 */
final class ProxmoxJson {

    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ProxmoxState state;

    ProxmoxJson(ProxmoxState state) {
        this.state = state;
    }

    ObjectNode task(Task t) {
        ObjectNode o =
                JSON.objectNode()
                        .put("upid", t.upid)
                        .put("node", t.node)
                        .put("pid", Integer.parseInt(t.upid.split(":")[2], 16))
                        .put("pstart", Integer.parseInt(t.upid.split(":")[3], 16))
                        .put("starttime", t.start.getEpochSecond())
                        .put("type", t.type)
                        .put("id", t.id)
                        .put("user", t.user)
                        .put("status", t.status);
        if (t.exitStatus != null) {
            o.put("exitstatus", t.exitStatus);
        }
        return o;
    }

    ObjectNode node(NodeView n) {
        return JSON.objectNode()
                .put("node", n.name())
                .put("id", "node/" + n.name())
                .put("type", "node")
                .put("status", n.online() ? "online" : "offline")
                .put("maxcpu", n.maxcpu())
                .put("cpu", 0.05)
                .put("maxmem", n.maxmem())
                .put("mem", n.maxmem() / 4)
                .put("uptime", 86400)
                .put("level", "");
    }

    ArrayNode nodes() {
        ArrayNode a = JSON.arrayNode();
        state.nodes.values().forEach(n -> a.add(node(n)));
        return a;
    }

    ObjectNode guestList(Guest g) {
        boolean running = "running".equals(g.status);
        return JSON.objectNode()
                .put("vmid", g.vmid)
                .put("name", g.name)
                .put("status", g.status)
                .put("type", g.type)
                .put("cpus", g.cpus)
                .put("maxmem", g.maxmem)
                .put("mem", running ? g.maxmem / 3 : 0)
                .put("maxdisk", g.maxdisk)
                .put("disk", 0)
                .put("cpu", running ? 0.02 : 0)
                .put(
                        "uptime",
                        running
                                ? Math.max(
                                        0,
                                        Duration.between(g.startedAt, state.clock.instant())
                                                .toSeconds())
                                : 0);
    }

    ArrayNode storages() {
        ArrayNode a = JSON.arrayNode();
        for (Storage s : state.storages.values()) {
            ObjectNode o =
                    JSON.objectNode()
                            .put("storage", s.id())
                            .put("type", s.type())
                            .put("content", s.content())
                            .put("shared", 1)
                            .put("digest", Integer.toHexString(s.id().hashCode()));
            s.extra().forEach(o::put);
            a.add(o);
        }
        return a;
    }

    /** {@code /cluster/resources}, optionally filtered by {@code type} (node, vm, storage). */
    ArrayNode resources(@Nullable String type) {
        ArrayNode a = JSON.arrayNode();
        if (type == null || type.equals("node")) {
            state.nodes.values().forEach(n -> a.add(node(n)));
        }
        if (type == null || type.equals("vm")) {
            for (Guest g : state.guests.values()) {
                ObjectNode o = guestList(g);
                o.remove("cpus");
                o.put("id", g.type + "/" + g.vmid)
                        .put("node", g.node)
                        .put("maxcpu", g.cpus)
                        .put("template", 0);
                a.add(o);
            }
        }
        if (type == null || type.equals("storage")) {
            for (NodeView n : state.nodes.values()) {
                for (Storage s : state.storages.values()) {
                    a.add(
                            JSON.objectNode()
                                    .put("id", "storage/" + n.name() + "/" + s.id())
                                    .put("type", "storage")
                                    .put("node", n.name())
                                    .put("storage", s.id())
                                    .put("plugintype", s.type())
                                    .put("content", s.content())
                                    .put("status", "available")
                                    .put("shared", 1)
                                    .put("maxdisk", 1L << 40)
                                    .put("disk", (long) s.volumes().size() << 30));
                }
            }
        }
        return a;
    }
}
