package org.ralf.simulator.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.ralf.schemas.serde.Json;

/**
 * The scored outcome of a run: per fault and totals. {@link #toJson()} has the fields of the demo
 * report: per fault {@code id, kind, entity, injectedAt, detected, detectedBy, delaySeconds,
 * actions, recovered}; totals {@code recall, precision, falseAlarms, recoveredShare}.
 *
 * @param scenario scenario name
 * @param seed seed of the run
 * @param faults per-fault outcomes, in start order
 * @param totals the totals
 */
public record Report(String scenario, long seed, List<FaultOutcome> faults, Totals totals) {

    /** Copies the list. */
    public Report {
        faults = List.copyOf(faults);
    }

    /** The report as pretty-printed JSON. */
    public String toJson() {
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJsonTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values is always JSON", e);
        }
    }

    /** The report as a JSON tree (callers may add fields before writing it). */
    public ObjectNode toJsonTree() {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("scenario", scenario);
        root.put("seed", seed);
        ArrayNode list = root.putArray("faults");
        for (FaultOutcome f : faults) {
            ObjectNode o = list.addObject();
            o.put("id", f.id());
            o.put("kind", f.kind());
            o.put("entity", f.entity());
            o.put("injectedAt", f.injectedAt().toString());
            o.put("detected", f.detected());
            if (f.detectedBy() == null) {
                o.putNull("detectedBy");
            } else {
                o.put("detectedBy", f.detectedBy());
            }
            if (f.delaySeconds() == null) {
                o.putNull("delaySeconds");
            } else {
                o.put("delaySeconds", f.delaySeconds());
            }
            ArrayNode a = o.putArray("actions");
            f.actions().forEach(a::add);
            o.put("recovered", f.recovered());
        }
        ObjectNode t = root.putObject("totals");
        t.put("faults", totals.faults());
        t.put("detected", totals.detected());
        t.put("anomalies", totals.anomalies());
        t.put("recall", totals.recall());
        t.put("precision", totals.precision());
        t.put("falseAlarms", totals.falseAlarms());
        t.put("recoveredShare", totals.recoveredShare());
        return root;
    }

    /** The report as a Markdown table with a totals line. */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("## Scenario `").append(scenario).append("` (seed ").append(seed).append(")\n\n");
        b.append(
                "| fault | kind | entity | injected | detected | by | delay s | actions | recovered |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (FaultOutcome f : faults) {
            b.append("| ")
                    .append(f.id())
                    .append(" | ")
                    .append(f.kind())
                    .append(" | ")
                    .append(f.entity())
                    .append(" | ")
                    .append(f.injectedAt())
                    .append(" | ")
                    .append(f.detected() ? "yes" : "no")
                    .append(" | ")
                    .append(f.detectedBy() == null ? "" : f.detectedBy())
                    .append(" | ")
                    .append(
                            f.delaySeconds() == null
                                    ? ""
                                    : String.format(Locale.ROOT, "%.0f", f.delaySeconds()))
                    .append(" | ")
                    .append(String.join(", ", f.actions()))
                    .append(" | ")
                    .append(f.recovered() ? "yes" : "no")
                    .append(" |\n");
        }
        b.append(
                String.format(
                        Locale.ROOT,
                        "%nrecall %.2f (%d/%d) · precision %.2f (%d/%d anomalies matched) · false alarms %d · recovered %.2f%n",
                        totals.recall(),
                        totals.detected(),
                        totals.faults(),
                        totals.precision(),
                        totals.matchedAnomalies(),
                        totals.anomalies(),
                        totals.falseAlarms(),
                        totals.recoveredShare()));
        return b.toString();
    }
}
