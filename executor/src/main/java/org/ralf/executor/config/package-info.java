/**
 * Typed executor configuration from the {@code executor:} section of ralf.yaml, and the allowlist.
 */
package org.ralf.executor.config;
