package org.ralf.pipelines.remediation.policy;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.command.ActionKind;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Parses and validates a policy's YAML document (schema: {@code docs/remediation.md}). Every
 * problem is collected with its path, so one error message lists everything wrong with a document;
 * unknown keys are errors (a misspelt guard must not silently fall back to its default).
 */
public final class PolicyParser {

    /** Proxmox actions the executor knows. */
    public static final Set<String> PROXMOX_ACTIONS =
            Set.of("start", "shutdown", "stop", "reboot", "migrate", "snapshot", "backup");

    /** Proxmox actions that are destructive (and so always require approval). */
    public static final Set<String> DESTRUCTIVE_PROXMOX = Set.of("stop", "shutdown", "migrate");

    private static final Set<String> TOP_KEYS =
            Set.of(
                    "id",
                    "version",
                    "description",
                    "priority",
                    "match",
                    "actions",
                    "verifyWithin",
                    "guards",
                    "escalate");
    private static final Set<String> MATCH_KEYS =
            Set.of(
                    "anomalyKinds",
                    "detectors",
                    "metrics",
                    "entityRoles",
                    "entities",
                    "labels",
                    "minScore");
    private static final Set<String> GUARD_KEYS =
            Set.of("cooldown", "maxActionsPerHourPerTarget", "maxBlastRadius", "dryRun");
    private static final Set<String> ACTION_KEYS =
            Set.of(
                    "id",
                    "kind",
                    "action",
                    "params",
                    "destructive",
                    "requiresApproval",
                    "idempotent",
                    "timeout");
    private static final Set<String> ROLES = Set.of("node", "guest", "service", "unknown");

    private PolicyParser() {}

    /**
     * Reads a policy from a row of {@code ralf.policies} (a CDC row image).
     *
     * @throws PolicyException if the row or its document is invalid
     */
    public static Policy fromRow(Map<String, Object> row) throws PolicyException {
        Object id = row.get("policy_id");
        String policyId = id == null ? "<missing policy_id>" : id.toString();
        List<String> errors = new ArrayList<>();
        int version = 0;
        if (row.get("version") instanceof Number n) {
            version = n.intValue();
        } else {
            errors.add("version: missing or not a number");
        }
        boolean enabled = !Boolean.FALSE.equals(row.get("enabled"));
        if (id == null) {
            errors.add("policy_id: missing");
        }
        if (!(row.get("document") instanceof String document)) {
            errors.add("document: missing");
            throw new PolicyException(policyId, errors);
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(policyId, errors);
        }
        return parse(policyId, version, enabled, document);
    }

