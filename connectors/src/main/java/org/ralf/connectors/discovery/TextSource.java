package org.ralf.connectors.discovery;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;

/** Bounded reading of text files and strict UTF-8 decoding line by line, for the file readers. */
final class TextSource {

    private TextSource() {}

    /**
     * One line of a file.
     *
     * @param number 1-based line number
     * @param raw its bytes without the line break
     * @param text the decoded text, or null if the bytes are not valid UTF-8
     */
    record Line(int number, byte[] raw, @Nullable String text) {}

    /**
     * At most {@code limit + 1} bytes of the file, so the caller can tell an oversized file.
     *
     * @throws ConnectorException if the file cannot be read
     */
    private static byte[] readAtMost(Path file, int limit) throws ConnectorException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(limit + 1);
        } catch (IOException e) {
            throw new ConnectorException("cannot read " + file + ": " + e, e);
        }
    }

    /**
     * Reads the file and parses it, or rejects it whole when it is larger than {@code limit}: the
     * poll is then incomplete, so no host is declared gone because of an unread file.
     *
     * @throws ConnectorException if the file cannot be read
     */
    static PollResult pollFile(Path file, int limit, Function<byte[], PollResult> parse)
            throws ConnectorException {
        byte[] content = readAtMost(file, limit);
        if (content.length > limit) {
            return new PollResult(
                    List.of(),
                    List.of(
                            new Rejected(
                                    content,
                                    DeadLetterCause.TOO_LARGE,
                                    file + " is larger than the limit of " + limit + " bytes")),
                    false);
        }
        return parse.apply(content);
    }

    /** Splits on LF (dropping a CR before it) and decodes each line strictly as UTF-8. */
    static List<Line> lines(byte[] content) {
        List<Line> out = new ArrayList<>();
        int start = 0;
        int number = 1;
        for (int i = 0; i <= content.length; i++) {
            if (i == content.length || content[i] == '\n') {
                int end = i;
                if (end > start && content[end - 1] == '\r') {
                    end--;
                }
                if (i < content.length || end > start) {
                    byte[] raw = Arrays.copyOfRange(content, start, end);
                    out.add(new Line(number, raw, decode(raw)));
                }
                start = i + 1;
                number++;
            }
        }
        return out;
    }

    static @Nullable String decode(byte[] raw) {
        CharsetDecoder decoder =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(raw));
            String s = chars.toString();
            // NUL and other C0 controls (except tab) never occur in these files: a binary or
            // UTF-16 file read as UTF-8
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < 0x20 && c != '\t') {
                    return null;
                }
            }
            return s;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
