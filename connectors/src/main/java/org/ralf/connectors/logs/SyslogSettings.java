package org.ralf.connectors.logs;

import java.time.ZoneId;

/**
 * Settings of a {@link SyslogServer}.
 *
 * @param name connector name (record source, dead-letter source)
 * @param bindHost address to listen on
 * @param udpPort UDP port; -1 disables UDP, 0 picks a free port (tests)
 * @param tcpPort TCP port; -1 disables TCP, 0 picks a free port (tests)
 * @param maxMessageBytes largest message accepted; larger ones are dead-lettered (truncated)
 * @param maxConnections TCP connections served at once; more are refused (closed)
 * @param zone zone of RFC 3164 timestamps, which carry none
 */
public record SyslogSettings(
        String name,
        String bindHost,
        int udpPort,
        int tcpPort,
        int maxMessageBytes,
        int maxConnections,
        ZoneId zone) {

    /** Defaults: 64 KiB messages, 256 connections, UTC. */
    public static SyslogSettings defaults(String name, String bindHost, int udpPort, int tcpPort) {
        return new SyslogSettings(
                name, bindHost, udpPort, tcpPort, 64 * 1024, 256, ZoneId.of("UTC"));
    }

    /** Validates the settings. */
    public SyslogSettings {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        if (udpPort < -1 || udpPort > 65535 || tcpPort < -1 || tcpPort > 65535) {
            throw new IllegalArgumentException(name + ": ports must be -1 (off) or 0..65535");
        }
        if (udpPort == -1 && tcpPort == -1) {
            throw new IllegalArgumentException(name + ": enable UDP, TCP or both");
        }
        if (maxMessageBytes < 480 || maxConnections < 1) {
            // RFC 3164/5424 receivers must accept at least 480 octets
            throw new IllegalArgumentException(
                    name + ": max message bytes must be >= 480 and connections >= 1");
        }
    }
}
