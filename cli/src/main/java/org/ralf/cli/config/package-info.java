/** The registry of every configuration key and the {@code ralf config} listing of it. */
package org.ralf.cli.config;
