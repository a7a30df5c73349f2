package org.ralf.simulator.engine;

import java.time.Instant;
import java.util.Map;
import org.ralf.schemas.discovery.DiscoveryEvent;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.metric.MetricSample;
import org.ralf.simulator.truth.ActionRecord;
import org.ralf.simulator.truth.GroundTruthFault;

/** Everything the engine emits, in simulated-time order. Emitters pick the kinds they carry. */
public sealed interface SimEvent {

    /** Simulated time of the event. */
    Instant time();

    /**
     * A metric sample of one host.
     *
     * @param host the host whose exporter (or whose scrape) produced it
     * @param sample the sample
     * @param scrapeDerived true for series a scraper derives ({@code up}), not an exporter
     */
    record Metric(String host, MetricSample sample, boolean scrapeDerived) implements SimEvent {
        @Override
        public Instant time() {
            return sample.timestamp();
        }
    }

    /** A log line. */
    record Log(LogRecord record) implements SimEvent {
        @Override
        public Instant time() {
            return record.timestamp();
        }
    }

    /** A discovery observation (what a Proxmox or PBS poller would report). */
    record Discovery(DiscoveryEvent event) implements SimEvent {
        @Override
        public Instant time() {
            return event.observedAt();
        }
    }

    /**
     * An upsert of an inventory row: table {@code nodes}, {@code guests}, {@code services}, {@code
     * deployments} of schema {@code ralf}, or {@code storages} (Proxmox only, no table).
     *
     * @param time simulated time of the change
     * @param table table name
     * @param row column name to value (String, Integer, Long, Boolean or Instant)
     */
    record Inventory(Instant time, String table, Map<String, Object> row) implements SimEvent {
        /** Copies the row. */
        public Inventory {
            row = Map.copyOf(row);
        }
    }

    /**
     * A fault started ({@code fault.end() == null}) or ended.
     *
     * @param time simulated time of the change
     * @param fault the ground truth as of now
     */
    record Fault(Instant time, GroundTruthFault fault) implements SimEvent {}

    /**
     * A Proxmox action was applied to the model (closed loop).
     *
     * @param time simulated time
     * @param action the action
     */
    record Action(Instant time, ActionRecord action) implements SimEvent {}
}
