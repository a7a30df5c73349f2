package org.ralf.pipelines.cep;

/** Per-host state of {@link HostSilenceFunction}: a Flink POJO. */
public class HostSilence {

    /** Event time of the host's latest event. */
    public long lastSeen = Long.MIN_VALUE;

    /** What that event was, for the explanation. */
    public String lastWhat = "";

    /** The registered silence timer. */
    public long timer = Long.MIN_VALUE;

    /** For Flink's POJO serializer. */
    public HostSilence() {}
}
