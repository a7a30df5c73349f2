package org.ralf.connectors.discovery;

import java.util.Map;
import org.ralf.connectors.ConnectorException;

/**
 * The last observed set of hosts per poller, kept across restarts so that a restarted poller
 * reports changes and disappearances relative to what it reported before (not a flood of "seen"
 * with no "gone").
 */
public interface DiscoveryStateStore extends AutoCloseable {

    /**
     * The last saved state of the poller, by host id (empty for a new poller).
     *
     * @throws ConnectorException if the store cannot be read
     */
    Map<String, HostObservation> load(String poller) throws ConnectorException;

    /**
     * Replaces the poller's state: saves changed and new hosts, removes hosts absent from {@code
     * next}. Returns once the store has it durably.
     *
     * @param previous the state {@code next} replaces (to write only differences)
     * @throws ConnectorException if the store did not take it
     */
    void save(
            String poller, Map<String, HostObservation> previous, Map<String, HostObservation> next)
            throws ConnectorException;

    @Override
    void close();
}
