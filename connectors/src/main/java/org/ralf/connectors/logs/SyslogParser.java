package org.ralf.connectors.logs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;

/**
 * Parses one syslog message (one UDP datagram or one TCP frame) in RFC 5424 or RFC 3164 form into a
 * {@link LogRecord}; never throws for bad input. RFC 5424 is recognised by the version digit after
 * the PRI ({@code <34>1 }); anything else with a valid PRI is read as RFC 3164 (BSD syslog), whose
 * timestamp has no year and no zone: the year is the receive year (the previous one when that would
 * put the line more than a day in the future) and the zone is the configured one.
 *
 * <p>Failures (no or invalid PRI, truncated header, invalid UTF-8, oversized) come back as {@link
 * Result.Failed} with a precise reason, for the dead-letter topic. Instances are immutable and
 * thread-safe except for the per-thread decoder, which each call creates.
 */
public final class SyslogParser {

    private static final String[] FACILITIES = {
        "kern",
        "user",
        "mail",
        "daemon",
        "auth",
        "syslog",
        "lpr",
        "news",
        "uucp",
        "cron",
        "authpriv",
        "ftp",
        "ntp",
        "audit",
        "alert",
        "clock",
        "local0",
        "local1",
        "local2",
        "local3",
        "local4",
        "local5",
        "local6",
        "local7"
    };
    private static final String[] MONTHS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };

    private final String source;
    private final ZoneId zone;
    private final int maxMessageBytes;

    /**
     * @param source connector name put into every record
     * @param zone zone of RFC 3164 timestamps (which carry none)
     * @param maxMessageBytes larger messages are refused as too large
     */
    public SyslogParser(String source, ZoneId zone, int maxMessageBytes) {
        this.source = source;
        this.zone = zone;
        this.maxMessageBytes = maxMessageBytes;
    }

    /** Outcome of parsing one message. */
    public sealed interface Result {
        /** A parsed record. */
        record Ok(LogRecord record) implements Result {}

        /**
         * Not a syslog message.
         *
         * @param tooLarge whether it was refused for its size
         * @param reason why, precisely
         */
        record Failed(boolean tooLarge, String reason) implements Result {}
    }

    /**
     * Parses {@code length} bytes at {@code offset}.
     *
     * @param peer address of the sender, used as host when the message names none
     * @param receivedAt receive time, for RFC 3164 year inference and NILVALUE timestamps
     */
    public Result parse(byte[] buf, int offset, int length, String peer, Instant receivedAt) {
        if (length > maxMessageBytes) {
            return new Result.Failed(
                    true, "message of " + length + " bytes exceeds " + maxMessageBytes);
        }
        int end = offset + length;
        // trailing newline / NUL of framing and of UDP senders that add one
        while (end > offset
                && (buf[end - 1] == '\n' || buf[end - 1] == '\r' || buf[end - 1] == 0)) {
            end--;
        }
        String text;
        try {
            text = decode(buf, offset, end - offset);
        } catch (CharacterCodingException e) {
            return new Result.Failed(false, "not valid UTF-8 (" + e.getMessage() + ")");
        }
        try {
            return parse(text, peer, receivedAt);
        } catch (Malformed e) {
            return new Result.Failed(false, e.getMessage());
        }
    }

    private static String decode(byte[] buf, int offset, int length)
            throws CharacterCodingException {
        // ASCII fast path: most syslog lines are plain ASCII
        boolean ascii = true;
        for (int i = offset; i < offset + length; i++) {
            if (buf[i] < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(buf, offset, length, StandardCharsets.ISO_8859_1);
        }
        CharsetDecoder d =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = d.decode(ByteBuffer.wrap(buf, offset, length));
        return chars.toString();
    }

    private Result parse(String s, String peer, Instant receivedAt) throws Malformed {
        if (s.isEmpty()) {
            throw new Malformed("empty message");
        }
        if (s.charAt(0) != '<') {
            throw new Malformed("no <PRI> at the start of the message");
        }
        int close = s.indexOf('>');
        if (close < 2 || close > 4) {
            throw new Malformed("invalid <PRI>: expected 1-3 digits between < and >");
        }
        int pri = 0;
        for (int i = 1; i < close; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new Malformed("invalid <PRI>: '" + s.substring(0, close + 1) + "'");
            }
            pri = pri * 10 + (c - '0');
        }
        if (pri > 191) {
            throw new Malformed("<PRI> " + pri + " out of range 0..191");
        }
        Severity severity = Severity.ofCode(pri & 7);
        String facility = FACILITIES[pri >> 3];
        int p = close + 1;
        if (s.length() > p + 1 && s.charAt(p) == '1' && s.charAt(p + 1) == ' ') {
            return parse5424(s, p + 2, severity, facility, peer, receivedAt);
        }
        return parse3164(s, p, severity, facility, peer, receivedAt);
    }

    private Result parse5424(
            String s, int p, Severity severity, String facility, String peer, Instant receivedAt)
            throws Malformed {
        Cursor c = new Cursor(s, p);
        String ts = c.field("TIMESTAMP");
        String host = c.field("HOSTNAME");
        String app = c.field("APP-NAME");
        String procId = c.field("PROCID");
        String msgId = c.field("MSGID");
        Instant time;
        if ("-".equals(ts)) {
            time = receivedAt;
        } else {
            try {
                time = rfc3339(ts);
            } catch (DateTimeException e) {
                throw new Malformed("RFC 5424 TIMESTAMP '" + ts + "' is not RFC 3339");
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (!"-".equals(procId)) {
            labels.put("procid", procId);
        }
        if (!"-".equals(msgId)) {
            labels.put("msgid", msgId);
        }
        c.structuredData(labels);
        String msg = c.rest();
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1); // the BOM of RFC 5424 6.4
        }
        return new Result.Ok(
                new LogRecord(
                        LogRecord.SCHEMA_VERSION,
                        time,
                        "-".equals(host) ? peer : host,
                        "-".equals(app) ? null : app,
                        severity,
                        facility,
                        msg,
                        labels,
                        source,
                        null));
    }

    private Result parse3164(
            String s, int p, Severity severity, String facility, String peer, Instant receivedAt)
            throws Malformed {
        Instant time = timestamp3164(s, p, receivedAt);
        p += 15;
        if (s.charAt(p) != ' ') {
            throw new Malformed("RFC 3164: no space after TIMESTAMP");
        }
        p++;
        // HOSTNAME, unless the sender left it out (then the next word is the TAG with ':' or '[')
        int sp = s.indexOf(' ', p);
        String host = peer;
        String word = sp < 0 ? s.substring(p) : s.substring(p, sp);
        if (sp > 0 && !word.endsWith(":") && word.indexOf('[') < 0) {
            host = word;
            p = sp + 1;
        }
        // TAG: app[pid]: message
        String app = null;
        Map<String, String> labels = new LinkedHashMap<>();
        int colon = s.indexOf(':', p);
        int space = s.indexOf(' ', p);
        if (colon > p && (space < 0 || colon < space)) {
            String tag = s.substring(p, colon);
            int br = tag.indexOf('[');
            if (br > 0 && tag.endsWith("]")) {
                labels.put("procid", tag.substring(br + 1, tag.length() - 1));
                tag = tag.substring(0, br);
            }
            app = tag.isBlank() ? null : tag;
            p = colon + 1;
            if (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
        }
        if (host.isBlank()) {
            host = peer;
        }
        return new Result.Ok(
                new LogRecord(
                        LogRecord.SCHEMA_VERSION,
                        time,
                        host,
                        app,
                        severity,
                        facility,
                        s.substring(Math.min(p, s.length())),
                        labels,
                        source,
                        null));
    }

    /** TIMESTAMP of RFC 3164 at position p: "Mmm dd hh:mm:ss" (day space-padded), 15 characters. */
    private Instant timestamp3164(String s, int p, Instant receivedAt) throws Malformed {
        if (s.length() < p + 16) {
            throw new Malformed("RFC 3164 header truncated: no complete TIMESTAMP");
        }
        int month = -1;
        for (int i = 0; i < 12; i++) {
            if (s.startsWith(MONTHS[i], p)) {
                month = i + 1;
                break;
            }
        }
        if (month < 0 || s.charAt(p + 3) != ' ' || s.charAt(p + 6) != ' ') {
            throw new Malformed(
                    "RFC 3164 TIMESTAMP '"
                            + s.substring(p, Math.min(s.length(), p + 15))
                            + "' is not 'Mmm dd hh:mm:ss'");
        }
        try {
            int day = Integer.parseInt(s.substring(p + 4, p + 6).trim());
            int hour = twoDigits(s, p + 7);
            int minute = twoDigits(s, p + 10);
            int second = twoDigits(s, p + 13);
            if (s.charAt(p + 9) != ':' || s.charAt(p + 12) != ':') {
                throw new NumberFormatException();
            }
            ZonedDateTime now = receivedAt.atZone(zone);
            ZonedDateTime t =
                    LocalDateTime.of(now.getYear(), month, day, hour, minute, second).atZone(zone);
            if (t.isAfter(now.plusDays(1))) {
                t = t.minusYears(1);
            }
            return t.toInstant();
        } catch (NumberFormatException | DateTimeException e) {
            throw new Malformed(
                    "RFC 3164 TIMESTAMP '" + s.substring(p, p + 15) + "' is not a valid time");
        }
    }

    /**
     * RFC 3339 as RFC 5424 restricts it ({@code 2003-10-11T22:14:15.003Z}, {@code ...-07:00}), read
     * at fixed positions because {@link OffsetDateTime#parse} dominated the parse time; any other
     * shape goes to {@code OffsetDateTime.parse}, which decides.
     */
    static Instant rfc3339(String t) {
        int n = t.length();
        if (n >= 20
                && t.charAt(4) == '-'
                && t.charAt(7) == '-'
                && (t.charAt(10) == 'T' || t.charAt(10) == 't')
                && t.charAt(13) == ':'
                && t.charAt(16) == ':') {
            try {
                int year = twoDigits(t, 0) * 100 + twoDigits(t, 2);
                int p = 19;
                int nanos = 0;
                if (t.charAt(p) == '.') {
                    p++;
                    int digits = 0;
                    while (p < n && t.charAt(p) >= '0' && t.charAt(p) <= '9') {
                        if (digits < 9) {
                            nanos = nanos * 10 + (t.charAt(p) - '0');
                        }
                        digits++;
                        p++;
                    }
                    if (digits == 0 || digits > 9) {
                        throw new NumberFormatException();
                    }
                    for (int i = digits; i < 9; i++) {
                        nanos *= 10;
                    }
                }
                int offsetSeconds;
                char z = p < n ? t.charAt(p) : ' ';
                if ((z == 'Z' || z == 'z') && p + 1 == n) {
                    offsetSeconds = 0;
                } else if ((z == '+' || z == '-') && p + 6 == n && t.charAt(p + 3) == ':') {
                    int h = twoDigits(t, p + 1);
                    int m = twoDigits(t, p + 4);
                    if (h > 23 || m > 59) {
                        throw new NumberFormatException();
                    }
                    offsetSeconds = (z == '-' ? -1 : 1) * (h * 3600 + m * 60);
                } else {
                    throw new NumberFormatException();
                }
                LocalDateTime local =
                        LocalDateTime.of(
                                year,
                                twoDigits(t, 5),
                                twoDigits(t, 8),
                                twoDigits(t, 11),
                                twoDigits(t, 14),
                                twoDigits(t, 17));
                return Instant.ofEpochSecond(
                        local.toEpochSecond(ZoneOffset.UTC) - offsetSeconds, nanos);
            } catch (NumberFormatException e) {
                // not the fixed shape: let the full parser decide
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new DateTimeException(e.getMessage(), e);
        }
    }

    private static int twoDigits(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (a < '0' || a > '9' || b < '0' || b > '9') {
            throw new NumberFormatException();
        }
        return (a - '0') * 10 + (b - '0');
    }

    /** Reads the space-separated fields of an RFC 5424 header. */
    private static final class Cursor {
        private final String s;
        private int p;

        Cursor(String s, int p) {
            this.s = s;
            this.p = p;
        }

        String field(String what) throws Malformed {
            if (p >= s.length()) {
                throw new Malformed("RFC 5424 header truncated before " + what);
            }
            int sp = s.indexOf(' ', p);
            if (sp < 0) {
                throw new Malformed("RFC 5424 header truncated in " + what);
            }
            String f = s.substring(p, sp);
            if (f.isEmpty()) {
                throw new Malformed("RFC 5424 " + what + " is empty (double space)");
            }
            p = sp + 1;
            return f;
        }

        /** STRUCTURED-DATA: "-" or one or more [id k="v" ...]; params become labels id.k. */
        void structuredData(Map<String, String> labels) throws Malformed {
            if (p >= s.length()) {
                throw new Malformed("RFC 5424 header truncated before STRUCTURED-DATA");
            }
            if (s.charAt(p) == '-') {
                p++;
                skipSpace();
                return;
            }
            if (s.charAt(p) != '[') {
                throw new Malformed("RFC 5424 STRUCTURED-DATA must be '-' or start with '['");
            }
            while (p < s.length() && s.charAt(p) == '[') {
                p++;
                String id = token("SD-ID");
                while (true) {
                    if (p >= s.length()) {
                        throw new Malformed("RFC 5424 STRUCTURED-DATA not closed");
                    }
                    char ch = s.charAt(p);
                    if (ch == ']') {
                        p++;
                        break;
                    }
                    if (ch != ' ') {
                        throw new Malformed("RFC 5424 SD-ELEMENT " + id + ": expected ' ' or ']'");
                    }
                    p++;
                    String name = token("PARAM-NAME");
                    if (p + 1 >= s.length() || s.charAt(p) != '=' || s.charAt(p + 1) != '"') {
                        throw new Malformed("RFC 5424 SD-PARAM " + name + ": expected =\"");
                    }
                    p += 2;
                    StringBuilder v = new StringBuilder();
                    while (true) {
                        if (p >= s.length()) {
                            throw new Malformed("RFC 5424 SD-PARAM " + name + " not closed");
                        }
                        char x = s.charAt(p++);
                        if (x == '\\' && p < s.length()) {
                            char n = s.charAt(p);
                            if (n == '"' || n == '\\' || n == ']') {
                                v.append(n);
                                p++;
                                continue;
                            }
                        }
                        if (x == '"') {
                            break;
                        }
                        v.append(x);
                    }
                    labels.put(id + "." + name, v.toString());
                }
            }
            skipSpace();
        }

        private String token(String what) throws Malformed {
            int start = p;
            while (p < s.length()) {
                char ch = s.charAt(p);
                if (ch == ' ' || ch == '=' || ch == ']' || ch == '"') {
                    break;
                }
                p++;
            }
            if (p == start) {
                throw new Malformed("RFC 5424 " + what + " is empty");
            }
            return s.substring(start, p);
        }

        private void skipSpace() {
            if (p < s.length() && s.charAt(p) == ' ') {
                p++;
            }
        }

        String rest() {
            return p >= s.length() ? "" : s.substring(p);
        }
    }

    /** Internal: a parse failure with its reason. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
