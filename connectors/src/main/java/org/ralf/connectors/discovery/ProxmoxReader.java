package org.ralf.connectors.discovery;

import static org.ralf.connectors.discovery.DiscoveryJson.bytes;
import static org.ralf.connectors.discovery.DiscoveryJson.put;
import static org.ralf.connectors.discovery.DiscoveryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.annotation.Nullable;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoverySource;

/**
 * Reads a Proxmox VE cluster through its HTTP API with an API token: {@code GET /nodes} (nodes,
 * identity {@code fqdn:<node>}), {@code /nodes/{node}/qemu} and {@code /nodes/{node}/lxc} for each
 * online node (guests, identity {@code vmid:<n>}), {@code /cluster/resources?type=vm} for guests of
 * offline nodes (reported with {@code node-status offline}, never declared gone while their node is
 * down), and {@code /storage}: every storage of type {@code pbs} yields a backup server observation
 * (source {@link DiscoverySource#PBS}, identity {@code fqdn:<server>}).
 *
 * <p>Only attributes that describe the host, not its load, are reported (no cpu, mem, uptime), so
 * an unchanged guest stays unchanged. Bad responses and entries are rejected and make the poll
 * incomplete; refused tokens and an unreachable cluster throw.
 */
public final class ProxmoxReader implements DiscoveryReader {

    private final ProxmoxSettings settings;
    private final HttpSource http;
    private final String authorization;

    /**
     * @param settings cluster, token, pinning and limits
     */
    public ProxmoxReader(ProxmoxSettings settings) {
        this.settings = settings;
        this.http =
                new HttpSource(
                        settings.fingerprint(), settings.timeout(), settings.maxResponseBytes());
        this.authorization = "PVEAPIToken=" + settings.tokenId() + "=" + settings.tokenSecret();
    }

    @Override
    public String describe() {
        return "proxmox " + settings.baseUri();
    }

    /** Mutable collection state of one poll. */
    private static final class Poll {
        final Map<String, HostObservation> hosts = new LinkedHashMap<>();
        final List<Rejected> rejected = new ArrayList<>();
        boolean complete = true;

        void reject(byte[] raw, DeadLetterCause cause, String reason) {
            reject(new Rejected(raw, cause, reason));
        }

        void reject(Rejected r) {
            rejected.add(r);
            complete = false;
        }
    }

    @Override
    public PollResult poll() throws ConnectorException {
        Poll poll = new Poll();
        JsonNode nodes = data("/nodes", poll, true);
        List<String> offline = new ArrayList<>();
        if (nodes != null) {
            for (JsonNode n : nodes) {
                String node = text(n, "node");
                if (node == null) {
                    poll.reject(
                            bytes(n),
                            DeadLetterCause.MISSING_FIELD,
                            "GET /nodes: entry without 'node'");
                    continue;
                }
                String status = text(n, "status");
                Map<String, String> a = new TreeMap<>();
                a.put("type", "node");
                put(a, "status", status);
                put(a, "maxcpu", text(n, "maxcpu"));
                put(a, "maxmem", text(n, "maxmem"));
                poll.hosts.put(
                        "fqdn:" + node,
                        HostObservation.of(null, null, node, null, DiscoverySource.PROXMOX, a));
                if ("online".equals(status)) {
                    for (String type : List.of("qemu", "lxc")) {
                        JsonNode guests = data("/nodes/" + node + "/" + type, poll, false);
                        if (guests != null) {
                            for (JsonNode g : guests) {
                                guest(
                                        g,
                                        node,
                                        type,
                                        "online",
                                        "GET /nodes/" + node + "/" + type,
                                        poll);
                            }
                        }
                    }
                } else {
                    offline.add(node);
                }
            }
        }
        if (!offline.isEmpty()) {
            JsonNode resources = data("/cluster/resources?type=vm", poll, false);
            if (resources != null) {
                for (JsonNode g : resources) {
                    String node = text(g, "node");
                    if (node != null && offline.contains(node)) {
                        guest(g, node, text(g, "type"), "offline", "GET /cluster/resources", poll);
                    }
                }
            }
            // guests of an unreachable node are not known to be gone
            poll.complete = false;
        }
        JsonNode storages = data("/storage", poll, false);
        if (storages != null) {
            backupServers(storages, poll);
        }
        return new PollResult(List.copyOf(poll.hosts.values()), poll.rejected, poll.complete);
    }

