/** Debezium change-event envelopes of the inventory tables: values of {@code ralf.cdc.<table>}. */
package org.ralf.schemas.cdc;
