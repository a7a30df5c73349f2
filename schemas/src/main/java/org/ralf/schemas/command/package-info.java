/** Commands for the executor, their results and approvals. */
package org.ralf.schemas.command;
