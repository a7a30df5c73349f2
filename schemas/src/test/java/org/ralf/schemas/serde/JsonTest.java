package org.ralf.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void shouldReadEveryNumberAsDoubleParseDoubleDoes() throws IOException {
        // Arrange: shortest round-trip texts of random bit patterns (every exponent), 17-digit
        // and exponent forms, and the awkward cases of decimal-to-binary rounding
        Random r = new Random(5);
        StringBuilder doc = new StringBuilder("[");
        List<String> texts = new ArrayList<>();
        String[] edge = {
            "0",
            "-0.0",
            "4.9e-324",
            "2.4703282292062328e-324",
            "2.2250738585072011e-308",
            "1.7976931348623157e308",
            "9007199254740993",
            "0.1",
            "123456789012345678901234567890",
            "1.00000000000000011102230246251565404236316680908203125",
            "47.38172635182763"
        };
        texts.addAll(List.of(edge));
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (Double.isFinite(d)) {
                texts.add(Double.toString(d));
            }
            double v = r.nextDouble() * Math.pow(10, r.nextInt(12) - 3);
            texts.add(String.format(Locale.ROOT, "%.17g", v));
            texts.add(String.format(Locale.ROOT, "%.16e", v));
            texts.add(Double.toString(v));
        }
        for (int i = 0; i < texts.size(); i++) {
            doc.append(i == 0 ? "" : ",").append(texts.get(i));
        }
        doc.append(']');

        // Act + Assert: the shared mapper's parser gives the bits Double.parseDouble gives
        try (JsonParser p = Json.mapper().getFactory().createParser(doc.toString())) {
            assertThat(p.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            for (String t : texts) {
                p.nextToken();
                assertThat(Double.doubleToRawLongBits(p.getDoubleValue()))
                        .as(t)
                        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(t)));
            }
            assertThat(p.nextToken()).isEqualTo(JsonToken.END_ARRAY);
        }
    }
}
