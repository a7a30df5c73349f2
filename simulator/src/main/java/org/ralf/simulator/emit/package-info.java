/**
 * Emitters: where the engine's events go (Kafka, exposition endpoints, syslog, PostgreSQL, files).
 */
package org.ralf.simulator.emit;
