/** The git audit trail: one commit per remediation decision (JGit), optional push. */
package org.ralf.sinks.git;
