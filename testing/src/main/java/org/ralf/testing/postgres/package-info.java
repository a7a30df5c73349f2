/** A real PostgreSQL with pgvector for tests: a fresh, migrated database per test class. */
package org.ralf.testing.postgres;
