/**
 * Ground truth: the faults injected and the actions observed, as records, a labels file and rows.
 */
package org.ralf.simulator.truth;
