/**
 * Streaming, causal per-series anomaly detectors with explicit bounded state and a calibrated
 * fusion.
 */
package org.ralf.models.detect;
