/** Flink job entry points: each wires a pure graph from the pipelines module to production I/O. */
package org.ralf.jobs;
