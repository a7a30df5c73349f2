package org.ralf.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
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
 * The registry of every R.A.L.F. topic. The stack creates {@link #all()} at start; jobs, connectors
 * and sinks refer to the constants instead of spelling names. Partition counts are sized for a
 * homelab (a few thousand events per second) and can be raised per deployment with {@link
 * TopicSpec#withPartitions}.
 */
public final class Topics {

    /**
     * Tables of schema {@code ralf} captured by Debezium, each with topic {@code ralf.cdc.<table>}.
     */
    public static final List<String> CDC_TABLES =
            List.of(
                    "nodes",
                    "guests",
                    "services",
                    "deployments",
                    "policies",
                    "maintenance_windows");

    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    private static final long UNLIMITED = -1;

    public static final TopicSpec METRICS =
            new TopicSpec(
                    "ralf.metrics",
                    "series id (MetricSample.seriesId)",
                    MetricSample.class,
                    4,
                    3 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec LOGS =
            new TopicSpec(
                    "ralf.logs",
                    "host (LogRecord.host)",
                    LogRecord.class,
                    4,
                    3 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec DISCOVERY =
            new TopicSpec(
                    "ralf.discovery",
                    "stable host id (DiscoveryEvent.hostId)",
                    DiscoveryEvent.class,
                    1,
                    7 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec ANOMALIES =
            new TopicSpec(
                    "ralf.anomalies",
                    "entity (Anomaly.entity)",
                    Anomaly.class,
                    2,
                    14 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec LOG_TEMPLATES =
            new TopicSpec(
                    "ralf.log-templates",
                    "template id (LogTemplate.templateId)",
                    LogTemplate.class,
                    1,
                    UNLIMITED,
                    CleanupPolicy.COMPACT);

    /**
     * Every decodable {@code ralf.logs} line with its template id (the logpatterns job). Keyed and
     * retained like {@code ralf.logs}: per-line records cannot share the compacted {@link
     * #LOG_TEMPLATES}, whose compaction keeps one value per template id.
     */
    public static final TopicSpec LOGS_TEMPLATED =
            new TopicSpec(
                    "ralf.logs.templated",
                    "host (TemplatedLog.host)",
                    TemplatedLog.class,
                    4,
                    3 * DAY_MS,
                    CleanupPolicy.DELETE);

    public static final TopicSpec INCIDENTS =
            new TopicSpec(
                    "ralf.incidents",
                    "incident id (Incident.incidentId)",
                    Incident.class,
                    1,
                    UNLIMITED,
                    CleanupPolicy.COMPACT);
    public static final TopicSpec COMMANDS =
            new TopicSpec(
                    "ralf.commands",
                    "target (ActionCommand.target)",
                    ActionCommand.class,
                    1,
                    90 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec COMMAND_RESULTS =
            new TopicSpec(
                    "ralf.command-results",
                    "target (CommandResult.target)",
                    CommandResult.class,
                    1,
                    90 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec NOTIFICATIONS =
            new TopicSpec(
                    "ralf.notifications",
                    "incident id, else notification id (Notification.key())",
                    Notification.class,
                    1,
                    14 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec APPROVALS =
            new TopicSpec(
                    "ralf.approvals",
                    "idempotency key of the command (Approval.idempotencyKey)",
                    Approval.class,
                    1,
                    90 * DAY_MS,
                    CleanupPolicy.DELETE);
    public static final TopicSpec DEADLETTER =
            new TopicSpec(
                    "ralf.deadletter",
                    "source topic or connector (DeadLetter.source)",
                    DeadLetter.class,
                    1,
                    30 * DAY_MS,
                    CleanupPolicy.DELETE);

    private static final List<TopicSpec> ALL = buildAll();

    private Topics() {}

    /** Every topic, in a stable order: the event topics, then one CDC topic per CDC table. */
    public static List<TopicSpec> all() {
        return ALL;
    }

    /** The topic with this name, if registered. */
    public static Optional<TopicSpec> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The CDC topic of a table: compacted, keyed by primary key, so the topic holds the latest row
     * image per key and a job can rebuild the inventory from it. Debezium must run with {@code
     * tombstones.on.delete=false} (delete events are kept as {@code op=d} envelopes instead).
     *
     * @throws IllegalArgumentException if the table is not in {@link #CDC_TABLES}
     */
    public static TopicSpec cdc(String table) {
        if (!CDC_TABLES.contains(table)) {
            throw new IllegalArgumentException(
                    "not a CDC table: " + table + " (CDC tables: " + CDC_TABLES + ")");
        }
        return new TopicSpec(
                "ralf.cdc." + table,
                "primary key of the row (Debezium key JSON)",
                CdcEnvelope.class,
                1,
                UNLIMITED,
                CleanupPolicy.COMPACT);
    }

    private static List<TopicSpec> buildAll() {
        List<TopicSpec> all =
                new ArrayList<>(
                        List.of(
                                METRICS,
                                LOGS,
                                DISCOVERY,
                                ANOMALIES,
                                LOG_TEMPLATES,
                                LOGS_TEMPLATED,
                                INCIDENTS,
                                COMMANDS,
                                COMMAND_RESULTS,
                                NOTIFICATIONS,
                                APPROVALS,
                                DEADLETTER));
        for (String table : CDC_TABLES) {
            all.add(cdc(table));
        }
        return List.copyOf(all);
    }
}
