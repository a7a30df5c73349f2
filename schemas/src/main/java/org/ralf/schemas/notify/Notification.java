package org.ralf.schemas.notify;

import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;
import org.ralf.schemas.internal.Checks;

/**
 * A message for humans (sent to Matrix), value of topic {@code ralf.notifications} (key: {@link
 * #incidentId()} when present, else {@link #notificationId()}, so the messages of one incident stay
 * in order).
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param notificationId unique, deterministic id (the sink deduplicates on it)
 * @param severity urgency
 * @param title short title
 * @param body body text (Markdown)
 * @param incidentId incident it is about, if any
 * @param decisionId decision it explains, if any
 * @param approvalKey idempotency key of a command awaiting approval, when the message asks for one
 * @param createdAt when it was created
 */
public record Notification(
        int schemaVersion,
        String notificationId,
        NotificationSeverity severity,
        String title,
        String body,
        @Nullable String incidentId,
        @Nullable String decisionId,
        @Nullable String approvalKey,
        Instant createdAt)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates the invariants; see the component descriptions. */
    public Notification {
        Checks.version(schemaVersion);
        Checks.nonBlank(notificationId, "notificationId");
        Checks.present(severity, "severity");
        Checks.nonBlank(title, "title");
        Checks.present(body, "body");
        Checks.nonBlankOrNull(incidentId, "incidentId");
        Checks.nonBlankOrNull(decisionId, "decisionId");
        Checks.nonBlankOrNull(approvalKey, "approvalKey");
        Checks.present(createdAt, "createdAt");
    }

    /** The Kafka key: incident id if present, else notification id. */
    public String key() {
        return incidentId != null ? incidentId : notificationId;
    }
}
