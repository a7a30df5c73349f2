/** R.A.L.F. connectors module. */
package org.ralf.connectors;
