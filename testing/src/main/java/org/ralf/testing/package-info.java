/** R.A.L.F. testing module. */
package org.ralf.testing;
