/** The one batching and failure policy of every sink: buffer, flush, bounded retries, then fail. */
package org.ralf.sinks.batch;
