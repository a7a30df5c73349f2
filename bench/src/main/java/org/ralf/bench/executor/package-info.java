/**
 * Figures of the executor's own overhead (`ralf bench executor`): start latency and no-op
 * throughput.
 */
package org.ralf.bench.executor;
