package org.ralf.pipelines.cep;

import org.apache.flink.api.common.functions.FilterFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.cep.pattern.Pattern;
import org.ralf.pipelines.entity.EntityEvent;

/**
 * One pattern of the library: which entity events it looks at, how they are keyed, the CEP pattern,
 * and how a match becomes an anomaly. The job applies it with {@link PatternLibrary#apply}; tests
 * drive the same parts on the operator harness.
 *
 * @param name pattern name, the anomaly's {@code detector}
 * @param filter the events the pattern needs (the rest never reach its NFA)
 * @param key the pattern's key (the entity, or entity and resource)
 * @param pattern the CEP pattern, with its within-span and after-match skip strategy
 * @param onMatch turns a match into an explained anomaly
 */
public record EntityPattern(
        String name,
        FilterFunction<EntityEvent> filter,
        KeySelector<EntityEvent, String> key,
        Pattern<EntityEvent, ?> pattern,
        MatchToAnomaly onMatch) {}
