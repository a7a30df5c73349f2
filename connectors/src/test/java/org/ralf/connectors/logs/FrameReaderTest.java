package org.ralf.connectors.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrameReaderTest {

    private static List<String> frames(String stream, int max) throws IOException {
        FrameReader r =
                new FrameReader(
                        new ByteArrayInputStream(stream.getBytes(StandardCharsets.UTF_8)), max);
        List<String> out = new ArrayList<>();
        FrameReader.Frame f;
        while ((f = r.next()) != null) {
            out.add(
                    (f.oversized() ? "!" : "")
                            + new String(f.buf(), f.offset(), f.length(), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void shouldSplitOctetCountedAndNewlineFramesOnOneConnection() throws IOException {
        assertThat(frames("5 <1>ab<2>cd\n11 <3>1 x y z\n<4>last", 1024))
                .containsExactly("<1>ab", "<2>cd", "<3>1 x y z\n", "<4>last");
    }

    @Test
    void shouldMarkOversizedFramesAndContinueAfterThem() throws IOException {
        String big = "<1>" + "x".repeat(100);
        assertThat(frames(big + "\n<2>ok\n", 20)).hasSize(2).last().isEqualTo("<2>ok");
        assertThat(frames(big.length() + " " + big + "<2>ok\n", 20))
                .hasSize(2)
                .first()
                .asString()
                .startsWith("!");
    }

    @Test
    void shouldRefuseATruncatedOctetCountedFrame() {
        assertThatThrownBy(() -> frames("50 <1>short", 1024))
                .isInstanceOf(FrameReader.BadFraming.class)
                .hasMessageContaining("truncated");
    }

    @Test
    void shouldRefuseAGarbageOctetCount() {
        assertThatThrownBy(() -> frames("12x34 <1>a", 1024))
                .isInstanceOf(FrameReader.BadFraming.class)
                .hasMessageContaining("octet-counting");
    }
}
