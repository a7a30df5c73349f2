package org.ralf.connectors.discovery;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A state store that lives as long as the process: for tests and for a one-shot discovery run.
 * Thread-safe.
 */
public final class InMemoryDiscoveryStateStore implements DiscoveryStateStore {

    private final Map<String, Map<String, HostObservation>> states = new ConcurrentHashMap<>();

    @Override
    public Map<String, HostObservation> load(String poller) {
        return new LinkedHashMap<>(states.getOrDefault(poller, Map.of()));
    }

    @Override
    public void save(
            String poller,
            Map<String, HostObservation> previous,
            Map<String, HostObservation> next) {
        states.put(poller, Map.copyOf(next));
    }

    @Override
    public void close() {
        // nothing held
    }
}
