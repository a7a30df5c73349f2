package org.ralf.pipelines.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.log.LogTemplate;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.log.TemplatedLog;

class TemplateMinerFunctionTest {

    private static final long T0 = Instant.parse("2026-11-25T22:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;

    private static final LogPatternStreamSettings OPTIONS =
            LogPatternStreamSettings.defaults().withWarmupLines(0);

    static LogLine line(String host, String service, Severity sev, long ts, String message) {
        LogLine l = new LogLine();
        l.host = host;
        l.service = service;
        l.source = LogLine.sourceOf(host, service);
        l.severity = sev.code();
        l.timestamp = ts;
        l.message = message;
        return l;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, LogLine, LogTemplate> harness(
            LogPatternStreamSettings options) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(
                new TemplateMinerOperator(options), l -> l.source, Types.STRING);
    }

    private static void feed(
            KeyedOneInputStreamOperatorTestHarness<String, LogLine, LogTemplate> h,
            List<LogLine> lines)
            throws Exception {
        for (LogLine l : lines) {
            h.processElement(l, l.timestamp);
        }
    }

    /** Two sources, lines that create, match, generalise templates; deterministic. */
    private static List<LogLine> batch(long start, int offset) {
        List<LogLine> out = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i + offset;
            long ts = start + i * 1000L;
            out.add(
                    line(
                            "web01",
                            "nginx",
                            Severity.INFO,
                            ts,
                            "GET /api/item/" + n + " 200 in " + n + "ms"));
            out.add(
                    line(
                            "web01",
                            "nginx",
                            Severity.ERROR,
                            ts,
                            "upstream timed out while reading response from 10.0.0." + (n % 200)));
            out.add(
                    line(
                            "db01",
                            "postgres",
                            Severity.INFO,
                            ts,
                            "checkpoint complete: wrote " + n + " buffers"));
            if (n % 7 == 0) {
                out.add(
                        line(
                                "db01",
                                "postgres",
                                Severity.WARNING,
                                ts,
                                "connection " + n + " reset by peer at stage s" + (n % 3)));
            }
            if (n % 11 == 0) {
                out.add(
                        line(
                                "web01",
                                "nginx",
                                Severity.NOTICE,
                                ts,
                                "worker process "
                                        + n
                                        + " exited with code 0 after reload number "
                                        + n));
            }
        }
        return out;
    }

    private static List<String> describe(
            KeyedOneInputStreamOperatorTestHarness<String, LogLine, LogTemplate> h) {
        List<String> out = new ArrayList<>();
        for (LogTemplate t : h.extractOutputValues()) {
            out.add(t.templateId() + " " + t.count() + " " + t.template());
        }
        for (StreamRecord<TemplateCount> c : h.getSideOutput(TemplateMinerFunction.COUNTS)) {
            out.add(c.getValue().toString());
        }
        return out;
    }

