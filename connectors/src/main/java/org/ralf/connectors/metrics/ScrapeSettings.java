package org.ralf.connectors.metrics;

import java.util.List;

/**
 * Settings of a {@link ScrapeConnector}.
 *
 * @param name connector name (record source prefix, dead-letter source)
 * @param jobs scrape jobs
 * @param maxBodyBytes largest scrape response read; a larger one fails the scrape (up=0) and is
 *     dead-lettered (truncated)
 * @param threads scrapes run at once
 */
public record ScrapeSettings(String name, List<ScrapeJob> jobs, int maxBodyBytes, int threads) {

    /** Validates the settings. */
    public ScrapeSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (jobs.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one scrape job is needed");
        }
        if (maxBodyBytes < 1 || threads < 1) {
            throw new IllegalArgumentException(name + ": limits and threads must be positive");
        }
        jobs = List.copyOf(jobs);
    }
}
