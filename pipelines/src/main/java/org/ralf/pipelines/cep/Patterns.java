package org.ralf.pipelines.cep;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.flink.cep.nfa.aftermatch.AfterMatchSkipStrategy;
import org.apache.flink.cep.pattern.Pattern;
import org.apache.flink.cep.pattern.conditions.IterativeCondition;
import org.apache.flink.cep.pattern.conditions.SimpleCondition;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.pipelines.entity.EntityKind;
import org.ralf.schemas.anomaly.AnomalyKind;

/**
 * The CEP patterns of the library, each built from {@link PatternSettings}. Every pattern skips
 * past its last event after a match (one anomaly per episode, no overlapping re-matches) and is
 * bounded by a within-span, so partial matches cannot pile up in state. Loops use consecutive
 * contiguity where relaxed contiguity would enumerate every subset of the events.
 *
 * <p>Host silence and first sightings need timers or long memory rather than a sequence, so they
 * are keyed functions ({@link HostSilenceFunction}, {@link FirstSeenFunction}).
 */
public final class Patterns {

    /** Crash loop. */
    public static final String CRASH_LOOP = "crash-loop";

    /** Flapping health. */
    public static final String FLAPPING = "flapping-health";

    /** Error-log burst then failed health check. */
    public static final String ERROR_BURST = "error-burst-then-health-fail";

    /** Sustained saturation. */
    public static final String SATURATION = "sustained-saturation";

    /** Disk fill forecast. */
    public static final String DISK_FILL = "disk-fill-forecast";

    /** Deployment failed. */
    public static final String DEPLOYMENT_FAILED = "deployment-failed";

    private static final Set<String> DEPLOYMENT_STATES = Set.of("deploying", "deployed", "failed");

    private Patterns() {}

    /** All sequence patterns of the library. */
    public static List<EntityPattern> all(PatternSettings o) {
        return List.of(
                crashLoop(o),
                flappingHealth(o),
                errorBurstThenHealthFail(o),
                sustainedSaturation(o),
                diskFillForecast(o),
                deploymentFailed(o));
    }

    /** A service that went down and came back up {@code restarts} times within the span. */
    public static EntityPattern crashLoop(PatternSettings o) {
        return cycles(
                CRASH_LOOP,
                EntityKind.DOWN,
                EntityKind.UP,
                o.crashLoopRestarts(),
                o.crashLoopWithin(),
                o.crashLoopRestarts() + " down->up cycles within " + o.crashLoopWithin());
    }

    /** A health check that failed and recovered {@code cycles} times within the span. */
    public static EntityPattern flappingHealth(PatternSettings o) {
        return cycles(
                FLAPPING,
                EntityKind.HEALTH_FAIL,
                EntityKind.HEALTH_OK,
                o.flappingCycles(),
                o.flappingWithin(),
                o.flappingCycles() + " fail->pass health cycles within " + o.flappingWithin());
    }

    private static EntityPattern cycles(
            String name,
            EntityKind from,
            EntityKind to,
            int times,
            Duration within,
            String summary) {
        Pattern<EntityEvent, EntityEvent> cycle =
                Pattern.<EntityEvent>begin("from")
                        .where(SimpleCondition.of(e -> e.kind == from))
                        .followedBy("to")
                        .where(SimpleCondition.of(e -> e.kind == to));
        Pattern<EntityEvent, EntityEvent> pattern =
                Pattern.begin(cycle, AfterMatchSkipStrategy.skipPastLastEvent())
                        .times(times)
                        .within(within);
        return new EntityPattern(
                name,
                e -> e.kind == from || e.kind == to,
                e -> e.entity,
                pattern,
                new MatchToAnomaly(name, summary, 1.0, AnomalyKind.PATTERN));
    }

    /** A burst of consecutive error logs followed by a failed health check within the span. */
    public static EntityPattern errorBurstThenHealthFail(PatternSettings o) {
        Pattern<EntityEvent, EntityEvent> pattern =
                Pattern.<EntityEvent>begin("errors", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(e -> e.kind == EntityKind.ERROR_LOG))
                        .times(o.errorBurstErrors())
                        .consecutive()
                        .followedBy("fail")
                        .where(SimpleCondition.of(e -> e.kind == EntityKind.HEALTH_FAIL))
                        .within(o.errorBurstWithin());
        return new EntityPattern(
                ERROR_BURST,
                e -> e.kind == EntityKind.ERROR_LOG || e.kind == EntityKind.HEALTH_FAIL,
                e -> e.entity,
                pattern,
                new MatchToAnomaly(
                        ERROR_BURST,
                        o.errorBurstErrors()
                                + " error logs then a failed health check within "
                                + o.errorBurstWithin(),
                        0.9,
                        AnomalyKind.PATTERN));
    }

