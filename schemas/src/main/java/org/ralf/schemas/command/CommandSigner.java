package org.ralf.schemas.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies {@link ActionCommand}s with HMAC-SHA256.
 *
 * <p>The signed bytes are the command serialised as JSON with the {@code signature} field set to
 * null, object keys sorted alphabetically at every level and instants as ISO-8601 strings, so that
 * any producer (the remediation job, a test, an operator's script) can reproduce them. Several key
 * ids can be valid at once, which is how keys rotate.
 */
public final class CommandSigner {

    private static final String ALGORITHM = "HmacSHA256";

    private static final ObjectMapper CANONICAL =
            JsonMapper.builder()
                    .addModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                    .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                    .build();

    private final Map<String, byte[]> secretsByKeyId;

    /**
     * @param secretsByKeyId the secret of every valid key id; must not be empty
     */
    public CommandSigner(Map<String, byte[]> secretsByKeyId) {
        if (secretsByKeyId.isEmpty()) {
            throw new IllegalArgumentException("at least one signing key is required");
        }
        this.secretsByKeyId = Map.copyOf(secretsByKeyId);
    }

    /** The exact bytes covered by the signature. */
    public static byte[] canonicalBytes(ActionCommand command) {
        try {
            return CANONICAL.writeValueAsBytes(command.withSignature(command.keyId(), null));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "command cannot be serialised: " + e.getMessage(), e);
        }
    }

    /** Returns the command signed with the given key id. */
    public ActionCommand sign(ActionCommand command, String keyId) {
        byte[] secret = secretsByKeyId.get(keyId);
        if (secret == null) {
            throw new IllegalArgumentException("unknown signing key id: " + keyId);
        }
        ActionCommand withKey = command.withSignature(keyId, null);
        return withKey.withSignature(keyId, hmacHex(secret, canonicalBytes(withKey)));
    }

    /**
     * Whether the command carries a valid signature by one of the known keys. Comparison is
     * constant-time.
     */
    public boolean verify(ActionCommand command) {
        if (command.signature() == null || command.keyId() == null) {
            return false;
        }
        byte[] secret = secretsByKeyId.get(command.keyId());
        if (secret == null) {
            return false;
        }
        byte[] expected =
                hmacHex(secret, canonicalBytes(command)).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = command.signature().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual);
    }

    private static String hmacHex(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(Objects.requireNonNull(secret), ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
