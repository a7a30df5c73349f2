/**
 * The command ledger in PostgreSQL: at-most-once execution per idempotency key, guarded state
 * transitions.
 */
package org.ralf.executor.ledger;
