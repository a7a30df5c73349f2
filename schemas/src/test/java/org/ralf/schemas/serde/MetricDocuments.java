package org.ralf.schemas.serde;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metric sample documents for tests that probe decoding field by field: {@link EventSerdeTest} and,
 * through this module's test jar, the detect job's decoder test, which must agree with the serde on
 * the same inputs.
 */
public final class MetricDocuments {

    private MetricDocuments() {}

    /** A valid metric document with one field replaced (or removed, when the value is null). */
    public static String metric(String field, String jsonValue) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("schemaVersion", "1");
        fields.put("seriesId", "\"up{job=\\\"node\\\"}\"");
        fields.put("name", "\"up\"");
        fields.put("labels", "{\"job\":\"node\"}");
        fields.put("value", "1.0");
        fields.put("timestamp", "\"2026-11-25T22:00:00Z\"");
        fields.put("source", "\"test\"");
        if (jsonValue == null) {
            fields.remove(field);
        } else {
            fields.put(field, jsonValue);
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach(
                (k, v) ->
                        json.append(json.length() > 1 ? "," : "")
                                .append('"')
                                .append(k)
                                .append("\":")
                                .append(v));
        return json.append('}').toString();
    }
}
