/** Change-data-capture from PostgreSQL with the Debezium embedded engine (pgoutput). */
package org.ralf.connectors.cdc;
