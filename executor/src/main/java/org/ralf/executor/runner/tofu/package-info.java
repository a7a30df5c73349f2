/**
 * The OpenTofu backend: init, plan -out, apply of the saved plan, machine-readable JSON lines
 * parsed.
 */
package org.ralf.executor.runner.tofu;
