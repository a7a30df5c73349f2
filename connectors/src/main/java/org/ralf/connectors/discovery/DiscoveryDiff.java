package org.ralf.connectors.discovery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.discovery.DiscoveryKind;

/**
 * The pure step of a poll: previous state plus what the source reports now gives the events and the
 * next state. A host present now is {@code SEEN} (new or unchanged) or {@code CHANGED}; a host of
 * the previous state absent from a complete poll is {@code GONE}; an incomplete poll declares
 * nothing gone and keeps those hosts in the state.
 */
public final class DiscoveryDiff {

    private DiscoveryDiff() {}

    /**
     * The outcome of one step.
     *
     * @param events events in order: seen/changed in the source's order, then gone by host id
     * @param next the state after the step, by host id
     */
    public record Step(List<DiscoveryEvent> events, Map<String, HostObservation> next) {}

    /**
     * Computes one step.
     *
     * @param previous state by host id
     * @param poll what the source reports now
     * @param at the poll time (event time of every event)
     */
    public static Step apply(Map<String, HostObservation> previous, PollResult poll, Instant at) {
        List<DiscoveryEvent> events = new ArrayList<>();
        Map<String, HostObservation> next = new LinkedHashMap<>();
        for (HostObservation now : poll.hosts()) {
            HostObservation before = previous.get(now.hostId());
            DiscoveryKind kind =
                    before == null || before.equals(now)
                            ? DiscoveryKind.SEEN
                            : DiscoveryKind.CHANGED;
            events.add(now.toEvent(kind, at));
            next.put(now.hostId(), now);
        }
        List<String> absent =
                previous.keySet().stream().filter(id -> !next.containsKey(id)).sorted().toList();
        for (String id : absent) {
            HostObservation last = previous.get(id);
            if (poll.complete()) {
                events.add(last.toEvent(DiscoveryKind.GONE, at));
            } else {
                next.put(id, last);
            }
        }
        return new Step(List.copyOf(events), next);
    }
}
