package org.ralf.connectors;

/**
 * Lifecycle every ingestion connector follows: constructed from typed settings, {@link #start()}ed
 * once, {@link #close()}d once; in between it reports {@link #health()} and its own {@link
 * #metrics()}. A connector never stops because of bad input: such input is dead-lettered and
 * counted as an error.
 */
public interface Connector extends AutoCloseable {

    /** Unique name of this connector instance (from the {@code connectors:} section). */
    String name();

    /**
     * Starts listening or polling; returns once the connector accepts input.
     *
     * @throws ConnectorException if it cannot start (port busy, unreachable source, bad settings)
     */
    void start() throws ConnectorException;

    /** Current health. */
    ConnectorHealth health();

    /** Its own counters. */
    ConnectorMetrics metrics();

    /** Stops accepting input, flushes what was accepted, releases threads and ports. */
    @Override
    void close();
}
