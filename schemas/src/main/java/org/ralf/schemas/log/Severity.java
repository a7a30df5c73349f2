package org.ralf.schemas.log;

/**
 * Log severity, the eight syslog levels of RFC 5424 plus {@link #UNKNOWN} for sources that do not
 * carry one (plain files, Loki lines without a level label).
 */
public enum Severity {
    EMERGENCY(0),
    ALERT(1),
    CRITICAL(2),
    ERROR(3),
    WARNING(4),
    NOTICE(5),
    INFO(6),
    DEBUG(7),
    /** The source gave no severity and none could be inferred. */
    UNKNOWN(-1);

    private final int code;

    Severity(int code) {
        this.code = code;
    }

    /** RFC 5424 numeric severity (0 = emergency ... 7 = debug), -1 for {@link #UNKNOWN}. */
    public int code() {
        return code;
    }

    /**
     * The severity of an RFC 5424 numeric code.
     *
     * @throws IllegalArgumentException if the code is not in 0..7
     */
    public static Severity ofCode(int code) {
        if (code < 0 || code > 7) {
            throw new IllegalArgumentException("syslog severity must be in 0..7, was " + code);
        }
        return values()[code];
    }
}
