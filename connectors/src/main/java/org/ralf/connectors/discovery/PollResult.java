package org.ralf.connectors.discovery;

import java.util.List;

/**
 * What one poll of a source returned.
 *
 * @param hosts hosts the source reports now (at most one per host id)
 * @param rejected input that could not be parsed
 * @param complete whether {@code hosts} is the source's complete list; only a complete poll may
 *     declare hosts gone (a host on a page that failed to parse is not gone)
 */
public record PollResult(List<HostObservation> hosts, List<Rejected> rejected, boolean complete) {

    /** Copies the lists. */
    public PollResult {
        hosts = List.copyOf(hosts);
        rejected = List.copyOf(rejected);
    }
}
