/**
 * The deterministic discrete-time engine: clock, model state, one behaviour per fault kind, and the
 * emitters of metrics, logs and inventory.
 */
package org.ralf.simulator.engine;
