package org.ralf.connectors.logs;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.annotation.Nullable;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog receiver over UDP (one message per datagram) and TCP (RFC 6587: octet counting {@code
 * "<len> <msg>"} and newline framing, detected per frame, so one connection may mix both), RFC 5424
 * and RFC 3164 messages ({@link SyslogParser}). Each message becomes a {@code LogRecord} keyed by
 * host; a message that does not parse is dead-lettered with its reason and the connection goes on.
 *
 * <p>Backpressure: a TCP connection's thread stops reading while Kafka refuses records, so the
 * sender's TCP window fills and it blocks. UDP cannot push back: while Kafka refuses records the
 * kernel's receive buffer fills and the kernel drops datagrams — use TCP where loss matters.
 */
public final class SyslogServer implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogServer.class);

    private final SyslogSettings settings;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final HealthState health;
    private final SyslogParser parser;
    private final LogOutput out;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Semaphore connectionSlots;
    private volatile boolean running;
    private @Nullable DatagramSocket udp;
    private @Nullable ServerSocket tcp;
    private @Nullable Thread udpThread;
    private @Nullable Thread acceptThread;

    /**
     * @param settings ports and limits
     * @param publisher Kafka publisher (owned: closed with the connector)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where records and dead letters go
     * @param clock receive time
     */
    public SyslogServer(
            SyslogSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.health = new HealthState(clock);
        this.parser =
                new SyslogParser(settings.name(), settings.zone(), settings.maxMessageBytes());
        this.out =
                new LogOutput(
                        settings.name(), publisher, metrics, topics, health, clock, () -> running);
        this.connectionSlots = new Semaphore(settings.maxConnections());
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void start() throws ConnectorException {
        running = true;
        try {
            InetAddress bind = InetAddress.getByName(settings.bindHost());
            if (settings.udpPort() >= 0) {
                DatagramSocket socket = new DatagramSocket(null);
                socket.setReceiveBufferSize(4 << 20);
                socket.bind(new InetSocketAddress(bind, settings.udpPort()));
                udp = socket;
                udpThread = daemon(this::receiveUdp, name() + "-udp");
            }
            if (settings.tcpPort() >= 0) {
                ServerSocket server = new ServerSocket();
                server.setReuseAddress(true);
                server.bind(new InetSocketAddress(bind, settings.tcpPort()), 128);
                tcp = server;
                acceptThread = daemon(this::acceptTcp, name() + "-tcp-accept");
            }
        } catch (IOException e) {
            close();
            throw new ConnectorException(
                    name() + ": cannot listen on " + settings.bindHost() + ": " + e.getMessage(),
                    e);
        }
        health.set(
                ConnectorHealth.State.HEALTHY,
                "udp " + udpPort() + ", tcp " + tcpPort() + " on " + settings.bindHost());
        LOG.info("syslog {} listening: udp {}, tcp {}", name(), udpPort(), tcpPort());
    }

    /** Bound UDP port, -1 if UDP is off. */
    public int udpPort() {
        DatagramSocket s = udp;
        return s == null ? -1 : s.getLocalPort();
    }

    /** Bound TCP port, -1 if TCP is off. */
    public int tcpPort() {
        ServerSocket s = tcp;
        return s == null ? -1 : s.getLocalPort();
    }

    @Override
    public ConnectorHealth health() {
        return health.get();
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void receiveUdp() {
        byte[] buf = new byte[65536];
        DatagramPacket packet = new DatagramPacket(buf, buf.length);
        while (running) {
            try {
                packet.setLength(buf.length);
                udp.receive(packet);
                metrics.bytesIn(packet.getLength());
                handle(
                        buf,
                        packet.getOffset(),
                        packet.getLength(),
                        packet.getAddress().getHostAddress());
            } catch (SocketException e) {
                if (running) {
                    LOG.warn("{}: UDP socket failed: {}", name(), e.toString());
                }
                return;
            } catch (IOException | ConnectorException e) {
                if (running) {
                    LOG.warn("{}: UDP receive failed: {}", name(), e.toString());
                }
            }
        }
    }

    private void acceptTcp() {
        AtomicInteger n = new AtomicInteger();
        while (running) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (running) {
                    LOG.warn("{}: TCP accept failed: {}", name(), e.toString());
                }
                return;
            }
            if (!connectionSlots.tryAcquire()) {
                LOG.warn(
                        "{}: refusing {}: {} connections open",
                        name(),
                        socket.getRemoteSocketAddress(),
                        settings.maxConnections());
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            daemon(() -> serve(socket), name() + "-tcp-" + n.incrementAndGet());
        }
    }

    private void serve(Socket socket) {
        String peer = socket.getInetAddress().getHostAddress();
        try (socket;
                InputStream in = socket.getInputStream()) {
            FrameReader frames = new FrameReader(in, settings.maxMessageBytes());
            while (running) {
                FrameReader.Frame f = frames.next();
                if (f == null) {
                    return;
                }
                metrics.bytesIn(f.length());
                if (f.oversized()) {
                    out.deadLetter(
                            Arrays.copyOfRange(f.buf(), f.offset(), f.offset() + f.length()),
                            DeadLetterCause.TOO_LARGE,
                            "syslog frame of "
                                    + f.declaredLength()
                                    + " bytes exceeds "
                                    + settings.maxMessageBytes()
                                    + " (payload truncated)");
                    continue;
                }
                handle(f.buf(), f.offset(), f.length(), peer);
            }
        } catch (FrameReader.BadFraming e) {
            LOG.warn("{}: closing connection from {}: {}", name(), peer, e.getMessage());
            try {
                out.deadLetter(e.garbage(), DeadLetterCause.UNPARSEABLE_INPUT, e.getMessage());
            } catch (ConnectorException ce) {
                LOG.warn("{}: dead letter not stored: {}", name(), ce.getMessage());
            }
        } catch (IOException | ConnectorException e) {
            if (running) {
                LOG.debug("{}: connection from {} ended: {}", name(), peer, e.toString());
            }
        } finally {
            connections.remove(socket);
            connectionSlots.release();
        }
    }

    private void handle(byte[] buf, int offset, int length, String peer) throws ConnectorException {
        if (length == 0) {
            return; // keep-alive empty lines of some senders carry nothing to keep
        }
        SyslogParser.Result r = parser.parse(buf, offset, length, peer, clock.instant());
        if (r instanceof SyslogParser.Result.Ok ok) {
            out.publish(ok.record());
        } else if (r instanceof SyslogParser.Result.Failed failed) {
            out.deadLetter(
                    Arrays.copyOfRange(buf, offset, offset + length),
                    failed.tooLarge()
                            ? DeadLetterCause.TOO_LARGE
                            : DeadLetterCause.UNPARSEABLE_INPUT,
                    failed.reason());
        }
    }

    @Override
    public void close() {
        running = false;
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            closeQuietly(tcp);
        }
        for (Socket s : connections) {
            closeQuietly(s);
        }
        join(udpThread);
        join(acceptThread);
        publisher.flush();
        publisher.close();
        health.set(ConnectorHealth.State.STOPPED, "stopped");
    }

    private static void join(@Nullable Thread t) {
        if (t == null) {
            return;
        }
        try {
            t.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown: nothing more to do with a failure
        }
    }
}
