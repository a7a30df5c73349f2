package org.ralf.pipelines.cep;

import java.util.List;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.cep.nfa.compiler.NFACompiler;
import org.apache.flink.cep.operator.CepOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.ralf.pipelines.entity.EntityEvent;
import org.ralf.schemas.anomaly.Anomaly;

/**
 * Runs one {@link EntityPattern} on the keyed operator harness exactly as {@link PatternLibrary}
 * wires it (filter, key, event-time CEP operator), feeding events and watermarks.
 */
final class PatternHarness implements AutoCloseable {

    private final EntityPattern pattern;
    private final KeyedOneInputStreamOperatorTestHarness<String, EntityEvent, Anomaly> harness;

    PatternHarness(EntityPattern pattern) throws Exception {
        this.pattern = pattern;
        CepOperator<EntityEvent, String, Anomaly> operator =
                new CepOperator<>(
                        TypeInformation.of(EntityEvent.class)
                                .createSerializer(new SerializerConfigImpl()),
                        false,
                        NFACompiler.compileFactory(pattern.pattern(), false),
                        null,
                        pattern.pattern().getAfterMatchSkipStrategy(),
                        pattern.onMatch(),
                        null);
        harness =
                new KeyedOneInputStreamOperatorTestHarness<>(operator, pattern.key(), Types.STRING);
        harness.open();
    }

    /** Feeds the events that pass the pattern's filter, then a watermark after the last one. */
    List<Anomaly> run(List<EntityEvent> events) throws Exception {
        long max = Long.MIN_VALUE;
        for (EntityEvent e : events) {
            max = Math.max(max, e.timestamp);
            if (pattern.filter().filter(e)) {
                harness.processElement(new StreamRecord<>(e, e.timestamp));
            }
        }
        harness.processWatermark(max + 1);
        return harness.extractOutputValues();
    }

    /** Advances event time. */
    void watermark(long timestamp) throws Exception {
        harness.processWatermark(timestamp);
    }

    int stateEntries() {
        return harness.numKeyedStateEntries();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
