/** Scenarios: the homelab and the faults to inject, loaded and validated from YAML. */
package org.ralf.simulator.scenario;
