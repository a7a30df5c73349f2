/** R.A.L.F. models module. */
package org.ralf.models;
