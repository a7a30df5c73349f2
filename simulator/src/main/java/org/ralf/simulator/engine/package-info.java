/**
 * The deterministic discrete-time engine: clock, model state, fault injection and event generation.
 */
package org.ralf.simulator.engine;
