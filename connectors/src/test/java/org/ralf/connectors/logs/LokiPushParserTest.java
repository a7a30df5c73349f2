package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.logs.logproto.LokiPush;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;

class LokiPushParserTest {

    private final LokiPushParser parser = new LokiPushParser("loki-test");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldParseJsonStreamsWithLabelsAndNanosecondTimestamps() throws Exception {
        String body =
                """
                {"streams":[{"stream":{"host":"web1","app":"nginx","level":"warn"},
                  "values":[["1700000000123456789","GET / 500"],
                            ["1700000001000000000","GET /x 200",{"trace_id":"abc"}]]}]}
                """;
        List<LokiPushParser.Entry> entries = parser.parseJson(utf8(body), "10.0.0.5");

        assertThat(entries).hasSize(2).allMatch(e -> e instanceof LokiPushParser.Entry.Ok);
        LogRecord first = ((LokiPushParser.Entry.Ok) entries.get(0)).record();
        assertThat(first.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000L, 123456789L));
        assertThat(first.host()).isEqualTo("web1");
        assertThat(first.service()).isEqualTo("nginx");
        assertThat(first.severity()).isEqualTo(Severity.WARNING);
        assertThat(first.message()).isEqualTo("GET / 500");
        assertThat(((LokiPushParser.Entry.Ok) entries.get(1)).record().labels())
                .containsEntry("trace_id", "abc");
    }

    @Test
    void shouldKeepGoodEntriesAndReportBadOnes() throws Exception {
        String body =
                """
                {"streams":[{"stream":{"app":"a"},"values":[["notanumber","x"],["1","ok"],[1,2]]},
                            {"nostream":true}]}
                """;
        List<LokiPushParser.Entry> entries = parser.parseJson(utf8(body), "10.0.0.5");

        assertThat(entries).hasSize(4);
        assertThat(entries.get(1)).isInstanceOf(LokiPushParser.Entry.Ok.class);
        assertThat(((LokiPushParser.Entry.Ok) entries.get(1)).record().host())
                .isEqualTo("10.0.0.5");
        assertThat(entries)
                .filteredOn(e -> e instanceof LokiPushParser.Entry.Bad)
                .extracting(e -> ((LokiPushParser.Entry.Bad) e).reason())
                .anyMatch(r -> r.contains("nanoseconds"))
                .anyMatch(r -> r.contains("entry must be"))
                .anyMatch(r -> r.contains("'stream'"));
    }

    @Test
    void shouldRefuseBodiesThatAreNotPushRequests() {
        assertThatThrownBy(() -> parser.parseJson(utf8("{\"streams\":[{"), "p"))
                .isInstanceOf(LokiPushParser.BadPush.class)
                .hasMessageContaining("JSON");
        assertThatThrownBy(() -> parser.parseJson(utf8("[1,2]"), "p"))
                .hasMessageContaining("streams");
        assertThatThrownBy(() -> parser.parseJson(new byte[] {(byte) 0xFF, (byte) 0xFE, 0}, "p"))
                .isInstanceOf(LokiPushParser.BadPush.class);
        assertThatThrownBy(() -> parser.parseProtobuf(utf8("garbage!!"), "p"))
                .isInstanceOf(LokiPushParser.BadPush.class);
    }

    @Test
    void shouldParseTheProtobufForm() throws Exception {
        byte[] body =
                LokiPush.PushRequest.newBuilder()
                        .addStreams(
                                LokiPush.StreamAdapter.newBuilder()
                                        .setLabels(
                                                "{host=\"db1\", job=\"postgres\", level=\"error\"}")
                                        .addEntries(
                                                LokiPush.EntryAdapter.newBuilder()
                                                        .setTimestamp(
                                                                Timestamp.newBuilder()
                                                                        .setSeconds(1700000000L)
                                                                        .setNanos(5))
                                                        .setLine("deadlock detected")))
                        .build()
                        .toByteArray();

        List<LokiPushParser.Entry> entries = parser.parseProtobuf(body, "p");

        LogRecord r = ((LokiPushParser.Entry.Ok) entries.get(0)).record();
        assertThat(r.host()).isEqualTo("db1");
        assertThat(r.service()).isEqualTo("postgres");
        assertThat(r.severity()).isEqualTo(Severity.ERROR);
        assertThat(r.timestamp()).isEqualTo(Instant.ofEpochSecond(1700000000L, 5));
    }
}
