package org.ralf.simulator.scenario;

import org.ralf.simulator.SimulatorException;

/** A scenario file is missing or invalid; the message names the file and the offending field. */
public final class ScenarioException extends SimulatorException {
    private static final long serialVersionUID = 1L;

    /** An invalid scenario. */
    public ScenarioException(String message) {
        super(message);
    }

    /** An unreadable scenario. */
    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
