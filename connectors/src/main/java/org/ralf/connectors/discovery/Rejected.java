package org.ralf.connectors.discovery;

import org.ralf.schemas.deadletter.DeadLetterCause;

/**
 * Input a discovery reader could not turn into an observation: dead-lettered with the reason.
 *
 * @param raw the offending bytes (a line, a lease block, a JSON entry or a whole response)
 * @param cause category
 * @param reason precise reason (where, what)
 */
public record Rejected(byte[] raw, DeadLetterCause cause, String reason) {

    /** Copies the bytes, so the record stays immutable. */
    public Rejected {
        raw = raw.clone();
    }

    /** A copy of the offending bytes. */
    @Override
    public byte[] raw() {
        return raw.clone();
    }
}
