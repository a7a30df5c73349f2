package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;

class SyslogParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-03-10T12:00:00Z");
    private final SyslogParser parser = new SyslogParser("syslog-test", ZoneId.of("UTC"), 2048);

    private SyslogParser.Result parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parser.parse(b, 0, b.length, "10.0.0.9", RECEIVED);
    }

    private LogRecord ok(String s) {
        SyslogParser.Result r = parse(s);
        assertThat(r).isInstanceOf(SyslogParser.Result.Ok.class);
        return ((SyslogParser.Result.Ok) r).record();
    }

    private String failure(String s) {
        SyslogParser.Result r = parse(s);
        assertThat(r).isInstanceOf(SyslogParser.Result.Failed.class);
        return ((SyslogParser.Result.Failed) r).reason();
    }

    @Test
    void shouldParseTheRfc5424ExampleWithStructuredData() {
        // RFC 5424 section 6.5, example 3
        LogRecord r =
                ok(
                        "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47"
                                + " [exampleSDID@32473 iut=\"3\" eventSource=\"Application\""
                                + " eventID=\"1011\"] An application event log entry...");

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2003-10-11T22:14:15.003Z"));
        assertThat(r.host()).isEqualTo("mymachine.example.com");
        assertThat(r.service()).isEqualTo("evntslog");
        assertThat(r.facility()).isEqualTo("local4");
        assertThat(r.severity()).isEqualTo(Severity.NOTICE);
        assertThat(r.labels())
                .containsEntry("msgid", "ID47")
                .containsEntry("exampleSDID@32473.eventSource", "Application")
                .containsEntry("exampleSDID@32473.iut", "3");
        assertThat(r.message()).isEqualTo("An application event log entry...");
    }

    @Test
    void shouldParseRfc5424WithOffsetAndBomAndNilValues() {
        LogRecord r =
                ok("<34>1 2003-08-24T05:14:15.000003-07:00 - su - - - \uFEFF'su root' failed");

        assertThat(r.timestamp()).isEqualTo(Instant.parse("2003-08-24T12:14:15.000003Z"));
        assertThat(r.host()).isEqualTo("10.0.0.9");
        assertThat(r.service()).isEqualTo("su");
        assertThat(r.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(r.facility()).isEqualTo("auth");
        assertThat(r.message()).isEqualTo("'su root' failed");
    }

    @Test
    void shouldParseTheRfc3164ExampleInferringTheYear() {
        LogRecord r = ok("<34>Oct 11 22:14:15 mymachine su[123]: 'su root' failed for lonvick");

        // October is after the March receive time: the line is from last year
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2025-10-11T22:14:15Z"));
        assertThat(r.host()).isEqualTo("mymachine");
        assertThat(r.service()).isEqualTo("su");
        assertThat(r.labels()).containsEntry("procid", "123");
        assertThat(r.message()).isEqualTo("'su root' failed for lonvick");
    }

    @Test
    void shouldUseThePeerWhenRfc3164HasNoHostname() {
        LogRecord r = ok("<13>Mar  9 08:01:02 cron: job done");

        assertThat(r.host()).isEqualTo("10.0.0.9");
        assertThat(r.service()).isEqualTo("cron");
        assertThat(r.timestamp()).isEqualTo(Instant.parse("2026-03-09T08:01:02Z"));
        assertThat(r.message()).isEqualTo("job done");
    }

    @Test
    void shouldReadRfc3339TimestampsLikeTheJdkParser() {
        for (String t :
                new String[] {
                    "2003-10-11T22:14:15.003Z",
                    "2003-08-24T05:14:15.000003-07:00",
                    "1985-04-12T23:20:50.52Z",
                    "2026-02-28T23:59:59+14:00",
                    "2003-10-11T22:14:15Z",
                    "2003-10-11t22:14:15.123456789z"
                }) {
            assertThat(SyslogParser.rfc3339(t))
                    .as(t)
                    .isEqualTo(OffsetDateTime.parse(t.toUpperCase()).toInstant());
        }
        for (String bad :
                new String[] {
                    "2003-02-30T00:00:00Z",
                    "2003-10-11T25:00:00Z",
                    "2003-10-11T22:14:15",
                    "2003-10-11T22:14:15+24:00"
                }) {
            assertThatThrownBy(() -> SyslogParser.rfc3339(bad))
                    .as(bad)
                    .isInstanceOf(DateTimeException.class);
        }
    }

    @Test
    void shouldRefuseGarbageWithAReason() {
        assertThat(failure("hello world")).contains("no <PRI>");
        assertThat(failure("<999>1 - - - - - - x")).contains("out of range");
        assertThat(failure("<ab>hello")).contains("invalid <PRI>");
        assertThat(failure("")).contains("empty");
    }

    @Test
    void shouldRefuseTruncatedHeaders() {
        assertThat(failure("<13>1 2003-10-11T22:14:15.003Z host")).contains("truncated");
        assertThat(failure("<13>Oct 11 22:1")).contains("truncated");
        assertThat(failure("<13>1 2003-10-11T22:14:15Z h a p m [id x=\"1\""))
                .contains("not closed");
        assertThat(failure("<13>1 not-a-time h a p m - msg")).contains("RFC 3339");
    }

    @Test
    void shouldRefuseInvalidUtf8() {
        byte[] b = {'<', '1', '3', '>', 'O', 'c', 't', ' ', (byte) 0xC3, (byte) 0x28};
        SyslogParser.Result r = parser.parse(b, 0, b.length, "peer", RECEIVED);

        assertThat(r).isInstanceOf(SyslogParser.Result.Failed.class);
        assertThat(((SyslogParser.Result.Failed) r).reason()).contains("UTF-8");
    }

    @Test
    void shouldRefuseOversizedMessagesAsTooLarge() {
        byte[] b = new byte[4096];
        java.util.Arrays.fill(b, (byte) 'a');
        SyslogParser.Result r = parser.parse(b, 0, b.length, "peer", RECEIVED);

        assertThat(r).isInstanceOf(SyslogParser.Result.Failed.class);
        assertThat(((SyslogParser.Result.Failed) r).tooLarge()).isTrue();
    }
}
