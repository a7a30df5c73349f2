package org.ralf.executor.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.Optional;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;

/**
 * JSON encoding of the executor's wire records. Unknown properties are rejected: a field the
 * signature does not cover must not slip through.
 */
public final class CommandCodec {

    /** The mapper; ISO-8601 instants, unknown properties fail. */
    public static final ObjectMapper MAPPER =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();

    private CommandCodec() {}

    /** Decodes a command. */
    public static ActionCommand command(byte[] json) throws IOException {
        return MAPPER.readValue(json, ActionCommand.class);
    }

    /** Decodes an approval. */
    public static Approval approval(byte[] json) throws IOException {
        return MAPPER.readValue(json, Approval.class);
    }

    /** Decodes a result. */
    public static CommandResult result(byte[] json) throws IOException {
        return MAPPER.readValue(json, CommandResult.class);
    }

    /** Encodes any record. */
    public static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /** Encodes any record as a string. */
    public static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    /**
     * Best-effort text field of an undecodable payload (to address a rejection result), empty when
     * the payload is not a JSON object or lacks the field.
     */
    public static Optional<String> peek(byte[] json, String field) {
        try {
            JsonNode node = MAPPER.readTree(json);
            JsonNode v = node == null ? null : node.get(field);
            return v != null && v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