    @Test
    void shouldContinueWithTheSameTemplateIdsAfterRestoreFromACheckpoint() throws Exception {
        // Arrange: a first run up to a checkpoint
        OperatorSubtaskState checkpoint;
        List<String> expected;
        try (var first = harness(OPTIONS)) {
            first.open();
            feed(first, batch(T0, 0));
            first.processWatermark(new Watermark(T0 + MINUTE - 1));
            checkpoint = first.snapshot(1L, T0 + MINUTE);
            first.getOutput().clear();
            first.getSideOutput(TemplateMinerFunction.COUNTS).clear();
            // the run without failure continues with new lines and new templates
            List<LogLine> later = batch(T0 + MINUTE, 1000);
            later.add(
                    line(
                            "web01",
                            "nginx",
                            Severity.CRITICAL,
                            T0 + MINUTE + 5,
                            "disk full on /var/log"));
            feed(first, later);
            first.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));
            expected = describe(first);
        }

        // Act: a new operator restored from the checkpoint gets the same lines
        List<String> actual;
        try (var restored = harness(OPTIONS)) {
            restored.initializeState(checkpoint);
            restored.open();
            List<LogLine> later = batch(T0 + MINUTE, 1000);
            later.add(
                    line(
                            "web01",
                            "nginx",
                            Severity.CRITICAL,
                            T0 + MINUTE + 5,
                            "disk full on /var/log"));
            feed(restored, later);
            restored.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));
            actual = describe(restored);
        }

        // Assert: same ids, counts and window counts as the run without restart
        assertThat(expected).isNotEmpty();
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(String.join("\n", actual)).contains("web01/nginx#", "db01/postgres#");
    }

    @Test
    void shouldKeepIdsWhenTheCacheEvictsMinersBetweenSources() throws Exception {
        // Arrange: the same lines through an operator that caches one miner only
        List<String> roomy;
        try (var h = harness(OPTIONS)) {
            h.open();
            feed(h, batch(T0, 0));
            h.processWatermark(new Watermark(T0 + MINUTE - 1));
            roomy = describe(h);
        }

        // Act
        List<String> tight;
        try (var h = harness(OPTIONS.withCacheSize(1))) {
            h.open();
            feed(h, batch(T0, 0));
            h.processWatermark(new Watermark(T0 + MINUTE - 1));
            tight = describe(h);
            // Assert: evicted miners were written back and reloaded, nothing was relearned
            assertThat(((TemplateMinerOperator) h.getOperator()).function().cachedMiners())
                    .isEqualTo(1);
        }
        assertThat(tight).containsExactlyElementsOf(roomy);
    }

    @Test
    void shouldRaiseNewTemplateAnomaliesOnlyForErrorLikeLines() throws Exception {
        try (var h = harness(OPTIONS)) {
            h.open();
            // Act
            feed(
                    h,
                    List.of(
                            line("web01", "app", Severity.INFO, T0, "user alice logged in"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.ERROR,
                                    T0 + 1,
                                    "cannot open database file"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.ERROR,
                                    T0 + 2,
                                    "cannot open database file"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.WARNING,
                                    T0 + 3,
                                    "request failed with status 503"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.UNKNOWN,
                                    T0 + 4,
                                    "connection refused by upstream"),
                            line("web01", "app", Severity.UNKNOWN, T0 + 5, "cache warmed in 12 ms"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.EMERGENCY,
                                    T0 + 6,
                                    "kernel panic not syncing")));

            // Assert
            List<Anomaly> anomalies =
                    h.getSideOutput(TemplateMinerFunction.NEW_TEMPLATES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(anomalies)
                    .extracting(a -> a.labels().get("template"))
                    .containsExactly(
                            "cannot open database file",
                            "connection refused by upstream",
                            "kernel panic not syncing");
            assertThat(anomalies)
                    .allSatisfy(a -> assertThat(a.kind()).isEqualTo(AnomalyKind.NEW_TEMPLATE));
            assertThat(anomalies).extracting(Anomaly::entity).containsOnly("web01");
            assertThat(anomalies.get(0).score()).isLessThan(anomalies.get(2).score());
            assertThat(anomalies.get(1).explanation()).contains("error word 'refused'");
        }
    }

    @Test
    void shouldNotRaiseNewTemplateAnomaliesDuringTheSourceWarmUp() throws Exception {
        try (var h = harness(LogPatternStreamSettings.defaults().withWarmupLines(2))) {
            h.open();
            feed(
                    h,
                    List.of(
                            line("web01", "app", Severity.ERROR, T0, "cannot open database file"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.ERROR,
                                    T0 + 1,
                                    "socket closed unexpectedly"),
                            line(
                                    "web01",
                                    "app",
                                    Severity.ERROR,
                                    T0 + 2,
                                    "out of memory in allocator")));

            assertThat(h.getSideOutput(TemplateMinerFunction.NEW_TEMPLATES))
                    .extracting(r -> r.getValue().labels().get("template"))
                    .containsExactly("out of memory in allocator");
        }
    }

    @Test
    void shouldEmitTemplateRecordsAtCreationAndOncePerWindowNotPerLine() throws Exception {
        try (var h = harness(OPTIONS)) {
            h.open();
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                lines.add(line("web01", "app", Severity.INFO, T0 + i, "job done"));
            }
            // Act
            feed(h, lines);
            h.processWatermark(new Watermark(T0 + MINUTE - 1));

            // Assert
            assertThat(h.extractOutputValues())
                    .extracting(LogTemplate::count)
                    .containsExactly(1L, 100L);
            assertThat(h.extractOutputValues().get(1).severity()).isEqualTo(Severity.INFO);
            assertThat(h.getSideOutput(TemplateMinerFunction.COUNTS))
                    .extracting(r -> r.getValue().count + "@" + r.getValue().windowStart)
                    .containsExactly("100@" + T0);
        }
    }

    @Test
    void shouldCountLateLinesForTheTemplateButNotForAClosedWindow() throws Exception {
        // (the template record still goes out with the next window, so its count does not lag)
        try (var h = harness(OPTIONS)) {
            h.open();
            h.processElement(line("web01", "app", Severity.INFO, T0 + 10, "job done"), T0 + 10);
            h.processWatermark(new Watermark(T0 + MINUTE - 1));
            // Act: a line of the closed window arrives late
            h.processElement(line("web01", "app", Severity.INFO, T0 + 20, "job done"), T0 + 20);
            h.processWatermark(new Watermark(T0 + 2 * MINUTE - 1));

            // Assert
            assertThat(h.getSideOutput(TemplateMinerFunction.COUNTS))
                    .extracting(r -> r.getValue().count)
                    .containsExactly(1L);
            List<LogTemplate> records = h.extractOutputValues();
            assertThat(records.get(records.size() - 1).count()).isEqualTo(2);
        }
    }

    @Test
    void shouldDropAllStateAndTimersOfASourceSilentForTheTimeToLive() throws Exception {
        LogPatternStreamSettings options =
                OPTIONS.withTtl(Duration.ofMinutes(10), Duration.ofMinutes(10));
        try (var h = harness(options)) {
            h.open();
            feed(h, batch(T0, 0));
            h.processWatermark(new Watermark(T0 + MINUTE - 1));
            h.snapshot(1L, T0 + MINUTE); // writes the cached miners to state
            assertThat(h.numKeyedStateEntries()).isGreaterThan(0);

            // Act
            h.processWatermark(new Watermark(T0 + 12 * MINUTE));

            // Assert
            assertThat(h.numKeyedStateEntries()).isZero();
            assertThat(h.numEventTimeTimers()).isZero();
            assertThat(((TemplateMinerOperator) h.getOperator()).function().cachedMiners())
                    .isZero();
        }
    }

    @Test
    void shouldRetireMergedIdsSoTheirRateSeriesEnds() throws Exception {
        try (var h = harness(OPTIONS)) {
            h.open();
            // five siblings differing in one word: word evidence merges them into the oldest id
            List<LogLine> lines = new ArrayList<>();
            String[] words = {"alpha", "beta", "gamma", "delta", "omega"};
            for (int i = 0; i < words.length; i++) {
                lines.add(
                        line(
                                "web01",
                                "app",
                                Severity.INFO,
                                T0 + i,
                                "queue " + words[i] + " drained"));
            }
            // Act
            feed(h, lines);

            // Assert
            List<TemplateCount> retired =
                    h.getSideOutput(TemplateMinerFunction.COUNTS).stream()
                            .map(StreamRecord::getValue)
                            .filter(c -> c.retired)
                            .toList();
            assertThat(retired).isNotEmpty();
            assertThat(retired.stream().map(c -> c.templateId).collect(Collectors.toSet()))
                    .doesNotContain("web01/app#1");
        }
    }

    @Test
    void shouldEmitEveryLineOnceWithTheIdOfItsCatalogueRecordAndItsKafkaPosition()
            throws Exception {
        try (var h = harness(OPTIONS)) {
            h.open();
            List<LogLine> lines = batch(T0, 0);
            for (int i = 0; i < lines.size(); i++) {
                lines.get(i).partition = i % 2;
                lines.get(i).offset = i;
            }

            // Act
            feed(h, lines);
            h.processWatermark(new Watermark(T0 + MINUTE - 1));

            // Assert: one templated line per input line, in input order, with its position
            List<TemplatedLog> out =
                    h.getSideOutput(TemplateMinerFunction.LINES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(out).hasSameSizeAs(lines);
            Map<String, LogTemplate> catalogue = new HashMap<>();
            for (LogTemplate t : h.extractOutputValues()) {
                catalogue.merge(t.templateId(), t, (a, b) -> b.count() >= a.count() ? b : a);
            }
            Map<String, Long> perId = new HashMap<>();
            for (int i = 0; i < lines.size(); i++) {
                TemplatedLog t = out.get(i);
                LogLine in = lines.get(i);
                assertThat(t.offset()).isEqualTo(in.offset);
                assertThat(t.partition()).isEqualTo(in.partition);
                assertThat(t.message()).isEqualTo(in.message);
                assertThat(t.host()).isEqualTo(in.host);
                assertThat(t.templateId()).startsWith(in.source + "#");
                // the id is one the catalogue has a record for, and the values fill its text
                assertThat(catalogue).containsKey(t.templateId());
                assertThat(t.parameters()).isNotNull();
                perId.merge(t.templateId(), 1L, Long::sum);
            }
            // no merges in this batch: the catalogue counts are exactly the lines per id
            assertThat(h.getSideOutput(TemplateMinerFunction.COUNTS))
                    .noneMatch(c -> c.getValue().retired);
            Map<String, Long> catalogueCounts = new HashMap<>();
            catalogue.forEach((id, t) -> catalogueCounts.put(id, t.count()));
            assertThat(perId).isEqualTo(catalogueCounts);
        }
    }

    @Test
    void shouldTagLinesAfterAMergeWithTheSurvivingId() throws Exception {
        try (var h = harness(OPTIONS)) {
            h.open();
            String[] words = {"alpha", "beta", "gamma", "delta", "omega", "sigma"};
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                lines.add(
                        line(
                                "web01",
                                "app",
                                Severity.INFO,
                                T0 + i,
                                "queue " + words[i] + " drained"));
            }

            // Act
            feed(h, lines);

            // Assert: the last line, after the merge, carries the surviving id and its value
            List<TemplatedLog> out =
                    h.getSideOutput(TemplateMinerFunction.LINES).stream()
                            .map(StreamRecord::getValue)
                            .toList();
            assertThat(out).hasSize(words.length);
            TemplatedLog last = out.get(out.size() - 1);
            assertThat(last.templateId()).isEqualTo("web01/app#1");
            assertThat(last.template()).isEqualTo("queue <*> drained");
            assertThat(last.parameters()).containsExactly("sigma");
            assertThat(last.partition()).isNull();
            assertThat(last.offset()).isNull();
        }
    }
}
