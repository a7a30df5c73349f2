/**
 * NAB (Numenta Anomaly Benchmark) runner and scorer: feeds NAB-layout corpora through the
 * detectors.
 */
package org.ralf.bench.nab;
