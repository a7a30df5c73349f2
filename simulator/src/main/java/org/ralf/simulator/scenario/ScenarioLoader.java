package org.ralf.simulator.scenario;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.ralf.simulator.model.ServiceType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads scenario YAML (see docs/simulator.md for the format) and validates it: every error names
 * the scenario and the path of the offending field, for example {@code scenario 'x':
 * faults[1].entity: unknown service 'web/foo'}. A scenario without a {@code homelab} section uses
 * the built-in homelab ({@code scenarios/homelab.yaml}).
 */
public final class ScenarioLoader {

    /** Names of the scenarios shipped in {@code simulator/src/main/resources/scenarios/}. */
    public static final List<String> BUILT_IN =
            List.of("default", "infrastructure", "capacity", "deployments", "smoke");

    private static final String RESOURCE_DIR = "/scenarios/";
    private static final Set<String> TOP_KEYS =
            Set.of("name", "description", "seed", "start", "duration", "step", "homelab", "faults");

    private ScenarioLoader() {}

    /** Loads a built-in scenario by name, or a file if {@code nameOrPath} ends with .yaml/.yml. */
    public static Scenario load(String nameOrPath) throws ScenarioException {
        if (nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml")) {
            Path p = Path.of(nameOrPath);
            String fileName = p.getFileName().toString();
            String name = fileName.substring(0, fileName.lastIndexOf('.'));
            try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
                return parse(name, r);
            } catch (IOException e) {
                throw new ScenarioException("cannot read scenario file " + p + ": " + e, e);
            }
        }
        return parse(nameOrPath, resource(nameOrPath));
    }

    /** Parses and validates scenario YAML text. */
    public static Scenario parse(String name, String yaml) throws ScenarioException {
        return parse(name, new StringReader(yaml));
    }

    private static String resource(String name) throws ScenarioException {
        try (InputStream in =
                ScenarioLoader.class.getResourceAsStream(RESOURCE_DIR + name + ".yaml")) {
            if (in == null) {
                throw new ScenarioException(
                        "unknown scenario '" + name + "' (built-in: " + BUILT_IN + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException("cannot read scenario '" + name + "': " + e, e);
        }
    }

    private static Scenario parse(String name, Reader reader) throws ScenarioException {
        Ctx c = new Ctx(name);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
        } catch (YAMLException e) {
            throw new ScenarioException(
                    "scenario '" + name + "': not valid YAML: " + e.getMessage(), e);
        }
        Map<String, Object> top = c.map(root, "(root)");
        for (String k : top.keySet()) {
            if (!TOP_KEYS.contains(k)) {
                throw c.error(k, "unknown key (known: " + new java.util.TreeSet<>(TOP_KEYS) + ")");
            }
        }
        String scenarioName = top.containsKey("name") ? c.str(top, "name", "name") : name;
        String description =
                top.containsKey("description") ? c.str(top, "description", "description") : "";
        long seed = top.containsKey("seed") ? c.longValue(top.get("seed"), "seed") : 42L;
        Instant start =
                top.containsKey("start")
                        ? c.instant(top.get("start"), "start")
                        : Instant.parse("2026-01-05T06:00:00Z");
        Duration duration = c.duration(c.required(top, "duration", "duration"), "duration");
        Duration step =
                top.containsKey("step")
                        ? c.duration(top.get("step"), "step")
                        : Duration.ofSeconds(15);
        if (duration.isZero() || duration.isNegative()) {
            throw c.error("duration", "must be positive");
        }
        if (step.isZero() || step.isNegative() || step.compareTo(duration) > 0) {
            throw c.error("step", "must be positive and not longer than duration");
        }

        Map<String, Object> homelab = homelab(c, top);
        Map<String, NodeSpec> nodeByName = nodes(c, homelab);
        Map<String, GuestSpec> guestByName = guests(c, homelab, nodeByName);
        Map<String, String> joinedBy = new HashMap<>();
        List<FaultSpec> faults = faults(c, top, duration, nodeByName, guestByName, joinedBy);
        checkJoins(c, guestByName.values(), nodeByName, joinedBy);
        return new Scenario(
                scenarioName,
                description,
                seed,
                start,
                duration,
                step,
                List.copyOf(nodeByName.values()),
                List.copyOf(guestByName.values()),
                faults);
    }

    /** The scenario's homelab section, or the built-in homelab when it has none. */
    private static Map<String, Object> homelab(Ctx c, Map<String, Object> top)
            throws ScenarioException {
        if (top.containsKey("homelab")) {
            return c.map(top.get("homelab"), "homelab");
        } else {
            Ctx hc = new Ctx("homelab");
            try {
                return hc.map(
                        new Yaml(new SafeConstructor(new LoaderOptions()))
                                .load(resource("homelab")),
                        "(root)");
            } catch (YAMLException e) {
                throw new ScenarioException("built-in homelab: " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, NodeSpec> nodes(Ctx c, Map<String, Object> homelab)
            throws ScenarioException {
        Map<String, NodeSpec> nodeByName = new LinkedHashMap<>();
        List<Object> nodeList =
                c.list(c.required(homelab, "nodes", "homelab.nodes"), "homelab.nodes");
        for (int i = 0; i < nodeList.size(); i++) {
            String p = "homelab.nodes[" + i + "]";
            Map<String, Object> n = c.map(nodeList.get(i), p);
            c.allowKeys(n, p, "name", "cpus", "memoryGiB", "diskGiB", "present");
            String nn = c.hostName(c.str(n, "name", p + ".name"), p + ".name");
            NodeSpec spec =
                    new NodeSpec(
                            nn,
                            c.positiveInt(n.getOrDefault("cpus", 8), p + ".cpus"),
                            c.gib(n.getOrDefault("memoryGiB", 32), p + ".memoryGiB"),
                            c.gib(n.getOrDefault("diskGiB", 256), p + ".diskGiB"),
                            c.bool(n.getOrDefault("present", true), p + ".present"));
            if (nodeByName.put(nn, spec) != null) {
                throw c.error(p + ".name", "duplicate node '" + nn + "'");
            }
        }
        if (nodeByName.isEmpty()) {
            throw c.error("homelab.nodes", "at least one node is needed");
        }
        return nodeByName;
    }

    private static Map<String, GuestSpec> guests(
            Ctx c, Map<String, Object> homelab, Map<String, NodeSpec> nodeByName)
            throws ScenarioException {
        Map<String, GuestSpec> guestByName = new LinkedHashMap<>();
        Set<Integer> vmids = new HashSet<>();
        List<Object> guestList =
                c.list(homelab.getOrDefault("guests", List.of()), "homelab.guests");
        for (int i = 0; i < guestList.size(); i++) {
            String p = "homelab.guests[" + i + "]";
            Map<String, Object> g = c.map(guestList.get(i), p);
            c.allowKeys(
                    g,
                    p,
                    "vmid",
                    "name",
                    "type",
                    "node",
                    "cores",
                    "memoryGiB",
                    "diskGiB",
                    "services",
                    "present");
            int vmid = c.positiveInt(c.required(g, "vmid", p + ".vmid"), p + ".vmid");
            if (vmid < 100 || !vmids.add(vmid)) {
                throw c.error(p + ".vmid", "must be a unique id >= 100, was " + vmid);
            }
            String gn = c.hostName(c.str(g, "name", p + ".name"), p + ".name");
            if (nodeByName.containsKey(gn) || guestByName.containsKey(gn)) {
                throw c.error(p + ".name", "duplicate host name '" + gn + "'");
            }
            String type = String.valueOf(g.getOrDefault("type", "lxc"));
            if (!type.equals("qemu") && !type.equals("lxc")) {
                throw c.error(p + ".type", "must be qemu or lxc, was '" + type + "'");
            }
            String node = c.str(g, "node", p + ".node");
            if (!nodeByName.containsKey(node)) {
                throw c.error(
                        p + ".node",
                        "unknown node '" + node + "' (nodes: " + nodeByName.keySet() + ")");
            }
            List<String> services = new ArrayList<>();
            List<Object> sl = c.list(g.getOrDefault("services", List.of()), p + ".services");
            for (int j = 0; j < sl.size(); j++) {
                String s = String.valueOf(sl.get(j));
                try {
                    ServiceType.fromName(s);
                } catch (IllegalArgumentException e) {
                    throw c.error(p + ".services[" + j + "]", e.getMessage());
                }
                if (services.contains(s)) {
                    throw c.error(p + ".services[" + j + "]", "duplicate service '" + s + "'");
                }
                services.add(s);
            }
            boolean present = c.bool(g.getOrDefault("present", true), p + ".present");
            if (present && !nodeByName.get(node).present()) {
                throw c.error(
                        p + ".present", "a present guest cannot be on absent node '" + node + "'");
            }
            GuestSpec spec =
                    new GuestSpec(
                            vmid,
                            gn,
                            type,
                            node,
                            c.positiveInt(g.getOrDefault("cores", 2), p + ".cores"),
                            c.gib(g.getOrDefault("memoryGiB", 2), p + ".memoryGiB"),
                            c.gib(g.getOrDefault("diskGiB", 16), p + ".diskGiB"),
                            services,
                            present);
            guestByName.put(gn, spec);
        }
        return guestByName;
    }

    private static List<FaultSpec> faults(
            Ctx c,
            Map<String, Object> top,
            Duration duration,
            Map<String, NodeSpec> nodeByName,
            Map<String, GuestSpec> guestByName,
            Map<String, String> joinedBy)
            throws ScenarioException {
        List<FaultSpec> faults = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<Object> faultList = c.list(top.getOrDefault("faults", List.of()), "faults");
        for (int i = 0; i < faultList.size(); i++) {
            String p = "faults[" + i + "]";
            Map<String, Object> f = c.map(faultList.get(i), p);
            c.allowKeys(f, p, "id", "kind", "entity", "start", "end", "params");
            String id = c.str(f, "id", p + ".id");
            if (!id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") || !ids.add(id)) {
                throw c.error(
                        p + ".id",
                        "must be a unique word of letters, digits, '-', '_', '.', was '"
                                + id
                                + "'");
            }
            FaultKind kind;
            try {
                kind = FaultKind.fromYaml(c.str(f, "kind", p + ".kind"));
            } catch (IllegalArgumentException e) {
                throw c.error(p + ".kind", e.getMessage());
            }
            String entity = c.str(f, "entity", p + ".entity");
            checkTarget(c, p + ".entity", kind, entity, nodeByName, guestByName);
            if (kind.target() == FaultKind.Target.ABSENT_HOST) {
                String prev = joinedBy.put(entity, id);
                if (prev != null) {
                    throw c.error(p + ".entity", "'" + entity + "' already joins by fault " + prev);
                }
                if (kind == FaultKind.PBS_APPEARS
                        && (!guestByName.containsKey(entity)
                                || !guestByName
                                        .get(entity)
                                        .services()
                                        .contains("proxmox-backup"))) {
                    throw c.error(
                            p + ".entity",
                            "pbs-appears needs an absent guest running service 'proxmox-backup'");
                }
            }
            Duration fs = c.duration(c.required(f, "start", p + ".start"), p + ".start");
            Duration fe = c.duration(c.required(f, "end", p + ".end"), p + ".end");
            if (fs.isNegative() || fs.compareTo(duration) >= 0) {
                throw c.error(p + ".start", "must be within [0, duration), was " + fs);
            }
            if (fe.compareTo(fs) <= 0) {
                throw c.error(p + ".end", "must be after start (" + fs + "), was " + fe);
            }
            Map<String, Double> params = new LinkedHashMap<>();
            Map<String, Object> pm = c.map(f.getOrDefault("params", Map.of()), p + ".params");
            for (Map.Entry<String, Object> e : pm.entrySet()) {
                if (!(e.getValue() instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                    throw c.error(
                            p + ".params." + e.getKey(), "must be a number, was " + e.getValue());
                }
                params.put(e.getKey(), num.doubleValue());
            }
            faults.add(new FaultSpec(id, kind, entity, fs, fe, params));
        }
        return faults;
    }

    private static void checkJoins(
            Ctx c,
            Iterable<GuestSpec> guests,
            Map<String, NodeSpec> nodeByName,
            Map<String, String> joinedBy)
            throws ScenarioException {
        // absent hosts without a join fault simply never appear; a joining guest needs its node
        for (GuestSpec g : guests) {
            if (joinedBy.containsKey(g.name())
                    && !nodeByName.get(g.node()).present()
                    && !joinedBy.containsKey(g.node())) {
                throw c.error(
                        "faults",
                        "guest '"
                                + g.name()
                                + "' joins (fault "
                                + joinedBy.get(g.name())
                                + ") on node '"
                                + g.node()
                                + "' that never joins");
            }
        }
    }

    private static void checkTarget(
            Ctx c,
            String path,
            FaultKind kind,
            String entity,
            Map<String, NodeSpec> nodes,
            Map<String, GuestSpec> guests)
            throws ScenarioException {
        boolean isNode = nodes.containsKey(entity);
        boolean isGuest = guests.containsKey(entity);
        boolean isService = false;
        int slash = entity.indexOf('/');
        if (slash > 0) {
            GuestSpec g = guests.get(entity.substring(0, slash));
            isService = g != null && g.services().contains(entity.substring(slash + 1));
            if (!isService) {
                throw c.error(
                        path,
                        "unknown service '"
                                + entity
                                + "' (write guest/service, e.g. media/jellyfin)");
            }
        } else if (!isNode && !isGuest) {
            throw c.error(path, "unknown entity '" + entity + "'");
        }
        boolean present =
                isNode
                        ? nodes.get(entity).present()
                        : isGuest
                                ? guests.get(entity).present()
                                : guests.get(entity.substring(0, slash)).present();
        boolean ok =
                switch (kind.target()) {
                    case SERVICE -> isService;
                    case HOST -> isNode || isGuest;
                    case HOST_OR_SERVICE -> true;
                    case NODE -> isNode;
                    case ABSENT_HOST -> (isNode || isGuest) && !present;
                };
        if (!ok) {
            String want =
                    switch (kind.target()) {
                        case SERVICE -> "a service (guest/service)";
                        case HOST -> "a node or guest";
                        case HOST_OR_SERVICE -> "a node, guest or service";
                        case NODE -> "a Proxmox node";
                        case ABSENT_HOST -> "a node or guest declared with present: false";
                    };
            throw c.error(path, kind.yamlName() + " needs " + want + ", got '" + entity + "'");
        }
    }

    /** Parsing context: the scenario name for messages and typed accessors. */
    private record Ctx(String scenario) {

        ScenarioException error(String path, String message) {
            return new ScenarioException("scenario '" + scenario + "': " + path + ": " + message);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(@Nullable Object o, String path) throws ScenarioException {
            if (o instanceof Map<?, ?> m) {
                for (Object k : m.keySet()) {
                    if (!(k instanceof String)) {
                        throw error(path, "keys must be strings, found " + k);
                    }
                }
                return (Map<String, Object>) m;
            }
            throw error(path, "must be a mapping, was " + describe(o));
        }

        @SuppressWarnings("unchecked")
        List<Object> list(@Nullable Object o, String path) throws ScenarioException {
            if (o instanceof List<?> l) {
                return (List<Object>) l;
            }
            throw error(path, "must be a list, was " + describe(o));
        }

        Object required(Map<String, Object> m, String key, String path) throws ScenarioException {
            Object v = m.get(key);
            if (v == null) {
                throw error(path, "is required");
            }
            return v;
        }

        String str(Map<String, Object> m, String key, String path) throws ScenarioException {
            Object v = required(m, key, path);
            String s = String.valueOf(v).trim();
            if (s.isEmpty()) {
                throw error(path, "must not be empty");
            }
            return s;
        }

        String hostName(String s, String path) throws ScenarioException {
            if (!s.matches("[a-z0-9][a-z0-9-]*")) {
                throw error(
                        path,
                        "must be a host name of lower-case letters, digits and '-', was '"
                                + s
                                + "'");
            }
            return s;
        }

        void allowKeys(Map<String, Object> m, String path, String... keys)
                throws ScenarioException {
            Set<String> allowed = Set.of(keys);
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw error(
                            path + "." + k,
                            "unknown key (known: " + new java.util.TreeSet<>(allowed) + ")");
                }
            }
        }

        long longValue(Object o, String path) throws ScenarioException {
            if (o instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
                return n.longValue();
            }
            throw error(path, "must be an integer, was " + describe(o));
        }

        int positiveInt(Object o, String path) throws ScenarioException {
            long v = longValue(o, path);
            if (v <= 0 || v > Integer.MAX_VALUE) {
                throw error(path, "must be a positive integer, was " + v);
            }
            return (int) v;
        }

        long gib(Object o, String path) throws ScenarioException {
            if (o instanceof Number n && n.doubleValue() > 0 && Double.isFinite(n.doubleValue())) {
                return (long) (n.doubleValue() * (1L << 30));
            }
            throw error(path, "must be a positive number of GiB, was " + describe(o));
        }

        boolean bool(Object o, String path) throws ScenarioException {
            if (o instanceof Boolean b) {
                return b;
            }
            throw error(path, "must be true or false, was " + describe(o));
        }

        Instant instant(Object o, String path) throws ScenarioException {
            if (o instanceof java.util.Date d) {
                return d.toInstant();
            }
            try {
                return Instant.parse(String.valueOf(o));
            } catch (DateTimeParseException e) {
                throw error(
                        path, "must be an ISO-8601 instant like 2026-01-05T06:00:00Z, was " + o);
            }
        }

        Duration duration(Object o, String path) throws ScenarioException {
            String s = String.valueOf(o).trim();
            try {
                if (s.startsWith("P") || s.startsWith("p")) {
                    return Duration.parse(s);
                }
                int i = 0;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                if (i == 0) {
                    throw new IllegalArgumentException();
                }
                long n = Long.parseLong(s.substring(0, i));
                return switch (s.substring(i)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    case "d" -> Duration.ofDays(n);
                    default -> throw new IllegalArgumentException();
                };
            } catch (RuntimeException e) {
                throw error(
                        path, "must be a duration like 90s, 15m, 2h or PT1H30M, was '" + s + "'");
            }
        }

        private static String describe(@Nullable Object o) {
            return o == null ? "nothing" : o.getClass().getSimpleName() + " '" + o + "'";
        }
    }
}
