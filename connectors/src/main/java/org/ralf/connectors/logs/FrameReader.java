package org.ralf.connectors.logs;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import javax.annotation.Nullable;

/**
 * Splits a syslog TCP stream into frames (RFC 6587): octet counting ({@code "<len> <msg>"}, a frame
 * starting with a digit) or non-transparent framing (a frame ending at LF; a NUL also ends one, as
 * some senders use it). The framing is detected per frame. Reads through its own buffer so the hot
 * path does no per-byte stream calls; a frame is valid only until the next call.
 */
final class FrameReader {

    private static final int MAX_LENGTH_DIGITS = 9;

    private final InputStream in;
    private final int maxFrame;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    /** A frame in the reader's buffer. */
    record Frame(byte[] buf, int offset, int length, boolean oversized, long declaredLength) {}

    /** The stream is not syslog framing at all; the connection is closed. */
    static final class BadFraming extends IOException {
        private static final long serialVersionUID = 1L;
        private final byte[] garbage;

        BadFraming(String message, byte[] garbage) {
            super(message);
            this.garbage = garbage.clone();
        }

        byte[] garbage() {
            return garbage.clone();
        }
    }

    FrameReader(InputStream in, int maxFrame) {
        this.in = in;
        this.maxFrame = maxFrame;
        this.buf = new byte[Math.max(65536, maxFrame + 16)];
    }

    /** The next frame, or null at the end of the stream. */
    @Nullable
    Frame next() throws IOException {
        if (!ensure(1)) {
            return null;
        }
        byte first = buf[pos];
        if (first >= '1' && first <= '9') {
            return octetCounted();
        }
        return lineFrame();
    }

    private Frame octetCounted() throws IOException {
        long len = 0;
        int digits = 0;
        while (true) {
            if (!ensure(digits + 1)) {
                throw new BadFraming(
                        "stream ended inside an octet count", Arrays.copyOfRange(buf, pos, limit));
            }
            byte b = buf[pos + digits];
            if (b == ' ') {
                break;
            }
            if (b < '0' || b > '9' || digits >= MAX_LENGTH_DIGITS) {
                throw new BadFraming(
                        "invalid octet-counting frame header",
                        Arrays.copyOfRange(buf, pos, Math.min(limit, pos + 64)));
            }
            len = len * 10 + (b - '0');
            digits++;
        }
        pos += digits + 1;
        if (len > maxFrame) {
            // keep the first maxFrame bytes for the dead letter, skip the rest
            int keep = maxFrame;
            if (!ensure(keep)) {
                throw new BadFraming("stream ended inside an oversized frame", new byte[0]);
            }
            Frame f = new Frame(buf, pos, keep, true, len);
            byte[] copy = Arrays.copyOfRange(buf, pos, pos + keep);
            pos += keep;
            skip(len - keep);
            return new Frame(copy, 0, copy.length, true, f.declaredLength());
        }
        if (!ensure((int) len)) {
            throw new BadFraming(
                    "stream ended inside a frame of " + len + " bytes (truncated)",
                    Arrays.copyOfRange(buf, pos, limit));
        }
        Frame f = new Frame(buf, pos, (int) len, false, len);
        pos += (int) len;
        return f;
    }

    private Frame lineFrame() throws IOException {
        int scanned = 0;
        while (true) {
            int end = pos + scanned;
            while (end < limit && buf[end] != '\n' && buf[end] != 0) {
                end++;
            }
            if (end < limit) {
                Frame f = new Frame(buf, pos, end - pos, false, end - pos);
                pos = end + 1;
                return f;
            }
            scanned = limit - pos;
            if (scanned > maxFrame) {
                byte[] copy = Arrays.copyOfRange(buf, pos, pos + maxFrame);
                long skipped = skipLine();
                return new Frame(copy, 0, copy.length, true, scanned + skipped);
            }
            if (!fill()) {
                // last line without LF: still a frame
                Frame f = new Frame(buf, pos, limit - pos, false, limit - pos);
                pos = limit;
                return f;
            }
        }
    }

    /** Skips to after the next LF; returns how many bytes were skipped. */
    private long skipLine() throws IOException {
        long skipped = 0;
        pos = limit;
        while (true) {
            if (pos >= limit && !fill()) {
                return skipped;
            }
            while (pos < limit) {
                byte b = buf[pos++];
                skipped++;
                if (b == '\n') {
                    return skipped;
                }
            }
        }
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            if (pos >= limit && !fill()) {
                return;
            }
            int k = (int) Math.min(n, limit - pos);
            pos += k;
            n -= k;
        }
    }

    /** Makes at least n unread bytes available; false at end of stream. */
    private boolean ensure(int n) throws IOException {
        while (limit - pos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Reads more bytes, compacting the buffer; false at end of stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        if (limit == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int r = in.read(buf, limit, buf.length - limit);
        if (r < 0) {
            eof = true;
            return false;
        }
        limit += r;
        return true;
    }
}
