package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetter;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.serde.EventSerde;
import org.ralf.testing.kafka.KafkaBroker;
import org.ralf.testing.kafka.KafkaBrokerExtension;

/** The syslog receiver against the real util-linux {@code logger} over UDP and TCP. */
@ExtendWith(KafkaBrokerExtension.class)
class SyslogServerIT {

    private static final EventSerde<LogRecord> LOGS = EventSerde.of(LogRecord.class);
    private static final EventSerde<DeadLetter> DEAD = EventSerde.of(DeadLetter.class);

    private static void logger(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/logger"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    @Test
    void shouldReceiveLinesFromLoggerOverUdpAndTcpAndDeadLetterGarbage(KafkaBroker broker)
            throws Exception {
        // Arrange
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/logger")), "logger not installed");
        IngestTopics t =
                new IngestTopics(
                        KafkaBroker.uniqueTopic("m"),
                        KafkaBroker.uniqueTopic("logs"),
                        KafkaBroker.uniqueTopic("dl"));
        broker.createTopics(1, t.logs(), t.deadLetters());
        ConnectorMetrics m = new ConnectorMetrics();
        try (SyslogServer server =
                new SyslogServer(
                        SyslogSettings.defaults("syslog-it", "127.0.0.1", 0, 0),
                        RecordPublisher.create(
                                broker.bootstrapServers(),
                                "syslog-it",
                                m,
                                8 << 20,
                                Duration.ofSeconds(5),
                                t.deadLetters()),
                        m,
                        t,
                        Clock.systemUTC())) {
            server.start();
            String udp = String.valueOf(server.udpPort());
            String tcp = String.valueOf(server.tcpPort());

            // Act
            logger(
                    "-n",
                    "127.0.0.1",
                    "-P",
                    udp,
                    "-d",
                    "--rfc5424",
                    "-t",
                    "app5424",
                    "-p",
                    "daemon.err",
                    "udp 5424 line");
            logger(
                    "-n",
                    "127.0.0.1",
                    "-P",
                    udp,
                    "-d",
                    "--rfc3164",
                    "-t",
                    "app3164",
                    "-p",
                    "user.warning",
                    "udp 3164 line");
            logger(
                    "-n",
                    "127.0.0.1",
                    "-P",
                    tcp,
                    "-T",
                    "--rfc5424",
                    "--octet-count",
                    "-t",
                    "tcpapp",
                    "tcp octet line");
            logger(
                    "-n",
                    "127.0.0.1",
                    "-P",
                    tcp,
                    "-T",
                    "--rfc3164",
                    "-t",
                    "tcpnl",
                    "-p",
                    "local3.info",
                    "tcp newline line");
            try (Socket s = new Socket("127.0.0.1", server.tcpPort());
                    OutputStream os = s.getOutputStream()) {
                os.write(
                        "garbage without pri\n<13>1 2026-01-01T00:00:00Z h a - - - after garbage\n"
                                .getBytes(StandardCharsets.UTF_8));
                os.write(new byte[] {'<', '1', '3', '>', 'x', (byte) 0xFF, '\n'});
            }

            // Assert
            List<LogRecord> got = broker.consume(t.logs(), 5, Duration.ofSeconds(30), LOGS);
            assertThat(got)
                    .extracting(LogRecord::message)
                    .contains(
                            "udp 5424 line",
                            "udp 3164 line",
                            "tcp octet line",
                            "tcp newline line",
                            "after garbage");
            LogRecord r5424 =
                    got.stream()
                            .filter(r -> r.message().equals("udp 5424 line"))
                            .findFirst()
                            .orElseThrow();
            assertThat(r5424.service()).isEqualTo("app5424");
            assertThat(r5424.severity()).isEqualTo(Severity.ERROR);
            assertThat(r5424.facility()).isEqualTo("daemon");
            LogRecord r3164 =
                    got.stream()
                            .filter(r -> r.message().equals("tcp newline line"))
                            .findFirst()
                            .orElseThrow();
            assertThat(r3164.service()).isEqualTo("tcpnl");
            assertThat(r3164.facility()).isEqualTo("local3");
            assertThat(got).allSatisfy(r -> assertThat(r.host()).isNotBlank());

            List<DeadLetter> dead =
                    broker.consume(t.deadLetters(), 2, Duration.ofSeconds(20), DEAD);
            assertThat(dead)
                    .hasSize(2)
                    .allSatisfy(
                            d ->
                                    assertThat(d.cause())
                                            .isEqualTo(DeadLetterCause.UNPARSEABLE_INPUT));
            assertThat(dead)
                    .extracting(DeadLetter::reason)
                    .anyMatch(r -> r.contains("PRI"))
                    .anyMatch(r -> r.contains("UTF-8"));
            assertThat(server.health().isUp()).isTrue();
        }
    }
}
