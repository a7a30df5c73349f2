package org.ralf.schemas.command;

import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;

/**
 * A human decision on a command that requires approval, value of topic {@code ralf.approvals} (key:
 * idempotency key).
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param idempotencyKey the command (by idempotency key) this approval is for
 * @param approver who decided (for example a Matrix user id); must be on the approver allowlist
 * @param approved true to approve, false to deny
 * @param decidedAt when the decision was made
 * @param comment optional free text
 */
public record Approval(
        int schemaVersion,
        String idempotencyKey,
        String approver,
        boolean approved,
        Instant decidedAt,
        @Nullable String comment)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;
}
