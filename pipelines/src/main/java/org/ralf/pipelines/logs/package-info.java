/**
 * Log pattern learning on Flink: the keyed template miner operator and per-template rate detection.
 */
package org.ralf.pipelines.logs;
