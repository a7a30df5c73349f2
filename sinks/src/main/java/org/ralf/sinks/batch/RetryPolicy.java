package org.ralf.sinks.batch;

import java.io.Serializable;
import java.time.Duration;

/**
 * How often and how patiently a failed batch is retried before the writer gives up: {@code retries}
 * retries, the first after {@code firstBackoff}, each further one after twice the previous wait, at
 * most {@code maxBackoff}. Bounded on purpose: a database outage longer than the budget fails the
 * task, so that Flink replays from its last checkpoint instead of a writer blocking the checkpoint
 * forever.
 *
 * @param retries retries after the first attempt, at least 0
 * @param firstBackoff wait before the first retry
 * @param maxBackoff the longest wait between two attempts
 */
public record RetryPolicy(int retries, Duration firstBackoff, Duration maxBackoff)
        implements Serializable {

    /** The longest wait between two attempts unless a policy says otherwise. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    /**
     * Three retries over about 7 s (1, 2 and 4 s): a PostgreSQL restart should not restart the job.
     */
    public static final RetryPolicy DEFAULT = doubling(3, Duration.ofSeconds(1));

    /** Validates. */
    public RetryPolicy {
        if (retries < 0 || firstBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException(
                    "retries >= 0 and non-negative back-offs required: " + retries);
        }
    }

    /** {@code retries} retries, doubling from {@code firstBackoff} up to {@link #MAX_BACKOFF}. */
    public static RetryPolicy doubling(int retries, Duration firstBackoff) {
        return new RetryPolicy(retries, firstBackoff, MAX_BACKOFF);
    }

    /** The wait before retry number {@code retry} (0 = the first retry). */
    public Duration backoff(int retry) {
        Duration wait = firstBackoff;
        for (int i = 0; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
