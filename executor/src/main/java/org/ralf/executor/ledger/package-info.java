/**
 * The command ledger (interface and its PostgreSQL implementation): at-most-once execution per
 * idempotency key, guarded state transitions.
 */
package org.ralf.executor.ledger;
