package org.ralf.connectors.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Prometheus file-based service discovery files (JSON form): an array of {@code {"targets":
 * ["host:port", ...], "labels": {"name": "value", ...}}} objects, {@code labels} optional.
 */
public final class FileSd {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FileSd() {}

    /**
     * Parses one file's content.
     *
     * @throws IllegalArgumentException with the reason if it is not a valid file_sd document
     */
    public static List<ScrapeJob.TargetGroup> parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("file_sd: not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("file_sd: the document must be a JSON array");
        }
        List<ScrapeJob.TargetGroup> groups = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode g = root.get(i);
            JsonNode targets = g.get("targets");
            if (targets == null || !targets.isArray()) {
                throw new IllegalArgumentException("file_sd[" + i + "]: 'targets' must be a list");
            }
            List<String> t = new ArrayList<>();
            for (JsonNode n : targets) {
                if (!n.isTextual() || n.asText().isBlank()) {
                    throw new IllegalArgumentException(
                            "file_sd[" + i + "]: targets must be host:port strings");
                }
                t.add(n.asText());
            }
            Map<String, String> labels = new LinkedHashMap<>();
            JsonNode l = g.get("labels");
            if (l != null && !l.isNull()) {
                if (!l.isObject()) {
                    throw new IllegalArgumentException(
                            "file_sd[" + i + "]: 'labels' must be an object");
                }
                for (Map.Entry<String, JsonNode> e : l.properties()) {
                    if (!e.getValue().isTextual()) {
                        throw new IllegalArgumentException(
                                "file_sd[" + i + "]: label " + e.getKey() + " must be a string");
                    }
                    labels.put(e.getKey(), e.getValue().asText());
                }
            }
            groups.add(new ScrapeJob.TargetGroup(t, labels));
        }
        return groups;
    }
}
