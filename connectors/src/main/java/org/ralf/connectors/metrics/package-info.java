/** Prometheus ingestion: scrape of the text exposition formats and the remote_write receiver. */
package org.ralf.connectors.metrics;
