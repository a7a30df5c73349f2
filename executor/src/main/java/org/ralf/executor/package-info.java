/** R.A.L.F. executor module. */
package org.ralf.executor;
