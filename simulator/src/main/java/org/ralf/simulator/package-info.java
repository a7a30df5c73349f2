/** The homelab simulator's entry point: settings, lifecycle, progress and errors. */
package org.ralf.simulator;
