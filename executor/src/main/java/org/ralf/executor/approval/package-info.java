/**
 * Approvals for commands that require one: persisted as they arrive, before or after their command.
 */
package org.ralf.executor.approval;
