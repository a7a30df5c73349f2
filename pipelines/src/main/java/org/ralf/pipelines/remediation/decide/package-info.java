/** Remediation decisions: policy matching, ranking by past success, guards, commands, learning. */
package org.ralf.pipelines.remediation.decide;
