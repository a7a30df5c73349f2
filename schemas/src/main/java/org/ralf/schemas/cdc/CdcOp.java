package org.ralf.schemas.cdc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Debezium operation code of a {@link CdcEnvelope}; serialised as Debezium's one-letter code. */
public enum CdcOp {
    /** Row inserted ({@code c}). */
    CREATE("c"),
    /** Row updated ({@code u}). */
    UPDATE("u"),
    /** Row deleted ({@code d}). */
    DELETE("d"),
    /** Row read during a snapshot ({@code r}). */
    READ("r"),
    /** Table truncated ({@code t}). */
    TRUNCATE("t"),
    /** Logical decoding message ({@code m}). */
    MESSAGE("m");

    private final String code;

    CdcOp(String code) {
        this.code = code;
    }

    /** Debezium's code. */
    @JsonValue
    public String code() {
        return code;
    }

    /**
     * The operation of a Debezium code.
     *
     * @throws IllegalArgumentException for an unknown code
     */
    @JsonCreator
    public static CdcOp ofCode(String code) {
        for (CdcOp op : values()) {
            if (op.code.equals(code)) {
                return op;
            }
        }
        throw new IllegalArgumentException("unknown Debezium op '" + code + "'");
    }
}
