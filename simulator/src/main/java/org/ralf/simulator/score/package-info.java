/** Scoring: matching anomalies to ground-truth faults into a report (recall, precision, delays). */
package org.ralf.simulator.score;
