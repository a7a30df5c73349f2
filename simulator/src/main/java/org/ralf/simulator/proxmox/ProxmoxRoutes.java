package org.ralf.simulator.proxmox;

import static org.ralf.simulator.proxmox.ProxmoxJson.JSON;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.ralf.simulator.proxmox.ProxmoxState.Guest;
import org.ralf.simulator.proxmox.ProxmoxState.Storage;
import org.ralf.simulator.proxmox.ProxmoxState.Task;

/**
 * The API paths of {@link FakeProxmox} (below {@code /api2/json}) mapped to reads of and changes to
 * the {@link ProxmoxState}, with the error texts PVE answers. Called under the FakeProxmox's lock,
 * after the due tasks have been advanced.
 */
final class ProxmoxRoutes {

    private static final Pattern GUEST = Pattern.compile("/nodes/([^/]+)/(qemu|lxc)/(\\d+)(/.*)?");
    private static final Pattern TASK = Pattern.compile("/nodes/([^/]+)/tasks/([^/]+)(/status)?");
    private static final Pattern NODE_LIST = Pattern.compile("/nodes/([^/]+)/(qemu|lxc)");
    private static final Pattern VZDUMP = Pattern.compile("/nodes/([^/]+)/vzdump");

    private final ProxmoxState state;
    private final ProxmoxJson json;

    ProxmoxRoutes(ProxmoxState state, ProxmoxJson json) {
        this.state = state;
        this.json = json;
    }

    /** An answer: HTTP status, reason phrase and the {@code data} of the envelope. */
    record Reply(int status, String reason, Object data) {
        static Reply ok(Object data) {
            return new Reply(200, "OK", data);
        }

        static Reply error(int status, String reason) {
            return new Reply(status, reason, JSON.nullNode());
        }
    }

    Reply route(String method, String path, Map<String, String> p, String user) {
        Matcher m;
        if ("GET".equals(method)) {
            Reply r = get(path, p);
            if (r != null) {
                return r;
            }
        }
        if ("DELETE".equals(method) && (m = TASK.matcher(path)).matches() && m.group(3) == null) {
            Task t = state.tasks.get(m.group(2));
            if (t == null) {
                return Reply.error(500, "no such task");
            }
            if ("running".equals(t.status)) {
                t.status = "stopped";
                t.exitStatus = "interrupted by signal";
            }
            return Reply.ok(JSON.nullNode());
        }
        if ("POST".equals(method) && (m = VZDUMP.matcher(path)).matches()) {
            return vzdump(m.group(1), p, user);
        }
        if ((m = GUEST.matcher(path)).matches()) {
            Guest g = state.guests.get(Integer.parseInt(m.group(3)));
            if (g == null || !g.type.equals(m.group(2))) {
                return Reply.error(
                        500,
                        "Configuration file 'nodes/"
                                + m.group(1)
                                + "/"
                                + (m.group(2).equals("qemu") ? "qemu-server" : "lxc")
                                + "/"
                                + m.group(3)
                                + ".conf' does not exist");
            }
            if (!g.node.equals(m.group(1))) {
                return Reply.error(500, "guest " + g.vmid + " is on node " + g.node);
            }
            String rest = m.group(4) == null ? "" : m.group(4);
            return guestAction(method, g, rest, p, user);
        }
        return Reply.error(501, "Method '" + method + " " + path + "' not implemented");
    }

    /** The cluster-level reads; null when the path is not one of them. */
    @Nullable
    private Reply get(String path, Map<String, String> p) {
        Matcher m;
        if (path.equals("/version")) {
            ObjectNode v =
                    JSON.objectNode()
                            .put("version", "8.2.4")
                            .put("release", "8.2")
                            .put("repoid", "faa83925");
            return Reply.ok(v);
        }
        if (path.equals("/cluster/resources")) {
            return Reply.ok(json.resources(p.get("type")));
        }
        if (path.equals("/nodes")) {
            return Reply.ok(json.nodes());
        }
        if (path.equals("/storage")) {
            return Reply.ok(json.storages());
        }
        if ((m = NODE_LIST.matcher(path)).matches()) {
            if (!state.nodes.containsKey(m.group(1))) {
                return Reply.error(500, "hostname lookup '" + m.group(1) + "' failed");
            }
            if (!state.nodes.get(m.group(1)).online()) {
                return Reply.error(595, "no route to host");
            }
            ArrayNode a = JSON.arrayNode();
            for (Guest g : state.guests.values()) {
                if (g.node.equals(m.group(1)) && g.type.equals(m.group(2))) {
                    a.add(json.guestList(g));
                }
            }
            return Reply.ok(a);
        }
        if ((m = TASK.matcher(path)).matches() && m.group(3) != null) {
            Task t = state.tasks.get(m.group(2));
            if (t == null || !t.node.equals(m.group(1))) {
                return Reply.error(500, "no such task");
            }
            return Reply.ok(json.task(t));
        }
        return null;
    }