    /**
     * A utilisation metric at or above the level, without a sample below it, for the span. Keyed by
     * entity and metric so that CPU and memory do not interleave.
     */
    public static EntityPattern sustainedSaturation(PatternSettings o) {
        double level = o.saturationLevel();
        long span = o.saturationFor().toMillis();
        Pattern<EntityEvent, EntityEvent> pattern =
                Pattern.<EntityEvent>begin("start", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(e -> e.value >= level))
                        .notFollowedBy("dip")
                        .where(SimpleCondition.of(e -> e.value < level))
                        .followedBy("end")
                        .where(new LastedAtLeast(level, span))
                        // a start whose saturation never lasts is dropped after twice the span
                        .within(Duration.ofMillis(2 * span));
        return new EntityPattern(
                SATURATION,
                e -> e.kind == EntityKind.SATURATION,
                e -> e.entity + "|" + e.name,
                pattern,
                new MatchToAnomaly(
                        SATURATION,
                        "at or above " + level + " without a dip for at least " + o.saturationFor(),
                        0.8,
                        AnomalyKind.PATTERN));
    }

    /**
     * A disk whose linear trend over at least {@code min-span} (at most {@code lookback}) reaches
     * the full level within the horizon. Keyed by entity and series (one per mount point).
     */
    public static EntityPattern diskFillForecast(PatternSettings o) {
        Pattern<EntityEvent, EntityEvent> pattern =
                Pattern.<EntityEvent>begin("first", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(SimpleCondition.of(e -> e.value < o.diskFullLevel()))
                        .followedBy("last")
                        .where(
                                new FillsWithin(
                                        o.diskFullLevel(),
                                        o.diskMinSpan().toMillis(),
                                        o.diskHorizon().toMillis()))
                        .within(o.diskLookback());
        return new EntityPattern(
                DISK_FILL,
                e -> e.kind == EntityKind.DISK_USAGE && Double.isFinite(e.value),
                e -> e.entity + "|" + e.name,
                pattern,
                new MatchToAnomaly(
                        DISK_FILL,
                        "trend reaches "
                                + o.diskFullLevel()
                                + " within the horizon "
                                + o.diskHorizon(),
                        0.8,
                        AnomalyKind.FORECAST_THRESHOLD));
    }

    /**
     * A deployment change (deploying, deployed or failed, from CDC) followed by consecutive error
     * logs of the same service within the span.
     */
    public static EntityPattern deploymentFailed(PatternSettings o) {
        Pattern<EntityEvent, EntityEvent> pattern =
                Pattern.<EntityEvent>begin("deployment", AfterMatchSkipStrategy.skipPastLastEvent())
                        .where(
                                SimpleCondition.of(
                                        e ->
                                                e.kind == EntityKind.DEPLOYMENT
                                                        && DEPLOYMENT_STATES.contains(e.detail)))
                        .followedBy("errors")
                        .where(SimpleCondition.of(e -> e.kind == EntityKind.ERROR_LOG))
                        .times(o.deploymentErrors())
                        .consecutive()
                        .within(o.deploymentWithin());
        return new EntityPattern(
                DEPLOYMENT_FAILED,
                e -> e.kind == EntityKind.DEPLOYMENT || e.kind == EntityKind.ERROR_LOG,
                e -> e.entity,
                pattern,
                new MatchToAnomaly(
                        DEPLOYMENT_FAILED,
                        "deployment change followed by "
                                + o.deploymentErrors()
                                + " error logs within "
                                + o.deploymentWithin(),
                        1.0,
                        AnomalyKind.PATTERN));
    }

    /** Saturated, and at least {@code span} after the start of the episode. */
    static final class LastedAtLeast extends IterativeCondition<EntityEvent> {
        private static final long serialVersionUID = 1L;
        private final double level;
        private final long span;

        LastedAtLeast(double level, long span) {
            this.level = level;
            this.span = span;
        }

        @Override
        public boolean filter(EntityEvent e, Context<EntityEvent> ctx) throws Exception {
            if (e.value < level) {
                return false;
            }
            for (EntityEvent start : ctx.getEventsForPattern("start")) {
                return e.timestamp - start.timestamp >= span;
            }
            return false;
        }
    }

    /** The straight line from the first sample to this one reaches the level within the horizon. */
    static final class FillsWithin extends IterativeCondition<EntityEvent> {
        private static final long serialVersionUID = 1L;
        private final double full;
        private final long minSpan;
        private final long horizon;

        FillsWithin(double full, long minSpan, long horizon) {
            this.full = full;
            this.minSpan = minSpan;
            this.horizon = horizon;
        }

        @Override
        public boolean filter(EntityEvent e, Context<EntityEvent> ctx) throws Exception {
            for (EntityEvent first : ctx.getEventsForPattern("first")) {
                long dt = e.timestamp - first.timestamp;
                double rise = e.value - first.value;
                if (dt < minSpan || rise <= 0) {
                    return false;
                }
                double msToFull = (full - e.value) * dt / rise;
                return msToFull <= horizon;
            }
            return false;
        }
    }
}
