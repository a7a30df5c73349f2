package org.ralf.simulator;

/** The checked base exception of the simulator's API. */
public class SimulatorException extends Exception {
    private static final long serialVersionUID = 1L;

    /** An error with a message. */
    public SimulatorException(String message) {
        super(message);
    }

    /** An error with a message and its cause. */
    public SimulatorException(String message, Throwable cause) {
        super(message, cause);
    }
}
