/** Loghub 2k benchmark of the log template miner: GA/PA scoring and throughput. */
package org.ralf.bench.loghub;
