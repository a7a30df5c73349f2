/**
 * The ralf command line (picocli): parses options, calls the modules' APIs, maps errors to exit
 * codes.
 */
package org.ralf.cli;
