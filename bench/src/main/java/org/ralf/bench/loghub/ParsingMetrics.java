package org.ralf.bench.loghub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Loghub's accuracy measures of a log parser over one labelled sample.
 *
 * <p>GA (grouping accuracy, Zhu et al. 2019, logparser's {@code evaluator.py}): a parsed group is
 * correct when its set of lines equals the set of lines of one ground-truth event; GA is the number
 * of lines in correct groups divided by the number of lines. PA (parsing accuracy, Loghub-2.0): the
 * share of lines whose parsed template equals the ground-truth template after both went through
 * {@link TemplateNormaliser}; {@link #exactParsingAccuracy} compares the raw strings.
 */
public final class ParsingMetrics {

    private ParsingMetrics() {}

    /**
     * Grouping accuracy.
     *
     * @param truth ground-truth group key per line
     * @param parsed parsed group key per line (same order and size)
     * @return GA in [0, 1]; 1 for an empty sample
     */
    public static double groupingAccuracy(List<String> truth, List<String> parsed) {
        check(truth, parsed);
        if (truth.isEmpty()) {
            return 1.0;
        }
        Map<String, Integer> truthSizes = new HashMap<>();
        for (String t : truth) {
            truthSizes.merge(t, 1, Integer::sum);
        }
        Map<String, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < parsed.size(); i++) {
            groups.computeIfAbsent(parsed.get(i), k -> new ArrayList<>()).add(i);
        }
        long correct = 0;
        for (List<Integer> lines : groups.values()) {
            String first = truth.get(lines.get(0));
            boolean pure = true;
            for (int i : lines) {
                if (!truth.get(i).equals(first)) {
                    pure = false;
                    break;
                }
            }
            if (pure && truthSizes.get(first) == lines.size()) {
                correct += lines.size();
            }
        }
        return (double) correct / truth.size();
    }

    /**
     * Parsing accuracy after {@link TemplateNormaliser} on both sides.
     *
     * @param truth ground-truth template per line
     * @param parsed parsed template per line
     * @return PA in [0, 1]; 1 for an empty sample
     */
    public static double parsingAccuracy(List<String> truth, List<String> parsed) {
        check(truth, parsed);
        if (truth.isEmpty()) {
            return 1.0;
        }
        Map<String, String> memo = new HashMap<>();
        long ok = 0;
        for (int i = 0; i < truth.size(); i++) {
            String a = memo.computeIfAbsent(truth.get(i), TemplateNormaliser::normalise);
            String b = memo.computeIfAbsent(parsed.get(i), TemplateNormaliser::normalise);
            if (a.equals(b)) {
                ok++;
            }
        }
        return (double) ok / truth.size();
    }

    /**
     * Parsing accuracy on the raw template strings (no normalisation).
     *
     * @param truth ground-truth template per line
     * @param parsed parsed template per line
     * @return the share of identical strings
     */
    public static double exactParsingAccuracy(List<String> truth, List<String> parsed) {
        check(truth, parsed);
        if (truth.isEmpty()) {
            return 1.0;
        }
        long ok = 0;
        for (int i = 0; i < truth.size(); i++) {
            if (truth.get(i).equals(parsed.get(i))) {
                ok++;
            }
        }
        return (double) ok / truth.size();
    }

    private static void check(List<String> truth, List<String> parsed) {
        if (truth.size() != parsed.size()) {
            throw new IllegalArgumentException(
                    "truth has " + truth.size() + " lines, parsed " + parsed.size());
        }
    }
}
