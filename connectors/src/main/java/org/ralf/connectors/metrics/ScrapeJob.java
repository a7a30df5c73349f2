package org.ralf.connectors.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One scrape job, as a Prometheus {@code scrape_config}: targets from static groups and from file
 * service discovery, scraped every {@code interval} with a {@code timeout}. A target group may
 * override them per target with the labels {@code __scrape_interval__}, {@code __scrape_timeout__},
 * {@code __metrics_path__} and {@code __scheme__}, as in Prometheus.
 *
 * @param job value of the {@code job} label
 * @param scheme {@code http} or {@code https}
 * @param metricsPath path of the metrics endpoint
 * @param interval scrape interval
 * @param timeout scrape timeout (at most the interval)
 * @param staticConfigs static target groups
 * @param fileSd Prometheus file_sd JSON files, re-read every {@code fileSdRefresh}
 * @param fileSdRefresh how often the files are checked for changes
 */
public record ScrapeJob(
        String job,
        String scheme,
        String metricsPath,
        Duration interval,
        Duration timeout,
        List<TargetGroup> staticConfigs,
        List<Path> fileSd,
        Duration fileSdRefresh) {

    /** Validates the job. */
    public ScrapeJob {
        if (job == null || job.isBlank()) {
            throw new IllegalArgumentException("scrape job name must not be blank");
        }
        if (interval.isZero()
                || interval.isNegative()
                || timeout.isZero()
                || timeout.isNegative()) {
            throw new IllegalArgumentException(job + ": interval and timeout must be positive");
        }
        if (timeout.compareTo(interval) > 0) {
            throw new IllegalArgumentException(job + ": timeout must not exceed the interval");
        }
        staticConfigs = List.copyOf(staticConfigs);
        fileSd = List.copyOf(fileSd);
    }

    /**
     * A group of targets sharing labels (a static_config or one entry of a file_sd file).
     *
     * @param targets {@code host:port} addresses
     * @param labels labels added to every sample of these targets
     */
    public record TargetGroup(List<String> targets, Map<String, String> labels) {
        /** Copies the lists. */
        public TargetGroup {
            targets = List.copyOf(targets);
            labels = Map.copyOf(labels);
        }
    }
}
