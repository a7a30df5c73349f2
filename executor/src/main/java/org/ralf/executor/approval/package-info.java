/**
 * Approvals for commands that require one (interface and its PostgreSQL implementation): persisted
 * as they arrive, before or after their command.
 */
package org.ralf.executor.approval;
