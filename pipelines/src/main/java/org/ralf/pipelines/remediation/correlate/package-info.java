/** Incident correlation: anomalies on a node and its guests and services within a window. */
package org.ralf.pipelines.remediation.correlate;
