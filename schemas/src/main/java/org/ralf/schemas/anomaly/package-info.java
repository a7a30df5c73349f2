/** Anomalies found by detectors and patterns: value of topic {@code ralf.anomalies}. */
package org.ralf.schemas.anomaly;
