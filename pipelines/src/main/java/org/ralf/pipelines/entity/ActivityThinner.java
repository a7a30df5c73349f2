package org.ralf.pipelines.entity;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-subtask memory of when each host last produced an {@link EntityKind#ACTIVITY} event, so that
 * a host sending hundreds of samples per second yields one liveness event per heartbeat. Not Flink
 * state on purpose: losing it on restore only emits one extra heartbeat per host. Bounded by LRU
 * eviction.
 */
public final class ActivityThinner {

    private static final int MAX_HOSTS = 100_000;

    private final long heartbeatMillis;
    private final Map<String, Long> last =
            new LinkedHashMap<>(1024, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                    return size() > MAX_HOSTS;
                }
            };

    /**
     * @param heartbeatMillis minimal event-time distance between two activity events of a host
     */
    public ActivityThinner(long heartbeatMillis) {
        this.heartbeatMillis = heartbeatMillis;
    }

    /** Whether an activity event of the host at this event time should be emitted. */
    public boolean admit(String host, long timestamp) {
        Long previous = last.get(host);
        if (previous != null && timestamp < previous + heartbeatMillis && timestamp >= previous) {
            return false;
        }
        last.put(host, timestamp);
        return true;
    }
}
