package org.ralf.pipelines.remediation;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.ralf.models.incident.Experience;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.schemas.command.ActionCommand;
import org.ralf.schemas.incident.Incident;
import org.ralf.schemas.notify.Notification;

/**
 * The outputs of the remediation graph.
 *
 * @param decisions decisions with explanations (decisions table, git audit)
 * @param incidents incidents at every change (ralf.incidents, incidents table)
 * @param commands signed commands (ralf.commands, exactly once)
 * @param notifications messages for humans (ralf.notifications)
 * @param experiences outcomes of attempts (incident memory)
 */
public record RemediationStreams(
        DataStream<Decision> decisions,
        DataStream<Incident> incidents,
        DataStream<ActionCommand> commands,
        DataStream<Notification> notifications,
        DataStream<Experience> experiences) {}
