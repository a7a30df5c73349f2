/** The pgvector incident memory: experience records searched by fingerprint similarity. */
package org.ralf.sinks.memory;
