package org.ralf.jobs.remediation;

import java.io.Serializable;
import java.util.List;
import org.ralf.schemas.topic.Topics;

/**
 * Topic names the job reads and writes (the registry's defaults in production; unique names in
 * tests).
 *
 * @param anomalies input anomalies
 * @param results input command results
 * @param cdc input CDC topics (nodes, guests, services, policies, maintenance windows)
 * @param commands output commands
 * @param incidents output incidents
 * @param notifications output notifications
 * @param deadLetters output dead letters
 */
public record RemediationTopics(
        String anomalies,
        String results,
        List<String> cdc,
        String commands,
        String incidents,
        String notifications,
        String deadLetters)
        implements Serializable {

    /** The registry's topic names. */
    public static RemediationTopics defaults() {
        return new RemediationTopics(
                Topics.ANOMALIES.name(),
                Topics.COMMAND_RESULTS.name(),
                List.of("nodes", "guests", "services", "policies", "maintenance_windows").stream()
                        .map(t -> Topics.cdc(t).name())
                        .toList(),
                Topics.COMMANDS.name(),
                Topics.INCIDENTS.name(),
                Topics.NOTIFICATIONS.name(),
                Topics.DEADLETTER.name());
    }

    /** Every topic with the given prefix and a suffix (for tests). */
    public static RemediationTopics prefixed(String prefix) {
        return new RemediationTopics(
                prefix + ".anomalies",
                prefix + ".command-results",
                List.of(
                        prefix + ".cdc.nodes",
                        prefix + ".cdc.guests",
                        prefix + ".cdc.services",
                        prefix + ".cdc.policies",
                        prefix + ".cdc.maintenance_windows"),
                prefix + ".commands",
                prefix + ".incidents",
                prefix + ".notifications",
                prefix + ".deadletter");
    }

    /** Every topic name. */
    public List<String> all() {
        List<String> out =
                new java.util.ArrayList<>(
                        List.of(
                                anomalies,
                                results,
                                commands,
                                incidents,
                                notifications,
                                deadLetters));
        out.addAll(cdc);
        return out;
    }
}
