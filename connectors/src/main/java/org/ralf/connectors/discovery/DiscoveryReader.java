package org.ralf.connectors.discovery;

import org.ralf.connectors.ConnectorException;

/**
 * Reads one discovery source once. Implementations only read (files, HTTP GETs): no scanning.
 * Unparseable parts are returned as {@link Rejected}, never thrown.
 */
public interface DiscoveryReader {

    /** One line naming the source (URL or path), for health and logs. */
    String describe();

    /**
     * Reads the source's current hosts.
     *
     * @throws ConnectorException if the source cannot be reached or refuses (I/O error, HTTP
     *     status, authentication): the poll is skipped and nothing is declared gone
     */
    PollResult poll() throws ConnectorException;
}
