package org.ralf.pipelines.cep;

/** Per-host state of {@link FirstSeenFunction}: a Flink POJO. */
public class KnownHost {

    /** Event time of the latest sighting or inventory change. */
    public long lastSeen = Long.MIN_VALUE;

    /** The registered forget timer. */
    public long timer = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public KnownHost() {}
}
