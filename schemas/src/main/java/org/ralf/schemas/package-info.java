/** R.A.L.F. schemas module. */
package org.ralf.schemas;