    private void guest(
            JsonNode g,
            String node,
            @Nullable String type,
            String nodeStatus,
            String where,
            Poll poll) {
        JsonNode vmid = g.get("vmid");
        Integer id = null;
        if (vmid != null && vmid.isIntegralNumber() && vmid.canConvertToInt()) {
            id = vmid.asInt();
        } else if (vmid != null && vmid.isTextual() && vmid.asText().matches("\\d{1,9}")) {
            id = Integer.parseInt(vmid.asText());
        }
        if (id == null || id < 1) {
            poll.reject(
                    bytes(g),
                    DeadLetterCause.INVALID_VALUE,
                    where + ": guest without a valid 'vmid'");
            return;
        }
        if (type == null || !(type.equals("qemu") || type.equals("lxc"))) {
            poll.reject(
                    bytes(g),
                    DeadLetterCause.INVALID_VALUE,
                    where + ": guest " + id + " of unknown type " + type);
            return;
        }
        Map<String, String> a = new TreeMap<>();
        a.put("type", type);
        a.put("node", node);
        a.put("node-status", nodeStatus);
        put(a, "name", text(g, "name"));
        put(a, "status", text(g, "status"));
        put(a, "maxmem", text(g, "maxmem"));
        put(a, "cpus", text(g, g.has("cpus") ? "cpus" : "maxcpu"));
        put(a, "tags", text(g, "tags"));
        if ("1".equals(text(g, "template"))) {
            a.put("template", "true");
        }
        poll.hosts.put(
                "vmid:" + id, HostObservation.of(null, id, null, null, DiscoverySource.PROXMOX, a));
    }

    private static void backupServers(JsonNode storages, Poll poll) {
        Map<String, TreeSet<String>> storageIds = new TreeMap<>();
        Map<String, TreeSet<String>> datastores = new TreeMap<>();
        Map<String, String> fingerprints = new TreeMap<>();
        for (JsonNode s : storages) {
            if (!"pbs".equals(text(s, "type"))) {
                continue;
            }
            String server = text(s, "server");
            String id = text(s, "storage");
            if (server == null || id == null) {
                poll.reject(
                        bytes(s),
                        DeadLetterCause.MISSING_FIELD,
                        "GET /storage: pbs storage without 'server' or 'storage'");
                continue;
            }
            String key = server.toLowerCase(java.util.Locale.ROOT);
            storageIds.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
            String ds = text(s, "datastore");
            if (ds != null) {
                datastores.computeIfAbsent(key, k -> new TreeSet<>()).add(ds);
            }
            String fp = text(s, "fingerprint");
            if (fp != null) {
                fingerprints.put(key, fp);
            }
        }
        for (Map.Entry<String, TreeSet<String>> e : storageIds.entrySet()) {
            Map<String, String> a = new TreeMap<>();
            a.put("type", "pbs");
            a.put("storages", String.join(",", e.getValue()));
            if (datastores.containsKey(e.getKey())) {
                a.put("datastores", String.join(",", datastores.get(e.getKey())));
            }
            put(a, "fingerprint", fingerprints.get(e.getKey()));
            String server = e.getKey();
            String ip = server.matches("[0-9.]+|.*:.*:.*") ? server : null;
            poll.hosts.put(
                    "fqdn:" + server,
                    HostObservation.of(null, null, server, ip, DiscoverySource.PBS, a));
        }
    }

    /**
     * The {@code data} array of a GET, or null (rejected / incomplete) when it cannot be used.
     *
     * @param required whether the cluster counts as unreachable when this fails
     */
    private @Nullable JsonNode data(String path, Poll poll, boolean required)
            throws ConnectorException {
        URI uri = HttpSource.resolve(settings.baseUri(), "/api2/json" + path);
        String where = "GET " + path;
        HttpSource.Response r = http.get(uri, authorization);
        if (r.status() == 401 || r.status() == 403) {
            throw new ConnectorException(
                    "Proxmox refused token " + settings.tokenId() + " (HTTP " + r.status() + ")");
        }
        if (r.status() != 200) {
            if (required) {
                throw new ConnectorException(where + " answered HTTP " + r.status());
            }
            poll.complete = false; // e.g. 595 for a node that just went down
            return null;
        }
        if (r.oversized()) {
            poll.reject(r.tooLarge(where));
            return null;
        }
        JsonNode tree = DiscoveryJson.read(r.body(), where, poll::reject);
        if (tree == null) {
            return null;
        }
        JsonNode data = tree.get("data");
        if (data == null || !data.isArray()) {
            poll.reject(
                    r.body(),
                    DeadLetterCause.MISSING_FIELD,
                    where + ": no 'data' array in the response");
            return null;
        }
        return data;
    }
}
