/** R.A.L.F. pipelines module. */
package org.ralf.pipelines;
