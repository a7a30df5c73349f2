package org.ralf.simulator.score;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.Nullable;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.simulator.scenario.FaultKind;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/**
 * Matches anomalies to ground-truth faults.
 *
 * <p>An anomaly matches a fault when its entity is one of the fault's {@link
 * GroundTruthFault#affected() affected entities} (an instance such as {@code web01:9100} counts as
 * {@code web01}; a service {@code web01/nginx} counts for a fault on {@code web01} when {@code
 * web01} is affected) and its {@code detectedAt} lies in {@code [start - slack, end + grace]},
 * where a fault still open ends at the run's end. A fault is detected when at least one anomaly
 * matches; {@code detectedBy} is the detector of the earliest matching anomaly and the delay its
 * distance from the start (never negative). Precision is anomaly-based: anomalies that match any
 * fault divided by all anomalies; every unmatched anomaly is a false alarm. Recall is detected
 * faults divided by all faults. The recovered share counts faults that an action ended early among
 * faults of remediable kinds.
 *
 * @param slack how long before a fault's start an anomaly still counts (clock skew, windowing)
 * @param grace how long after a fault's end an anomaly still counts (detector lag)
 */
public record Scorer(Duration slack, Duration grace) {

    /** Slack 30 s and grace 5 min: what a windowed detector needs to catch up. */
    public static Scorer defaults() {
        return new Scorer(Duration.ofSeconds(30), Duration.ofMinutes(5));
    }

    /**
     * Scores a run.
     *
     * @param scenario scenario name
     * @param seed seed
     * @param faults ground truth
     * @param anomalies anomalies the pipeline produced
     * @param actions Proxmox actions the simulation applied
     * @param runEnd simulated end of the run (the end of faults still open)
     */
    public Report score(
            String scenario,
            long seed,
            List<GroundTruthFault> faults,
            List<Anomaly> anomalies,
            List<ActionRecord> actions,
            Instant runEnd) {
        List<Anomaly> sorted = new ArrayList<>(anomalies);
        sorted.sort(Comparator.comparing(Anomaly::detectedAt).thenComparing(Anomaly::anomalyId));
        Set<String> matched = new HashSet<>();
        List<FaultOutcome> outcomes = new ArrayList<>();
        int detected = 0;
        int remediable = 0;
        int recovered = 0;
        for (GroundTruthFault f : faults) {
            Instant to = (f.end() == null ? runEnd : f.end()).plus(grace);
            Anomaly first = null;
            for (Anomaly a : sorted) {
                if (matches(f, a, runEnd)) {
                    matched.add(a.anomalyId());
                    if (first == null) {
                        first = a;
                    }
                }
            }
            List<String> acts = new ArrayList<>();
            for (ActionRecord r : actions) {
                if (!r.at().isBefore(f.start())
                        && !r.at().isAfter(to)
                        && (f.affected().contains(r.guest()) || f.entity().equals(r.node()))) {
                    acts.add(r.describe());
                }
            }
            boolean rec = f.endedByAction();
            if (isRemediable(f.kind())) {
                remediable++;
                if (rec) {
                    recovered++;
                }
            }
            if (first != null) {
                detected++;
            }
            outcomes.add(
                    new FaultOutcome(
                            f.faultId(),
                            f.kind(),
                            f.entity(),
                            f.start(),
                            first != null,
                            first == null ? null : first.detector(),
                            first == null ? null : delay(f.start(), first.detectedAt()),
                            acts,
                            rec));
        }
        int n = sorted.size();
        int m = matched.size();
        Totals totals =
                new Totals(
                        faults.size(),
                        detected,
                        n,
                        m,
                        faults.isEmpty() ? 1.0 : (double) detected / faults.size(),
                        n == 0 ? 1.0 : (double) m / n,
                        n - m,
                        remediable == 0 ? 0.0 : (double) recovered / remediable);
        return new Report(scenario, seed, outcomes, totals);
    }

    /**
     * Whether the anomaly counts as detecting the fault: its entity is one the fault affects and it
     * was detected within {@code [start − slack, end + grace]} (open faults end at {@code runEnd}).
     */
    public boolean matches(GroundTruthFault f, Anomaly a, Instant runEnd) {
        Instant from = f.start().minus(slack);
        Instant to = (f.end() == null ? runEnd : f.end()).plus(grace);
        return !a.detectedAt().isBefore(from)
                && !a.detectedAt().isAfter(to)
                && matches(f, a.entity());
    }

    private static boolean isRemediable(String kind) {
        try {
            return FaultKind.fromYaml(kind).remediable();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static double delay(Instant start, Instant at) {
        return Math.max(0, Duration.between(start, at).toMillis() / 1000.0);
    }

    /** Whether an anomaly's entity is one the fault affects. */
    static boolean matches(GroundTruthFault f, String anomalyEntity) {
        String e = normalise(anomalyEntity);
        for (String a : f.affected()) {
            if (a.equals(e)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code web01:9100} → {@code web01}; {@code http://web01.lab.home:80/health} → {@code web01}.
     */
    static String normalise(@Nullable String entity) {
        if (entity == null) {
            return "";
        }
        String e = entity;
        int scheme = e.indexOf("://");
        if (scheme >= 0) {
            e = e.substring(scheme + 3);
            int slash = e.indexOf('/');
            e = slash >= 0 ? e.substring(0, slash) : e;
        }
        int colon = e.indexOf(':');
        if (colon > 0 && e.indexOf('/') < 0) {
            e = e.substring(0, colon);
        }
        if (e.endsWith(".lab.home")) {
            e = e.substring(0, e.length() - ".lab.home".length());
        }
        return e;
    }
}
