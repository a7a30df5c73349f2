package org.ralf.jobs.kafka;

import java.io.Serializable;

/**
 * Decodes a record's value where the source reads it, once: sets {@link SourceRecord#decoded} (and
 * {@link SourceRecord#hasEventTime}/{@link SourceRecord#eventTime} when the event time is known
 * from decoding) for the topics it knows and leaves other records untouched. Runs on the source
 * thread for every record; must not throw for bad input.
 */
@FunctionalInterface
public interface SourceDecoder extends Serializable {

    /**
     * Decodes {@code r.value} into {@code r}'s transient fields, if this decoder knows the topic.
     */
    void decode(SourceRecord r);
}
