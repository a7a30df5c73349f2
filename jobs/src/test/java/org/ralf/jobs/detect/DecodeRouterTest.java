package org.ralf.jobs.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ralf.jobs.detect.DecodeRouter.Routes;
import org.ralf.jobs.kafka.SourceRecord;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.schemas.serde.Decoded;
import org.ralf.schemas.serde.EventSerde;

/** The metric branch of {@link DecodeRouter}, with and without decoding at the source. */
class DecodeRouterTest {

    private static final Routes ROUTES =
            new Routes("ralf.metrics", "ralf.logs", "ralf.discovery", "ralf.cdc.");
    private static final MetricSample SAMPLE =
            MetricSample.of(
                    "up", Map.of("job", "node"), 1.0, Instant.parse("2026-11-25T22:00:00Z"), "t");
    private static final byte[] BYTES = EventSerde.of(MetricSample.class).serialize(SAMPLE);
    private static final byte[] BAD = "{\"schemaVersion\":1}".getBytes(StandardCharsets.UTF_8);

    private OneInputStreamOperatorTestHarness<SourceRecord, MetricSample> h;

    @BeforeEach
    void open() throws Exception {
        h =
                new OneInputStreamOperatorTestHarness<>(
                        new ProcessOperator<>(new DecodeRouter(ROUTES)));
        h.open();
    }

    @AfterEach
    void close() throws Exception {
        h.close();
    }

    @Test
    void shouldDecodeTheBytesWhenTheSourceDidNot() throws Exception {
        h.processElement(new StreamRecord<>(SourceRecord.of("ralf.metrics", 0, 1, null, BYTES), 5));
        h.processElement(new StreamRecord<>(SourceRecord.of("ralf.metrics", 0, 2, null, BAD), 6));

        assertThat(h.extractOutputValues()).containsExactly(SAMPLE);
        List<DeadLetter> dead =
                h.getSideOutput(DecodeRouter.DEAD_LETTERS).stream()
                        .map(StreamRecord::getValue)
                        .toList();
        assertThat(dead)
                .singleElement()
                .extracting(DeadLetter::cause)
                .isEqualTo(DeadLetterCause.MISSING_FIELD);
        assertThat(dead.get(0).offset()).isEqualTo(2L);
    }

    @Test
    void shouldUseTheSourcesDecodingInsteadOfDecodingAgain() throws Exception {
        // A decoding that differs from the bytes shows which one the router used.
        MetricSample other =
                MetricSample.of("down", Map.of(), 0.0, Instant.parse("2026-11-25T22:00:10Z"), "t");
        SourceRecord ok = SourceRecord.of("ralf.metrics", 0, 1, null, BYTES);
        ok.decoded = new Decoded.Ok<>(other);
        SourceRecord failed = SourceRecord.of("ralf.metrics", 0, 2, null, BYTES);
        failed.decoded = EventSerde.of(MetricSample.class).deserialize("ralf.metrics", 0, 2L, BAD);

        h.processElement(new StreamRecord<>(ok, 5));
        h.processElement(new StreamRecord<>(failed, 6));

        assertThat(h.extractOutputValues()).containsExactly(other);
        assertThat(h.getSideOutput(DecodeRouter.DEAD_LETTERS))
                .singleElement()
                .extracting(r -> r.getValue().cause())
                .isEqualTo(DeadLetterCause.MISSING_FIELD);
    }

    @Test
    void shouldIgnoreADecodingOfAnotherType() throws Exception {
        SourceRecord r = SourceRecord.of("ralf.metrics", 0, 1, null, BYTES);
        r.decoded = new Decoded.Ok<>("not a sample");

        h.processElement(new StreamRecord<>(r, 5));

        assertThat(h.extractOutputValues()).containsExactly(SAMPLE);
    }
}
