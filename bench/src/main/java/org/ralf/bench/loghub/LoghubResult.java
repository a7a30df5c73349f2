package org.ralf.bench.loghub;

import java.util.List;
import javax.annotation.Nullable;

/**
 * Scores of one Loghub benchmark run.
 *
 * @param systems per-system scores, in name order
 * @param meanGa mean GA against the original ground truth
 * @param meanPa mean PA (normalised) against the original ground truth
 * @param meanGaCorrected mean GA against the corrected ground truth, over systems that have one
 *     (null when none has)
 * @param meanPaCorrected mean PA against the corrected ground truth (null when none)
 * @param millis wall time of the run (parsing, writing and scoring)
 */
public record LoghubResult(
        List<SystemResult> systems,
        double meanGa,
        double meanPa,
        @Nullable Double meanGaCorrected,
        @Nullable Double meanPaCorrected,
        long millis) {

    /** Defensive copy. */
    public LoghubResult {
        systems = List.copyOf(systems);
    }

    /**
     * Scores of one system.
     *
     * @param system the system name (folder name)
     * @param lines number of lines parsed
     * @param templates number of distinct parsed templates
     * @param truthTemplates number of distinct ground-truth events
     * @param ga grouping accuracy against the original ground truth
     * @param pa normalised parsing accuracy against the original ground truth
     * @param paExact raw-string parsing accuracy against the original ground truth
     * @param gaCorrected GA against the corrected ground truth, null when absent
     * @param paCorrected normalised PA against the corrected ground truth, null when absent
     */
    public record SystemResult(
            String system,
            int lines,
            int templates,
            int truthTemplates,
            double ga,
            double pa,
            double paExact,
            @Nullable Double gaCorrected,
            @Nullable Double paCorrected) {}
}
