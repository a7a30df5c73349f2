package org.ralf.simulator.emit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.SimEvent;

/**
 * Front-door mode for logs: sends every log line as an RFC 5424 message over UDP to a syslog
 * receiver, with the simulated timestamp in the header so the receiver keeps event time.
 */
public final class SyslogSender implements EventSink, AutoCloseable {
    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private long sent;

    /** A sender to {@code host:port}. */
    public SyslogSender(String host, int port) {
        try {
            this.socket = new DatagramSocket();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a UDP socket", e);
        }
        this.target = new InetSocketAddress(host, port);
    }

    @Override
    public void accept(SimEvent event) {
        if (!(event instanceof SimEvent.Log l)) {
            return;
        }
        byte[] bytes = format(l.record()).getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, bytes.length, target));
            sent++;
        } catch (IOException e) {
            throw new UncheckedIOException("syslog send to " + target + " failed", e);
        }
    }

    /** Messages sent so far. */
    public long sent() {
        return sent;
    }

    /**
     * The RFC 5424 form of a record: {@code <PRI>1 TIMESTAMP HOST APP - - - MSG}.
     *
     * @param r the record
     * @return the syslog line (without a trailing newline)
     */
    public static String format(LogRecord r) {
        int facility =
                switch (r.facility() == null ? "daemon" : r.facility()) {
                    case "kern" -> 0;
                    case "user" -> 1;
                    case "cron" -> 9;
                    default -> 3;
                };
        Severity s = r.severity() == Severity.UNKNOWN ? Severity.INFO : r.severity();
        int pri = facility * 8 + s.code();
        String app = r.service() == null ? "-" : r.service().replace(' ', '_');
        return "<"
                + pri
                + ">1 "
                + DateTimeFormatter.ISO_INSTANT.format(r.timestamp())
                + " "
                + r.host()
                + " "
                + app
                + " - - - "
                + r.message();
    }

    @Override
    public void close() {
        socket.close();
    }
}
