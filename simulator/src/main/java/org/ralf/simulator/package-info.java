/** R.A.L.F. simulator module. */
package org.ralf.simulator;
