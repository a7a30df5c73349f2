/** R.A.L.F. sinks module. */
package org.ralf.sinks;
