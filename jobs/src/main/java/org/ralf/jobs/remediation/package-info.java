/** The remediation job: wiring of the remediation graph to Kafka, PostgreSQL and git. */
package org.ralf.jobs.remediation;
