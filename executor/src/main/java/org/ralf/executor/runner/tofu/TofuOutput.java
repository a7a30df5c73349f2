package org.ralf.executor.runner.tofu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.annotation.Nullable;

/**
 * The machine-readable UI stream of {@code tofu plan -json} / {@code tofu apply -json}: one JSON
 * object per line with {@code @level}, {@code @message}, {@code type}. Only the messages the
 * executor reports on are kept; lines that are not JSON objects are ignored.
 *
 * @param summary the last {@code change_summary}, or null when none was emitted
 * @param plannedChanges "action address" of every {@code planned_change}
 * @param errors summary (and detail) of every error {@code diagnostic}
 * @param appliedResources number of {@code apply_complete} messages
 * @param erroredResources number of {@code apply_errored} messages
 */
public record TofuOutput(
        @Nullable ChangeSummary summary,
        List<String> plannedChanges,
        List<String> errors,
        int appliedResources,
        int erroredResources) {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Copies the lists. */
    public TofuOutput {
        plannedChanges = List.copyOf(plannedChanges);
        errors = List.copyOf(errors);
    }

    /**
     * A {@code change_summary}.
     *
     * @param add resources to add / added
     * @param change resources to change / changed
     * @param remove resources to destroy / destroyed
     * @param operation {@code plan}, {@code apply} or {@code destroy}
     */
    public record ChangeSummary(int add, int change, int remove, String operation) {

        /** Human-readable, in OpenTofu's own words. */
        public String describe() {
            if ("plan".equals(operation)) {
                return "plan: "
                        + add
                        + " to add, "
                        + change
                        + " to change, "
                        + remove
                        + " to destroy";
            }
            return operation
                    + ": "
                    + add
                    + " added, "
                    + change
                    + " changed, "
                    + remove
                    + " destroyed";
        }
    }

    /** Parses the JSON lines of one tofu invocation. */
    public static TofuOutput parse(String jsonLines) {
        ChangeSummary summary = null;
        List<String> planned = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int applied = 0;
        int errored = 0;
        for (String line : jsonLines.split("\n")) {
            String l = line.strip();
            if (!l.startsWith("{")) {
                continue;
            }
            JsonNode m;
            try {
                m = MAPPER.readTree(l);
            } catch (IOException e) {
                continue;
            }
            switch (m.path("type").asText("")) {
                case "change_summary" -> {
                    JsonNode c = m.path("changes");
                    summary =
                            new ChangeSummary(
                                    c.path("add").asInt(),
                                    c.path("change").asInt(),
                                    c.path("remove").asInt(),
                                    c.path("operation").asText("plan"));
                }
                case "planned_change" -> {
                    JsonNode c = m.path("change");
                    planned.add(
                            c.path("action").asText("?")
                                    + " "
                                    + c.path("resource").path("addr").asText("?"));
                }
                case "diagnostic" -> {
                    JsonNode d = m.path("diagnostic");
                    if ("error".equals(d.path("severity").asText())) {
                        String detail = d.path("detail").asText("");
                        errors.add(
                                d.path("summary").asText("error")
                                        + (detail.isEmpty() ? "" : ": " + detail));
                    }
                }
                case "apply_complete" -> applied++;
                case "apply_errored" -> errored++;
                default -> {
                    // version, log, refresh_*, apply_start, outputs ... are not reported on
                }
            }
        }
        return new TofuOutput(summary, planned, errors, applied, errored);
    }
}
