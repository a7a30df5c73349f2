/**
 * The Ansible backend: ansible-playbook from an argument list, JSON callback output parsed into
 * per-host counts.
 */
package org.ralf.executor.runner.ansible;
