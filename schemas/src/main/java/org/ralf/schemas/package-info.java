/**
 * The contract module's root: the registry of topic value types, {@link org.ralf.schemas.Versioned}
 * and ids.
 */
package org.ralf.schemas;
