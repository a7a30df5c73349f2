/** The {@code ralf demo} run: live timeline of the closed loop and the demo report. */
package org.ralf.cli.demo;
