/** Log ingestion: syslog (RFC 5424/3164 over UDP and TCP), the Loki push API and file tail. */
package org.ralf.connectors.logs;
