/** Incident fingerprints, their embeddings, the incident memory API and success estimates. */
package org.ralf.models.incident;
