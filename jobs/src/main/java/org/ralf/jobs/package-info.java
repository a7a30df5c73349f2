/** R.A.L.F. jobs module. */
package org.ralf.jobs;
