/** Inventory topology (service → guest → node) from CDC, and locating anomalies in it. */
package org.ralf.pipelines.remediation.topology;
