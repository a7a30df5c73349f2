/**
 * The mutable state of the simulated homelab: nodes, guests, services and the service catalogue.
 */
package org.ralf.simulator.model;
