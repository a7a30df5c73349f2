/** The pipeline benchmark: pass-through vs detect throughput, live latency, state per series. */
package org.ralf.bench.pipeline;
