package org.ralf.executor.command;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.ralf.schemas.command.ActionCommand;

/**
 * Structural validation of a decoded {@link ActionCommand} against its schema (version, required
 * fields, lengths, timeout range). Authorisation is the job of the signature check and the
 * allowlist, not of this class.
 */
public final class CommandValidator {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/@+=-]{0,199}");

    private final Duration maxTimeout;

    /** Creates a validator that rejects timeouts above {@code maxTimeout}. */
    public CommandValidator(Duration maxTimeout) {
        this.maxTimeout = maxTimeout;
    }

    /** Every problem found; empty when the command is structurally valid. */
    public List<String> problems(ActionCommand c) {
        List<String> out = new ArrayList<>();
        if (c.schemaVersion() != ActionCommand.SCHEMA_VERSION) {
            out.add("unsupported schemaVersion " + c.schemaVersion());
        }
        text(out, "commandId", c.commandId());
        text(out, "idempotencyKey", c.idempotencyKey());
        if (c.idempotencyKey() != null && !KEY.matcher(c.idempotencyKey()).matches()) {
            out.add("idempotencyKey has invalid characters or length");
        }
        if (c.issuedAt() == null) {
            out.add("issuedAt is required");
        }
        if (c.kind() == null) {
            out.add("kind is required");
        }
        text(out, "action", c.action());
        text(out, "target", c.target());
        text(out, "keyId", c.keyId());
        if (c.reason() == null) {
            out.add("reason is required");
        }
        if (c.params() == null) {
            out.add("params is required (may be empty)");
        }
        if (c.timeoutSeconds() <= 0 || c.timeoutSeconds() > maxTimeout.toSeconds()) {
            out.add("timeoutSeconds must be between 1 and " + maxTimeout.toSeconds());
        }
        return out;
    }

    private static void text(List<String> out, String name, String value) {
        if (value == null || value.isBlank()) {
            out.add(name + " is required");
        } else if (value.length() > 200) {
            out.add(name + " is longer than 200 characters");
        }
    }
}
