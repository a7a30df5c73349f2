/** Metric samples: value of topic {@code ralf.metrics}. */
package org.ralf.schemas.metric;
