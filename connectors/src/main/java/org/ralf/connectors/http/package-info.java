/** Small HTTP receiver base shared by the push receivers: bounded bodies, bounded threads. */
package org.ralf.connectors.http;
