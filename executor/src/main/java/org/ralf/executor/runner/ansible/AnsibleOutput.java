package org.ralf.executor.runner.ansible;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ralf.schemas.command.HostCounts;

/**
 * What the {@code json} stdout callback of ansible-playbook reports: per-host counts from {@code
 * stats} and the messages of failed or unreachable host results.
 *
 * @param hostCounts counts per host
 * @param problems "host: task: message" for each failed or unreachable host result
 */
public record AnsibleOutput(Map<String, HostCounts> hostCounts, List<String> problems) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies collections. */
    public AnsibleOutput {
        hostCounts = Map.copyOf(hostCounts);
        problems = List.copyOf(problems);
    }

    /**
     * Parses the callback's JSON document; empty when stdout is not such a document (for example
     * when ansible-playbook failed before the callback was loaded).
     */
    public static Optional<AnsibleOutput> parse(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        JsonNode root;
        try {
            // Warnings may precede the document; the document itself is the first JSON object.
            root = MAPPER.readTree(stdout.substring(start));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.has("stats")) {
            return Optional.empty();
        }
        Map<String, HostCounts> counts = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> h : root.get("stats").properties()) {
            JsonNode s = h.getValue();
            counts.put(
                    h.getKey(),
                    new HostCounts(
                            s.path("ok").asInt(),
                            s.path("changed").asInt(),
                            s.path("failures").asInt(),
                            s.path("unreachable").asInt(),
                            s.path("skipped").asInt()));
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode play : root.path("plays")) {
            for (JsonNode task : play.path("tasks")) {
                String taskName = task.path("task").path("name").asText("");
                for (Map.Entry<String, JsonNode> r : task.path("hosts").properties()) {
                    JsonNode v = r.getValue();
                    if (v.path("failed").asBoolean(false)
                            || v.path("unreachable").asBoolean(false)) {
                        problems.add(
                                r.getKey() + ": " + taskName + ": " + v.path("msg").asText(""));
                    }
                }
            }
        }
        return Optional.of(new AnsibleOutput(counts, problems));
    }
}
