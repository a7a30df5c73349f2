package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.schemas.serde.EventSerde;

class LogRecordJsonTest {

    private static final EventSerde<LogRecord> SERDE = EventSerde.of(LogRecord.class);

    @Test
    void shouldWriteExactlyTheBytesOfTheSerde() {
        Random rnd = new Random(11);
        String[] texts = {
            "plain",
            "quote\"s",
            "back\\slash",
            "multi\nline\ttab",
            "ctl\u0000\u0007\u001b",
            "ünï©ødé €",
            "",
            " ",
            "{\"json\": [1,2]}"
        };
        for (int i = 0; i < 500; i++) {
            Map<String, String> labels = new HashMap<>();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                labels.put("k" + rnd.nextInt(6), texts[rnd.nextInt(texts.length)]);
            }
            LogRecord r =
                    new LogRecord(
                            LogRecord.SCHEMA_VERSION,
                            Instant.ofEpochSecond(
                                    1_700_000_000L + rnd.nextInt(1_000_000),
                                    rnd.nextInt(3) * 123_456_789L),
                            "host-" + texts[i % 2],
                            i % 3 == 0 ? null : "svc" + texts[i % texts.length].trim() + "x",
                            Severity.values()[i % Severity.values().length],
                            i % 4 == 0 ? null : "local" + (i % 8),
                            texts[rnd.nextInt(texts.length)],
                            labels,
                            "syslog-" + i,
                            i % 5 == 0 ? texts[i % texts.length] : null);

            assertThat(new String(LogRecordJson.encode(r), StandardCharsets.UTF_8))
                    .isEqualTo(new String(SERDE.serialize(r), StandardCharsets.UTF_8));
        }
    }

    @Test
    void shouldLeaveLoneSurrogatesToJackson() {
        LogRecord r =
                new LogRecord(
                        LogRecord.SCHEMA_VERSION,
                        Instant.EPOCH,
                        "h",
                        null,
                        Severity.INFO,
                        null,
                        "bad \uD800",
                        Map.of(),
                        "s",
                        null);

        assertThat(LogRecordJson.encode(r)).isNull();
    }
}
