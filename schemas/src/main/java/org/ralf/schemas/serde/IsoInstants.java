package org.ralf.schemas.serde;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Reads ISO-8601 instants. The form every RALF producer writes ({@code
 * yyyy-MM-ddTHH:mm:ss[.fraction]Z}, UTC) is read directly; anything else (offsets, other
 * precisions) goes through {@link Instant#parse}, so both accept exactly the same strings and give
 * the same instant. Why: {@code Instant.parse} runs a formatter and costs about a microsecond,
 * which was the largest single cost of decoding a metric sample and of extracting its event time.
 */
public final class IsoInstants {

    private IsoInstants() {}

    /**
     * The instant of an ISO-8601 string.
     *
     * @throws DateTimeParseException if it is no instant
     */
    public static Instant parse(String t) {
        int n = t.length();
        if (n >= 20
                && n <= 30
                && t.charAt(4) == '-'
                && t.charAt(7) == '-'
                && t.charAt(10) == 'T'
                && t.charAt(13) == ':'
                && t.charAt(16) == ':'
                && t.charAt(n - 1) == 'Z'
                && (n == 20 || (t.charAt(19) == '.' && n > 21))) {
            int year = digits(t, 0, 4);
            int month = digits(t, 5, 7);
            int day = digits(t, 8, 10);
            int hour = digits(t, 11, 13);
            int minute = digits(t, 14, 16);
            int second = digits(t, 17, 19);
            int nanos = 0;
            if (n > 20) {
                nanos = digits(t, 20, n - 1);
                for (int i = n - 1 - 20; i < 9 && nanos >= 0; i++) {
                    nanos *= 10;
                }
            }
            if (year >= 0
                    && month >= 1
                    && month <= 12
                    && day >= 1
                    && day <= 31
                    && hour >= 0
                    && hour <= 23
                    && minute >= 0
                    && minute <= 59
                    && second >= 0
                    && second <= 59
                    && nanos >= 0) {
                try {
                    long days = LocalDate.of(year, month, day).toEpochDay();
                    return Instant.ofEpochSecond(
                            ((days * 24 + hour) * 60 + minute) * 60 + second, nanos);
                } catch (DateTimeException invalidDate) {
                    // e.g. February 30th: let the parser name the problem
                }
            }
        }
        return Instant.parse(t);
    }

    /** Epoch milliseconds of {@link #parse}. */
    public static long toEpochMilli(String t) {
        return parse(t).toEpochMilli();
    }

    /** The decimal number in {@code t[from, to)}, or -1 if a character is no digit. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = t.charAt(i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /**
     * Jackson deserializer of {@link Instant} strings through {@link #parse}; other tokens go to
     * the JavaTimeModule's own deserializer, as before.
     */
    static final class Deserializer extends StdScalarDeserializer<Instant> {
        private static final long serialVersionUID = 1L;

        Deserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return InstantDeserializer.INSTANT.deserialize(p, ctxt);
            }
            String text = p.getText();
            try {
                return parse(text);
            } catch (DateTimeParseException e) {
                return (Instant)
                        ctxt.handleWeirdStringValue(
                                Instant.class, text, "not an ISO-8601 instant: %s", e.getMessage());
            }
        }
    }
}