    /**
     * Parses a document.
     *
     * @param policyId id from the table row
     * @param version version from the table row
     * @param enabled enabled flag from the table row
     * @param yaml the document
     * @throws PolicyException listing every problem
     */
    public static Policy parse(String policyId, int version, boolean enabled, String yaml)
            throws PolicyException {
        Object root;
        try {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
        } catch (YAMLException e) {
            throw new PolicyException(policyId, List.of("not valid YAML: " + e.getMessage()));
        }
        List<String> errors = new ArrayList<>();
        Map<String, Object> doc = map(root, "<document>", errors);
        unknownKeys(doc, TOP_KEYS, "", errors);
        if (doc.get("id") != null && !policyId.equals(String.valueOf(doc.get("id")))) {
            errors.add("id: '" + doc.get("id") + "' differs from the row's policy_id");
        }
        if (doc.get("version") != null && !Integer.valueOf(version).equals(doc.get("version"))) {
            errors.add("version: " + doc.get("version") + " differs from the row's version");
        }
        if (version < 1) {
            errors.add("version: must be >= 1");
        }
        String description = string(doc, "description", "", "", errors);
        int priority = integer(doc, "priority", 0, "", errors, Integer.MIN_VALUE);
        PolicyMatch match =
                match(map(doc.getOrDefault("match", Map.of()), "match", errors), errors);
        long verifyMs = duration(doc, "verifyWithin", Duration.ofMinutes(5), "", errors);
        boolean escalate = bool(doc, "escalate", true, "", errors);
        PolicyGuards guards =
                guards(map(doc.getOrDefault("guards", Map.of()), "guards", errors), errors);
        List<CandidateAction> actions = new ArrayList<>();
        Object rawActions = doc.get("actions");
        if (!(rawActions instanceof List<?> list) || list.isEmpty()) {
            errors.add("actions: required, a non-empty list");
        } else {
            for (int i = 0; i < list.size(); i++) {
                CandidateAction a = action(list.get(i), "actions[" + i + "]", errors);
                if (a != null) {
                    actions.add(a);
                }
            }
            long distinct = actions.stream().map(CandidateAction::id).distinct().count();
            if (distinct != actions.size()) {
                errors.add("actions: ids must be unique");
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyException(policyId, errors);
        }
        return new Policy(
                policyId,
                version,
                enabled,
                description,
                priority,
                match,
                actions,
                verifyMs,
                guards,
                escalate);
    }

    private static PolicyMatch match(Map<String, Object> m, List<String> errors) {
        unknownKeys(m, MATCH_KEYS, "match.", errors);
        List<AnomalyKind> kinds = new ArrayList<>();
        for (String k : strings(m, "anomalyKinds", "match.", errors)) {
            try {
                kinds.add(AnomalyKind.valueOf(k));
            } catch (IllegalArgumentException e) {
                errors.add(
                        "match.anomalyKinds: unknown kind '"
                                + k
                                + "' (one of "
                                + List.of(AnomalyKind.values())
                                + ")");
            }
        }
        List<String> roles = strings(m, "entityRoles", "match.", errors);
        for (String r : roles) {
            if (!ROLES.contains(r)) {
                errors.add("match.entityRoles: unknown role '" + r + "' (one of " + ROLES + ")");
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e :
                map(m.getOrDefault("labels", Map.of()), "match.labels", errors).entrySet()) {
            labels.put(e.getKey(), String.valueOf(e.getValue()));
        }
        double minScore = number(m, "minScore", 0, "match.", errors);
        if (minScore < 0 || minScore > 1) {
            errors.add("match.minScore: must be in [0, 1], was " + minScore);
        }
        return new PolicyMatch(
                kinds,
                strings(m, "detectors", "match.", errors),
                strings(m, "metrics", "match.", errors),
                roles,
                strings(m, "entities", "match.", errors),
                labels,
                minScore);
    }

    private static PolicyGuards guards(Map<String, Object> g, List<String> errors) {
        unknownKeys(g, GUARD_KEYS, "guards.", errors);
        long cooldown = duration(g, "cooldown", Duration.ofMinutes(15), "guards.", errors);
        int perTarget = integer(g, "maxActionsPerHourPerTarget", 3, "guards.", errors, 1);
        double blast = number(g, "maxBlastRadius", 0.34, "guards.", errors);
        if (blast <= 0 || blast > 1) {
            errors.add("guards.maxBlastRadius: must be in (0, 1], was " + blast);
        }
        boolean dryRun = bool(g, "dryRun", false, "guards.", errors);
        return new PolicyGuards(cooldown, perTarget, blast, dryRun);
    }

    private static @Nullable CandidateAction action(Object raw, String at, List<String> errors) {
        int before = errors.size();
        Map<String, Object> a = map(raw, at, errors);
        unknownKeys(a, ACTION_KEYS, at + ".", errors);
        String kindText = string(a, "kind", null, at + ".", errors);
        ActionKind kind = null;
        if (kindText != null) {
            try {
                kind = ActionKind.valueOf(kindText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(
                        at
                                + ".kind: unknown '"
                                + kindText
                                + "' (one of "
                                + List.of(ActionKind.values())
                                + ")");
            }
        }
        String action =
                string(a, "action", kind == ActionKind.NOTIFY ? "notify" : null, at + ".", errors);
        String id = string(a, "id", action, at + ".", errors);
        boolean destructive = bool(a, "destructive", false, at + ".", errors);
        boolean approval = bool(a, "requiresApproval", false, at + ".", errors);
        boolean idempotent = bool(a, "idempotent", false, at + ".", errors);
        long timeout = duration(a, "timeout", Duration.ofMinutes(5), at + ".", errors);
        Map<String, Object> params =
                map(a.getOrDefault("params", Map.of()), at + ".params", errors);
        if (kind == ActionKind.PROXMOX && action != null && !PROXMOX_ACTIONS.contains(action)) {
            errors.add(
                    at
                            + ".action: unknown Proxmox action '"
                            + action
                            + "' (one of "
                            + PROXMOX_ACTIONS
                            + ")");
        }
        boolean inferred =
                kind == ActionKind.OPENTOFU
                        || (kind == ActionKind.PROXMOX && DESTRUCTIVE_PROXMOX.contains(action));
        if ((destructive || inferred) && !approval) {
            errors.add(
                    at
                            + ": destructive action "
                            + kind
                            + ":"
                            + action
                            + " must set requiresApproval: true");
        }
        if (timeout < 1000 || timeout > Duration.ofHours(6).toMillis()) {
            errors.add(at + ".timeout: must be between 1s and 6h");
        }
        if (errors.size() > before || kind == null || action == null || id == null) {
            return null;
        }
        return new CandidateAction(
                id,
                kind,
                action,
                params,
                destructive || inferred,
                approval,
                idempotent,
                (int) (timeout / 1000));
    }

    // ---- typed accessors that record errors instead of throwing

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object raw, String at, List<String> errors) {
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
            return out;
        }
        errors.add(at + ": must be a mapping");
        return Map.of();
    }

    private static void unknownKeys(
            Map<String, Object> m, Set<String> known, String at, List<String> errors) {
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                errors.add(
                        at + k + ": unknown key (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }

    private static @Nullable String string(
            Map<String, Object> m,
            String key,
            @Nullable String dflt,
            String at,
            List<String> errors) {
        Object v = m.get(key);
        if (v == null) {
            if (dflt == null) {
                errors.add(at + key + ": required");
            }
            return dflt;
        }
        if (!(v instanceof String s) || s.isBlank()) {
            errors.add(at + key + ": must be a non-empty string");
            return dflt;
        }
        return s;
    }

    private static List<String> strings(
            Map<String, Object> m, String key, String at, List<String> errors) {
        Object v = m.get(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            errors.add(at + key + ": must be a list of strings");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (o instanceof String s && !s.isBlank()) {
                out.add(s);
            } else {
                errors.add(at + key + ": element '" + o + "' is not a non-empty string");
            }
        }
        return out;
    }

    private static boolean bool(
            Map<String, Object> m, String key, boolean dflt, String at, List<String> errors) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        errors.add(at + key + ": must be true or false");
        return dflt;
    }

    private static int integer(
            Map<String, Object> m, String key, int dflt, String at, List<String> errors, int min) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Integer i && i >= min) {
            return i;
        }
        errors.add(at + key + ": must be an integer >= " + min);
        return dflt;
    }

    private static double number(
            Map<String, Object> m, String key, double dflt, String at, List<String> errors) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        errors.add(at + key + ": must be a number");
        return dflt;
    }

    private static long duration(
            Map<String, Object> m, String key, Duration dflt, String at, List<String> errors) {
        Object v = m.get(key);
        if (v == null) {
            return dflt.toMillis();
        }
        try {
            Duration d = parseDuration(String.valueOf(v));
            if (d.isNegative()) {
                errors.add(at + key + ": must not be negative");
                return dflt.toMillis();
            }
            return d.toMillis();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            errors.add(at + key + ": not a duration '" + v + "' (use 30s, 5m, 1h or PT5M)");
            return dflt.toMillis();
        }
    }

    /** Parses {@code 30s}, {@code 5m}, {@code 1h}, {@code 2d}, {@code 500ms} or ISO-8601. */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            return Duration.parse(t.toUpperCase(Locale.ROOT));
        }
        int i = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i))) {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException("not a duration: " + text);
        }
        long n = Long.parseLong(t.substring(0, i));
        return switch (t.substring(i).trim()) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
    }
}
