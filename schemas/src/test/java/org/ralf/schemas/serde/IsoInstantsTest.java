package org.ralf.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoInstantsTest {

    @Test
    void shouldGiveTheSameInstantAsInstantParse() {
        String[] cases = {
            "2026-11-25T22:00:00Z",
            "2026-11-25T22:00:00.5Z",
            "2026-11-25T22:00:01.250Z",
            "2026-11-25T22:00:00.123456789Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z",
            "2024-02-29T23:59:59.999999Z",
            "2026-11-25T22:00:00+01:00",
            "+12026-11-25T22:00:00Z",
            "2026-11-25T24:00:00Z" // ISO's end of day, which Instant.parse accepts
        };
        for (String t : cases) {
            assertThat(IsoInstants.parse(t)).as(t).isEqualTo(Instant.parse(t));
        }
        Random r = new Random(3);
        for (int i = 0; i < 10_000; i++) {
            Instant x = Instant.ofEpochSecond(r.nextInt(2_000_000_000), r.nextInt(1_000_000_000));
            String t = x.toString();
            assertThat(IsoInstants.parse(t)).as(t).isEqualTo(x);
        }
    }

    @Test
    void shouldRejectWhatInstantParseRejects() {
        for (String t :
                new String[] {
                    "2026-02-30T00:00:00Z",
                    "2026-11-25T25:00:00Z",
                    "2026-11-25T2x:00:00Z",
                    "",
                    "now"
                }) {
            assertThatThrownBy(() -> IsoInstants.parse(t))
                    .as(t)
                    .isInstanceOf(DateTimeParseException.class);
        }
    }

    @Test
    void shouldDecodeInstantsThroughTheSharedMapperAndRefuseBadOnes() throws Exception {
        record Stamp(Instant at) {}

        assertThat(
                        Json.mapper()
                                .readValue("{\"at\":\"2026-11-25T22:00:00.25Z\"}", Stamp.class)
                                .at())
                .isEqualTo(Instant.parse("2026-11-25T22:00:00.25Z"));
        assertThatThrownBy(() -> Json.mapper().readValue("{\"at\":\"yesterday\"}", Stamp.class))
                .isInstanceOf(com.fasterxml.jackson.databind.JsonMappingException.class)
                .hasMessageContaining("yesterday");
    }
}
