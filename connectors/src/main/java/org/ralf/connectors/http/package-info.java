/** The HTTP push receivers' shared base: one POST route, bounded bodies, bounded threads. */
package org.ralf.connectors.http;
