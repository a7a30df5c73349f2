package org.ralf.simulator.scenario;

import java.time.Duration;
import java.util.Map;

/**
 * A fault to inject.
 *
 * @param id id unique in the scenario
 * @param kind kind of fault
 * @param entity node name, guest name or {@code guest/service}
 * @param start offset from the scenario start
 * @param end offset from the scenario start at which the fault stops by itself (after start)
 * @param params kind-specific numeric parameters (see docs/simulator.md)
 */
public record FaultSpec(
        String id,
        FaultKind kind,
        String entity,
        Duration start,
        Duration end,
        Map<String, Double> params) {

    /** Copies the map. */
    public FaultSpec {
        params = Map.copyOf(params);
    }

    /** A parameter or its default. */
    public double param(String name, double dflt) {
        return params.getOrDefault(name, dflt);
    }
}
