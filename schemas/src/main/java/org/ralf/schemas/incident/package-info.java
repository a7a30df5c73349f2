/** Incidents correlated from anomalies: value of topic {@code ralf.incidents}. */
package org.ralf.schemas.incident;
