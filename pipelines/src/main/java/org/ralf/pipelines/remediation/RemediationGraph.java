package org.ralf.pipelines.remediation;

import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.ralf.models.incident.IncidentMemory;
import org.ralf.pipelines.remediation.correlate.IncidentCorrelator;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.decide.Decision;
import org.ralf.pipelines.remediation.decide.RemediationController;
import org.ralf.pipelines.remediation.decide.RemediationEvent;
import org.ralf.pipelines.remediation.memory.EnrichedSignal;
import org.ralf.pipelines.remediation.memory.MemoryLookup;
import org.ralf.pipelines.remediation.topology.LocatedAnomaly;
import org.ralf.pipelines.remediation.topology.TopologyResolver;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.command.CommandResult;

/**
 * The remediation graph as a pure function of its input streams: anomalies → topology location →
 * per-node correlation → async similar-incident lookup → controller (policies, guards, decisions,
 * verification, learning).
 */
public final class RemediationGraph {

    private RemediationGraph() {}

    /**
     * Builds the graph.
     *
     * @param anomalies anomalies ({@code ralf.anomalies})
     * @param cdc CDC changes of nodes, guests, services, policies and maintenance windows
     * @param results command results ({@code ralf.command-results})
     * @param params parameters
     * @param memory opens the incident memory on the task managers
     * @return the outputs
     */
    public static RemediationStreams build(
            DataStream<Anomaly> anomalies,
            DataStream<CdcEnvelope> cdc,
            DataStream<CommandResult> results,
            RemediationGraphSettings params,
            IncidentMemory.Factory memory) {
        DataStream<LocatedAnomaly> located =
                anomalies
                        .keyBy(Anomaly::entity, Types.STRING)
                        .connect(cdc.broadcast(TopologyResolver.TOPOLOGY))
                        .process(
                                new TopologyResolver(params.topologyHoldMs()),
                                JsonTypeInfo.of(LocatedAnomaly.class))
                        .name("locate-in-topology")
                        .uid("remediation-locate");
        DataStream<IncidentSignal> signals =
                located.keyBy(l -> l.location().correlationKey(), Types.STRING)
                        .process(
                                new IncidentCorrelator(params.quietMs()),
                                JsonTypeInfo.of(IncidentSignal.class))
                        .name("correlate-incidents")
                        .uid("remediation-correlate");
        DataStream<EnrichedSignal> enriched =
                AsyncDataStream.unorderedWait(
                                signals,
                                new MemoryLookup(memory, params.similarK(), params.lookupThreads()),
                                params.lookupTimeoutMs(),
                                TimeUnit.MILLISECONDS,
                                params.lookupCapacity())
                        .returns(JsonTypeInfo.of(EnrichedSignal.class))
                        .name("similar-incidents")
                        .uid("remediation-memory");
        DataStream<RemediationEvent> events =
                enriched.map(RemediationEvent::of)
                        .returns(JsonTypeInfo.of(RemediationEvent.class))
                        .name("signal-events")
                        .union(
                                results.map(RemediationEvent::of)
                                        .returns(JsonTypeInfo.of(RemediationEvent.class))
                                        .name("result-events"));
        SingleOutputStreamOperator<Decision> decisions =
                events.keyBy(e -> RemediationController.KEY, Types.STRING)
                        .connect(
                                cdc.broadcast(
                                        RemediationController.POLICIES,
                                        RemediationController.WINDOWS,
                                        RemediationController.INVENTORY))
                        .process(
                                new RemediationController(params.controller()),
                                JsonTypeInfo.of(Decision.class))
                        .name("remediation-controller")
                        .uid("remediation-controller");
        return new RemediationStreams(
                decisions,
                decisions.getSideOutput(RemediationController.INCIDENTS),
                decisions.getSideOutput(RemediationController.COMMANDS),
                decisions.getSideOutput(RemediationController.NOTIFICATIONS),
                decisions.getSideOutput(RemediationController.EXPERIENCES));
    }
}
