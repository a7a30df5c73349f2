package org.ralf.connectors.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import javax.annotation.Nullable;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.serde.Json;

/**
 * The JSON reading the API readers (Foreman, Proxmox) share: a response body parsed into a tree
 * with a rejection instead of an exception, scalar fields read leniently, an entry's bytes for its
 * dead letter.
 */
final class DiscoveryJson {

    private static final ObjectMapper JSON = Json.mapper();

    private DiscoveryJson() {}

    /**
     * Parses a response body; a body that is no JSON is handed to {@code reject}.
     *
     * @param where the request, for the rejection's reason
     * @return the tree ({@link MissingNode} for an empty body), or null if it was rejected
     */
    static @Nullable JsonNode read(byte[] body, String where, Consumer<Rejected> reject) {
        try {
            JsonNode tree = JSON.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (JsonProcessingException e) {
            reject.accept(
                    new Rejected(
                            body,
                            DeadLetterCause.MALFORMED_JSON,
                            where + ": malformed JSON: " + e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            reject.accept(new Rejected(body, DeadLetterCause.MALFORMED_JSON, where + ": " + e));
            return null;
        }
    }

    /** A scalar field as text; null when absent, null, a container or blank. */
    static @Nullable String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.isContainerNode()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    /** Puts the attribute only when it has a value. */
    static void put(Map<String, String> m, String key, @Nullable String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    /** The entry as JSON bytes, for the dead letter of a rejected entry. */
    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            return node.toString().getBytes(StandardCharsets.UTF_8);
        }
    }
}
