/** Deterministic hashed embeddings of log templates for similarity search in pgvector. */
package org.ralf.models.embed;
