/** Builds connectors from the {@code connectors:} section of ralf.yaml and runs them. */
package org.ralf.connectors.app;
