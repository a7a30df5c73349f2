package org.ralf.connectors.logs;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.connectors.kafka.JsonStrings;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.serde.EventSerde;

/**
 * Writes {@link LogRecord} JSON byte for byte as {@link EventSerde} does (component order, null
 * components left out), without data binding: Jackson was the largest cost per syslog line. {@code
 * LogRecordJsonTest} keeps the output identical to the serde's.
 */
final class LogRecordJson {

    private LogRecordJson() {}

    /** The JSON of the record, or null when a string needs Jackson's own rules (surrogates). */
    @Nullable
    static byte[] encode(LogRecord r) {
        StringBuilder b = new StringBuilder(160 + r.message().length());
        b.append("{\"schemaVersion\":").append(r.schemaVersion());
        b.append(",\"timestamp\":\"").append(r.timestamp()).append('"');
        if (!field(b, "host", r.host())
                || !field(b, "service", r.service())
                || !field(b, "severity", r.severity().name())
                || !field(b, "facility", r.facility())
                || !field(b, "message", r.message())) {
            return null;
        }
        b.append(",\"labels\":{");
        boolean first = true;
        for (Map.Entry<String, String> e : r.labels().entrySet()) {
            if (!JsonStrings.writable(e.getKey()) || !JsonStrings.writable(e.getValue())) {
                return null;
            }
            if (!first) {
                b.append(',');
            }
            first = false;
            JsonStrings.quote(b, e.getKey()).append(':');
            JsonStrings.quote(b, e.getValue());
        }
        b.append('}');
        if (!field(b, "source", r.source()) || !field(b, "raw", r.raw())) {
            return null;
        }
        return b.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean field(StringBuilder b, String name, @Nullable String value) {
        if (value == null) {
            return true;
        }
        if (!JsonStrings.writable(value)) {
            return false;
        }
        b.append(",\"").append(name).append("\":");
        JsonStrings.quote(b, value);
        return true;
    }
}
