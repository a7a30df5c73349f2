/** Latency benchmark of the remediation job: anomaly in, signed command out. */
package org.ralf.bench.remediation;
