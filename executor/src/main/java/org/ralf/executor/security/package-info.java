/** Secret redaction and certificate pinning: what keeps secrets out of logs and results. */
package org.ralf.executor.security;
