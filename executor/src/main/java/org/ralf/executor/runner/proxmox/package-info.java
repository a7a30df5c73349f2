/**
 * The Proxmox VE backend: an API-token HTTPS client with optional certificate pinning, and task
 * polling.
 */
package org.ralf.executor.runner.proxmox;
