/**
 * The backends behind one {@link org.ralf.executor.runner.ActionRunner} interface, and process-tree
 * handling.
 */
package org.ralf.executor.runner;
