/** Idempotent JDBC upserts of incidents and remediation decisions. */
package org.ralf.sinks.jdbc;
