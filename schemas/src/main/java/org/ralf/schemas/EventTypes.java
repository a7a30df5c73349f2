package org.ralf.schemas;

import java.util.List;
import java.util.Optional;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.command.Approval;
import org.ralf.schemas.command.CommandResult;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.TemplatedLog;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.notify.Notification;

/**
 * The registry of every topic value type. Each one has a JSON Schema and an example document on the
 * classpath, and a test keeps record, schema and example in agreement.
 */
public final class EventTypes {

    public static final EventType<MetricSample> METRIC_SAMPLE =
            new EventType<>(MetricSample.class, "metric-sample", MetricSample.SCHEMA_VERSION);
    public static final EventType<LogRecord> LOG_RECORD =
            new EventType<>(LogRecord.class, "log-record", LogRecord.SCHEMA_VERSION);
    public static final EventType<DiscoveryEvent> DISCOVERY_EVENT =
            new EventType<>(DiscoveryEvent.class, "discovery-event", DiscoveryEvent.SCHEMA_VERSION);
    public static final EventType<CdcEnvelope> CDC_ENVELOPE =
            new EventType<>(CdcEnvelope.class, "cdc-envelope", CdcEnvelope.SCHEMA_VERSION);
    public static final EventType<Anomaly> ANOMALY =
            new EventType<>(Anomaly.class, "anomaly", Anomaly.SCHEMA_VERSION);
    public static final EventType<LogTemplate> LOG_TEMPLATE =
            new EventType<>(LogTemplate.class, "log-template", LogTemplate.SCHEMA_VERSION);
    public static final EventType<TemplatedLog> TEMPLATED_LOG =
            new EventType<>(TemplatedLog.class, "templated-log", TemplatedLog.SCHEMA_VERSION);
    public static final EventType<Incident> INCIDENT =
            new EventType<>(Incident.class, "incident", Incident.SCHEMA_VERSION);
    public static final EventType<ActionCommand> ACTION_COMMAND =
            new EventType<>(ActionCommand.class, "action-command", ActionCommand.SCHEMA_VERSION);
    public static final EventType<CommandResult> COMMAND_RESULT =
            new EventType<>(CommandResult.class, "command-result", CommandResult.SCHEMA_VERSION);
    public static final EventType<Notification> NOTIFICATION =
            new EventType<>(Notification.class, "notification", Notification.SCHEMA_VERSION);
    public static final EventType<Approval> APPROVAL =
            new EventType<>(Approval.class, "approval", Approval.SCHEMA_VERSION);
    public static final EventType<DeadLetter> DEAD_LETTER =
            new EventType<>(DeadLetter.class, "dead-letter", DeadLetter.SCHEMA_VERSION);

    private static final List<EventType<?>> ALL =
            List.of(
                    METRIC_SAMPLE,
                    LOG_RECORD,
                    DISCOVERY_EVENT,
                    CDC_ENVELOPE,
                    ANOMALY,
                    LOG_TEMPLATE,
                    TEMPLATED_LOG,
                    INCIDENT,
                    ACTION_COMMAND,
                    COMMAND_RESULT,
                    NOTIFICATION,
                    APPROVAL,
                    DEAD_LETTER);

    private EventTypes() {}

    /** Every registered type. */
    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The registered type of a record class, if any. */
    @SuppressWarnings("unchecked")
    public static <T extends Versioned> Optional<EventType<T>> of(Class<T> type) {
        for (EventType<?> t : ALL) {
            if (t.type().equals(type)) {
                return Optional.of((EventType<T>) t);
            }
        }
        return Optional.empty();
    }
}
