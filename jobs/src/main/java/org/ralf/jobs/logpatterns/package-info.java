/**
 * The logpatterns job: ralf.logs to template ids, template records, pgvector rows and anomalies.
 */
package org.ralf.jobs.logpatterns;
