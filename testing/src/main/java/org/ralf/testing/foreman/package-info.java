/** A stateful fake of the Foreman API v2 hosts endpoints, for discovery tests. */
package org.ralf.testing.foreman;
