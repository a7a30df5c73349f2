package org.ralf.schemas.notify;

/** How urgent a {@link Notification} is. */
public enum NotificationSeverity {
    INFO,
    WARNING,
    CRITICAL
}
