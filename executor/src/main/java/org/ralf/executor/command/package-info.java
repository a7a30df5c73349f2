/** Decoding and structural validation of commands, approvals and results on the wire. */
package org.ralf.executor.command;