    private Reply guestAction(
            String method, Guest g, String rest, Map<String, String> p, String user) {
        if ("GET".equals(method) && rest.equals("/status/current")) {
            ObjectNode o = json.guestList(g);
            if (g.type.equals("qemu")) {
                o.put("qmpstatus", g.status);
            }
            return Reply.ok(o);
        }
        if ("GET".equals(method) && rest.equals("/snapshot")) {
            ArrayNode a = JSON.arrayNode();
            g.snapshots.forEach(
                    s -> a.add(JSON.objectNode().put("name", s).put("description", "")));
            a.add(
                    JSON.objectNode()
                            .put("name", "current")
                            .put("description", "You are here!")
                            .put("running", "running".equals(g.status) ? 1 : 0));
            return Reply.ok(a);
        }
        if (!"POST".equals(method)) {
            return Reply.error(501, "not implemented");
        }
        return guestPost(g, rest, p, user);
    }

    private Reply guestPost(Guest g, String rest, Map<String, String> p, String user) {
        String label = label(g);
        Supplier<String> mustRun = () -> "running".equals(g.status) ? null : label + " not running";
        return switch (rest) {
            case "/status/start" ->
                    guestTask(
                            g,
                            "start",
                            user,
                            () -> "running".equals(g.status) ? label + " already running" : null,
                            () -> {
                                g.status = "running";
                                g.startedAt = state.clock.instant();
                            });
            case "/status/stop" ->
                    guestTask(g, "stop", user, () -> null, () -> g.status = "stopped");
            case "/status/shutdown" ->
                    guestTask(g, "shutdown", user, mustRun, () -> g.status = "stopped");
            case "/status/reboot" ->
                    guestTask(
                            g, "reboot", user, mustRun, () -> g.startedAt = state.clock.instant());
            case "/migrate" -> migrate(g, p, user);
            case "/snapshot" -> snapshot(g, p, user);
            default -> Reply.error(501, "Method 'POST " + rest + "' not implemented");
        };
    }

    private Reply migrate(Guest g, Map<String, String> p, String user) {
        String target = p.get("target");
        if (target == null) {
            return Reply.error(400, "Parameter verification failed.");
        }
        if (!state.nodes.containsKey(target)) {
            return Reply.error(500, "no such cluster node '" + target + "'");
        }
        if (target.equals(g.node)) {
            return Reply.error(500, "target is local node.");
        }
        boolean online = "1".equals(p.get("online")) || "1".equals(p.get("restart"));
        return guestTask(
                g,
                "migrate",
                user,
                () ->
                        "running".equals(g.status) && !online
                                ? "can't migrate running " + label(g) + " without --online"
                                : null,
                () -> g.node = target);
    }

    private Reply snapshot(Guest g, Map<String, String> p, String user) {
        String name = p.get("snapname");
        if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_-]{1,39}")) {
            return Reply.error(400, "Parameter verification failed.");
        }
        return guestTask(
                g,
                "snapshot",
                user,
                () ->
                        g.snapshots.contains(name)
                                ? "snapshot name '" + name + "' already used"
                                : null,
                () -> g.snapshots.add(name));
    }

    /** A task on the guest's node, typed as PVE does ({@code qmstart}, {@code vzmigrate}, ...). */
    private Reply guestTask(
            Guest g, String action, String user, Supplier<String> precondition, Runnable effect) {
        String prefix = g.type.equals("qemu") ? "qm" : "vz";
        return Reply.ok(state.task(g.node, prefix + action, g.vmid, user, precondition, effect));
    }

    private static String label(Guest g) {
        return (g.type.equals("qemu") ? "VM " : "CT ") + g.vmid;
    }

    private Reply vzdump(String node, Map<String, String> p, String user) {
        String storageId = p.get("storage");
        String vmid = p.get("vmid");
        if (storageId == null || vmid == null || !vmid.matches("\\d+")) {
            return Reply.error(400, "Parameter verification failed.");
        }
        Storage s = state.storages.get(storageId);
        if (s == null) {
            return Reply.error(500, "storage '" + storageId + "' does not exist");
        }
        Guest g = state.guests.get(Integer.parseInt(vmid));
        return Reply.ok(
                state.task(
                        node,
                        "vzdump",
                        Integer.parseInt(vmid),
                        user,
                        () ->
                                g == null
                                        ? "guest " + vmid + " does not exist"
                                        : (!g.node.equals(node)
                                                ? "guest " + vmid + " is not on node " + node
                                                : null),
                        () ->
                                s.volumes()
                                        .add(
                                                storageId
                                                        + ":backup/vzdump-"
                                                        + g.type
                                                        + "-"
                                                        + vmid
                                                        + "-"
                                                        + state.clock.instant().getEpochSecond())));
    }
}
