/** Flyway migrations of the PostgreSQL schema {@code ralf}. */
package org.ralf.schemas.db;
