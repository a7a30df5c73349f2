package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

/** File tail against the broker: rotation by rename and by truncation, restart, stack traces. */
@ExtendWith(KafkaBrokerExtension.class)
class FileTailerIT {

    private static final EventSerde<LogRecord> LOGS = EventSerde.of(LogRecord.class);

    private static void append(Path file, String text) throws Exception {
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static FileTailer tailer(KafkaBroker broker, IngestTopics t, Path file, Path state) {
        ConnectorMetrics m = new ConnectorMetrics();
        FileTailSettings d = FileTailSettings.defaults("tail-it", List.of(file), state, "node1");
        FileTailSettings s =
                new FileTailSettings(
                        d.name(),
                        d.files(),
                        d.stateDir(),
                        Duration.ofMillis(50),
                        d.host(),
                        d.continuation(),
                        d.maxLineBytes(),
                        d.maxEventLines());
        return new FileTailer(
                s,
                RecordPublisher.create(
                        broker.bootstrapServers(),
                        "tail-it",
                        m,
                        4 << 20,
                        Duration.ofSeconds(5),
                        t.deadLetters()),
                m,
                t,
                Clock.systemUTC());
    }

    private static List<String> messages(KafkaBroker broker, IngestTopics t, int expected) {
        return broker.consume(t.logs(), expected, Duration.ofSeconds(20), LOGS).stream()
                .map(LogRecord::message)
                .toList();
    }

    @Test
    void shouldFollowRotationAndRestartWithoutRepeatingOrSkippingLines(
            KafkaBroker broker, @TempDir Path dir) throws Exception {
        // Arrange
        IngestTopics t =
                new IngestTopics(
                        "m", KafkaBroker.uniqueTopic("logs"), KafkaBroker.uniqueTopic("dl"));
        broker.createTopics(1, t.logs(), t.deadLetters());
        Path file = dir.resolve("app.log");
        Path state = dir.resolve("state");
        append(file, "line 1\nline 2\n");

        // Act 1: first run, rename rotation, then a stop
        try (FileTailer tail = tailer(broker, t, file, state)) {
            tail.start();
            assertThat(messages(broker, t, 2)).containsExactly("line 1", "line 2");
            append(file, "line 3\n");
            Files.move(file, dir.resolve("app.log.1"));
            append(file, "line 4\n");
            assertThat(messages(broker, t, 4))
                    .containsExactly("line 1", "line 2", "line 3", "line 4");
        }
        // written while stopped, one line still without its newline
        append(file, "line 5\nline 6 part");

        // Act 2: restart, finish the partial line, then copytruncate
        try (FileTailer tail = tailer(broker, t, file, state)) {
            tail.start();
            assertThat(messages(broker, t, 5)).endsWith("line 4", "line 5");
            append(file, "ial\n");
            assertThat(messages(broker, t, 6)).endsWith("line 6 partial");
            Files.writeString(
                    file, "", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            append(file, "after truncate\n");

            // Assert: every line once, in order
            assertThat(messages(broker, t, 7))
                    .containsExactly(
                            "line 1",
                            "line 2",
                            "line 3",
                            "line 4",
                            "line 5",
                            "line 6 partial",
                            "after truncate");
        }
    }

    @Test
    void shouldJoinAJavaStackTraceIntoOneRecord(KafkaBroker broker, @TempDir Path dir)
            throws Exception {
        // Arrange
        IngestTopics t =
                new IngestTopics(
                        "m", KafkaBroker.uniqueTopic("logs"), KafkaBroker.uniqueTopic("dl"));
        broker.createTopics(1, t.logs(), t.deadLetters());
        Path file = dir.resolve("java.log");
        String trace =
                "2026-01-01 10:00:00 ERROR Request failed\n"
                        + "java.lang.IllegalStateException: boom\n"
                        + "\tat org.example.A.run(A.java:10)\n"
                        + "\tat org.example.B.call(B.java:20)\n"
                        + "Caused by: java.io.IOException: disk\n"
                        + "\t... 2 more\n";
        append(
                file,
                "2026-01-01 09:59:59 INFO started\n" + trace + "2026-01-01 10:00:01 INFO next\n");

        // Act
        List<LogRecord> got;
        try (FileTailer tail = tailer(broker, t, file, dir.resolve("state"))) {
            tail.start();
            got = broker.consume(t.logs(), 3, Duration.ofSeconds(20), LOGS);
        }

        // Assert: the exception line and its frames join the line that logged it
        assertThat(got)
                .extracting(LogRecord::message)
                .containsExactly(
                        "2026-01-01 09:59:59 INFO started",
                        "2026-01-01 10:00:00 ERROR Request failed\n"
                                + "java.lang.IllegalStateException: boom\n"
                                + "\tat org.example.A.run(A.java:10)\n"
                                + "\tat org.example.B.call(B.java:20)\n"
                                + "Caused by: java.io.IOException: disk\n"
                                + "\t... 2 more",
                        "2026-01-01 10:00:01 INFO next");
        assertThat(got.get(1).severity()).isEqualTo(Severity.ERROR);
        assertThat(got).allSatisfy(r -> assertThat(r.host()).isEqualTo("node1"));
    }
}
