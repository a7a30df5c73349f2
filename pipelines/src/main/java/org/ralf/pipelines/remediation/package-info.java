/** The remediation graph: incidents, memory lookup, policies, guards, decisions and learning. */
package org.ralf.pipelines.remediation;
