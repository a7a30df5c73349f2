/** Throughput and latency benchmark of the Debezium CDC connector. */
package org.ralf.bench.cdc;
