/** The keyed per-series detector operator: event time, late data, suppression, state cleanup. */
package org.ralf.pipelines.detect;
