package org.ralf.executor.engine;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.ralf.schemas.command.CommandState;

/**
 * In-process counters of an executor: results by state and the overhead from a command being
 * consumed to its backend process starting. Read by the benchmark; thread-safe.
 */
public final class ExecutorMetrics {

    private static final int MAX_SAMPLES = 100_000;

    private final List<Long> overheadNanos = new ArrayList<>();
    private final Map<CommandState, Long> results = new EnumMap<>(CommandState.class);

    synchronized void recordOverhead(long nanos) {
        if (overheadNanos.size() < MAX_SAMPLES) {
            overheadNanos.add(nanos);
        }
    }

    synchronized void recordResult(CommandState state) {
        results.merge(state, 1L, Long::sum);
    }

    /** Overhead samples in nanoseconds, consumed → process started, in arrival order. */
    public synchronized List<Long> overheadNanos() {
        return List.copyOf(overheadNanos);
    }

    /** Number of results published per state. */
    public synchronized Map<CommandState, Long> results() {
        return Map.copyOf(results);
    }

    /** Total number of results published. */
    public synchronized long resultCount() {
        return results.values().stream().mapToLong(Long::longValue).sum();
    }
}
