/**
 * The executor's core: per-command processing (verify, allowlist, ledger, approval, run, result),
 * the Kafka loop and crash reconciliation.
 */
package org.ralf.executor.engine;
