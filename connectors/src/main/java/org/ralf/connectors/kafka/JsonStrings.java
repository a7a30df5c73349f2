package org.ralf.connectors.kafka;

/**
 * JSON string literals written exactly as the schemas' Jackson mapper writes them (short escapes
 * for {@code " \ \b \t \f \n \r}, {@code \}{@code u00XX} for other control characters, everything
 * else raw), for the connectors' hand-rolled encoders of their hottest records. Strings with
 * surrogates are left to Jackson ({@link #writable}).
 */
public final class JsonStrings {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private JsonStrings() {}

    /** Whether {@link #quote} writes the string as Jackson would (no surrogate characters). */
    public static boolean writable(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Appends the JSON string literal of {@code s}. */
    public static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\t' -> b.append("\\t");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }

    /** The JSON string literal of {@code s}. */
    public static String quote(String s) {
        return quote(new StringBuilder(s.length() + 2), s).toString();
    }
}
