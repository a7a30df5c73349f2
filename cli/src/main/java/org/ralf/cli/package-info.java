/** R.A.L.F. cli module. */
package org.ralf.cli;
