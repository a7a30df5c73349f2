/** Remediation policies: the YAML document schema, its parser and validator, and matching. */
package org.ralf.pipelines.remediation.policy;
