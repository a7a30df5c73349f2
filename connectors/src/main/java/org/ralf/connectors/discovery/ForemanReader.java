package org.ralf.connectors.discovery;

import static org.ralf.connectors.discovery.DiscoveryJson.bytes;
import static org.ralf.connectors.discovery.DiscoveryJson.put;
import static org.ralf.connectors.discovery.DiscoveryJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoverySource;

/**
 * Reads hosts from the Foreman API v2: {@code GET /api/v2/hosts} page by page until {@code
 * subtotal} hosts were read, and optionally {@code GET /api/v2/hosts/{id}/facts} per host. Identity
 * is the host's MAC, else its name (FQDN).
 *
 * <p>Bad input never throws: a page that is oversized, not JSON or without a {@code results} array
 * is rejected and ends paging; a host entry that cannot be used (no name, malformed MAC, wrong
 * types) is rejected alone; a facts response that is bad rejects that host for this poll. Each of
 * these makes the poll incomplete, so nothing is declared gone on its account. Refused credentials
 * and HTTP errors throw (the source is unavailable).
 */
public final class ForemanReader implements DiscoveryReader {

    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}([:-][0-9a-f]{2}){5}");
    private static final int MAX_PAGES = 10_000;

    private final ForemanSettings settings;
    private final HttpSource http;
    private final String authorization;

    /**
     * @param settings server, credentials and limits
     */
    public ForemanReader(ForemanSettings settings) {
        this.settings = settings;
        this.http = new HttpSource(null, settings.timeout(), settings.maxResponseBytes());
        this.authorization =
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (settings.user() + ":" + settings.password())
                                                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
        return "foreman " + settings.baseUri();
    }

    @Override
    public PollResult poll() throws ConnectorException {
        List<HostObservation> hosts = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        boolean complete = true;
        int read = 0;
        for (int page = 1; page <= MAX_PAGES; page++) {
            URI uri = uri("/api/v2/hosts?page=" + page + "&per_page=" + settings.perPage());
            HttpSource.Response r = fetch(uri);
            String where = "GET " + uri;
            JsonNode results = null;
            JsonNode tree = null;
            if (r.oversized()) {
                rejected.add(r.tooLarge(where));
            } else {
                tree = object(r.body(), where, rejected);
                if (tree != null) {
                    results = tree.get("results");
                    if (results == null || !results.isArray()) {
                        rejected.add(
                                new Rejected(
                                        r.body(),
                                        DeadLetterCause.MISSING_FIELD,
                                        where + ": no 'results' array in the response"));
                    }
                }
            }
            if (results == null || !results.isArray()) {
                complete = false; // the hosts of this and later pages are unknown
                break;
            }
            for (JsonNode entry : results) {
                read++;
                HostObservation host = host(entry, where, rejected);
                if (host == null) {
                    complete = false;
                    continue;
                }
                if (!settings.facts().isEmpty()) {
                    host = withFacts(host, entry.path("id").asInt(), rejected);
                    if (host == null) {
                        complete = false;
                        continue;
                    }
                }
                hosts.add(host);
            }
            long subtotal = tree.path("subtotal").asLong(tree.path("total").asLong(0));
            if (results.isEmpty() || read >= subtotal) {
                break;
            }
        }
        return new PollResult(dedupe(hosts), rejected, complete);
    }

    private HttpSource.Response fetch(URI uri) throws ConnectorException {
        HttpSource.Response r = http.get(uri, authorization);
        if (r.status() == 401 || r.status() == 403) {
            throw new ConnectorException(
                    "Foreman refused the credentials of "
                            + settings.user()
                            + " (HTTP "
                            + r.status()
                            + ")");
        }
        if (r.status() != 200) {
            throw new ConnectorException("GET " + uri + " answered HTTP " + r.status());
        }
        return r;
    }

    private @Nullable HostObservation host(JsonNode entry, String where, List<Rejected> rejected) {
        byte[] raw = bytes(entry);
        if (!entry.isObject()) {
            rejected.add(
                    new Rejected(
                            raw,
                            DeadLetterCause.INVALID_VALUE,
                            where + ": host entry is no object"));
            return null;
        }
        String name = text(entry, "name");
        if (name == null) {
            rejected.add(
                    new Rejected(
                            raw,
                            DeadLetterCause.MISSING_FIELD,
                            where + ": host entry without 'name'"));
            return null;
        }
        JsonNode id = entry.get("id");
        if (id == null || !id.canConvertToInt() || !id.isIntegralNumber()) {
            rejected.add(
                    new Rejected(
                            raw,
                            DeadLetterCause.INVALID_VALUE,
                            where + ": host " + name + " has no integer 'id'"));
            return null;
        }
        String mac = text(entry, "mac");
        if (mac != null && !MAC.matcher(mac).matches()) {
            rejected.add(
                    new Rejected(
                            raw,
                            DeadLetterCause.INVALID_VALUE,
                            where
                                    + ": host "
                                    + name
                                    + " has a malformed 'mac' "
                                    + abbreviate(mac)));
            return null;
        }
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("foreman-id", id.asText());
        put(attributes, "os", text(entry, "operatingsystem_name"));
        put(attributes, "hostgroup", text(entry, "hostgroup_title"));
        put(attributes, "domain", text(entry, "domain_name"));
        put(attributes, "environment", text(entry, "environment_name"));
        put(attributes, "status", text(entry, "global_status_label"));
        put(attributes, "enabled", text(entry, "enabled"));
        put(attributes, "managed", text(entry, "managed"));
        put(attributes, "build", text(entry, "build"));
        put(attributes, "compute-resource", text(entry, "compute_resource_name"));
        return HostObservation.of(
                mac, null, name, text(entry, "ip"), DiscoverySource.FOREMAN, attributes);
    }

    private @Nullable HostObservation withFacts(
            HostObservation host, int id, List<Rejected> rejected) throws ConnectorException {
        URI uri =
                uri(
                        "/api/v2/hosts/"
                                + id
                                + "/facts?per_page="
                                + Math.max(1000, settings.facts().size()));
        String where = "GET " + uri;
        HttpSource.Response r = fetch(uri);
        if (r.oversized()) {
            rejected.add(r.tooLarge(where));
            return null;
        }
        JsonNode tree = object(r.body(), where, rejected);
        if (tree == null) {
            return null;
        }
        JsonNode results = tree.get("results");
        if (results == null || !results.isObject()) {
            rejected.add(
                    new Rejected(
                            r.body(),
                            DeadLetterCause.MISSING_FIELD,
                            where + ": no 'results' object"));
            return null;
        }
        // results: {"<host name>": {"fact": "value", ...}}; the name may differ in case
        JsonNode values =
                results.size() == 1 ? results.elements().next() : results.path(host.fqdn());
        Map<String, String> attributes = new TreeMap<>(host.attributes());
        for (String fact : settings.facts()) {
            JsonNode v = values.get(fact);
            if (v != null && !v.isNull()) {
                attributes.put("fact." + fact, v.isValueNode() ? v.asText() : v.toString());
            }
        }
        return new HostObservation(
                host.hostId(),
                host.mac(),
                host.vmid(),
                host.fqdn(),
                host.ip(),
                host.source(),
                attributes);
    }

    /** The body as a JSON object, or null (rejected) when it is none. */
    private static @Nullable JsonNode object(byte[] body, String where, List<Rejected> rejected) {
        JsonNode tree = DiscoveryJson.read(body, where, rejected::add);
        if (tree != null && !tree.isObject()) {
            rejected.add(
                    new Rejected(
                            body,
                            DeadLetterCause.MALFORMED_JSON,
                            where + ": response is no JSON object"));
            return null;
        }
        return tree;
    }

    /** Two Foreman hosts with one MAC (a re-provisioned machine) are one host: the last wins. */
    private static List<HostObservation> dedupe(List<HostObservation> hosts) {
        Map<String, HostObservation> byId = new java.util.LinkedHashMap<>();
        for (HostObservation h : hosts) {
            byId.put(h.hostId(), h);
        }
        return List.copyOf(byId.values());
    }

    private URI uri(String pathAndQuery) {
        return HttpSource.resolve(settings.baseUri(), pathAndQuery);
    }

    private static String abbreviate(String s) {
        return "'" + (s.length() <= 40 ? s : s.substring(0, 40) + "...") + "'";
    }
}
