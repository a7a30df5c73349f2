/** The JDBC batch handler and one idempotent upsert statement binder per table. */
package org.ralf.sinks.jdbc;
