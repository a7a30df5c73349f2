package org.ralf.bench.ingest;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.connectors.logs.SyslogServer;
import org.ralf.connectors.logs.SyslogSettings;
import org.ralf.connectors.metrics.RemoteWriteReceiver;
import org.ralf.connectors.metrics.RemoteWriteSettings;
import org.ralf.connectors.metrics.prompb.RemoteWrite;
import org.xerial.snappy.Snappy;

/**
 * Ingest benchmark ({@code ralf bench ingest}): how many records per second the receivers get into
 * Kafka, acknowledged. Two phases against a running broker, each on fresh topics of its own that
 * are deleted afterwards:
 *
 * <ol>
 *   <li>remote_write: generated WriteRequests (node-exporter-like series: cpu, memory, disk,
 *       network, with job/instance/cpu/mode/device labels; 2,000 samples per request, as Prometheus
 *       sends by default) POSTed over loopback HTTP by several client threads; a sample counts when
 *       its request was answered 204, which the receiver sends only after Kafka acknowledged it.
 *   <li>syslog TCP: RFC 5424 lines (newline framing) over several connections; lines/s are counted
 *       until the receiver's producer has every line acknowledged by Kafka.
 * </ol>
 *
 * Deterministic data (fixed seed). Figures depend on the machine; they are printed, never asserted.
 */
public final class IngestBench {

    private IngestBench() {}

    /**
     * What to run.
     *
     * @param bootstrapServers the broker
     * @param remoteWriteSamples samples to send (rounded up to whole requests)
     * @param syslogLines lines to send
     * @param clients concurrent HTTP clients / TCP connections
     */
    public record Settings(
            String bootstrapServers, int remoteWriteSamples, int syslogLines, int clients) {

        /** Defaults: 2 million samples, 1 million lines, 4 clients. */
        public static Settings defaults(String bootstrapServers) {
            return new Settings(bootstrapServers, 2_000_000, 1_000_000, 4);
        }
    }

    /**
     * Measured figures.
     *
     * @param remoteWriteSamplesPerSecond samples/s acknowledged by Kafka through remote_write
     * @param remoteWriteSamples samples acknowledged
     * @param remoteWriteSeconds wall time of the phase
     * @param syslogLinesPerSecond lines/s acknowledged by Kafka through syslog TCP
     * @param syslogLines lines acknowledged
     * @param syslogSeconds wall time of the phase
     */
    public record Result(
            double remoteWriteSamplesPerSecond,
            long remoteWriteSamples,
            double remoteWriteSeconds,
            double syslogLinesPerSecond,
            long syslogLines,
            double syslogSeconds) {

        /** The figures as printed by {@code ralf bench ingest}. */
        public String report() {
            return String.format(
                    "remote_write: %,.0f samples/s into Kafka (%,d samples in %.1f s, 2000 samples"
                            + " per request, snappy+protobuf over loopback HTTP, acks=all)%n"
                            + "syslog TCP:   %,.0f lines/s into Kafka (%,d RFC 5424 lines in %.1f s,"
                            + " newline framing, acks=all)",
                    remoteWriteSamplesPerSecond,
                    remoteWriteSamples,
                    remoteWriteSeconds,
                    syslogLinesPerSecond,
                    syslogLines,
                    syslogSeconds);
        }
    }

    /** Runs both phases. */
    public static Result run(Settings s) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        IngestTopics topics =
                new IngestTopics(
                        "ralf.bench.metrics-" + run,
                        "ralf.bench.logs-" + run,
                        "ralf.bench.deadletter-" + run);
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        try (Admin a = Admin.create(admin)) {
            a.createTopics(
                            List.of(
                                    new NewTopic(topics.metrics(), 4, (short) 1),
                                    new NewTopic(topics.logs(), 4, (short) 1),
                                    new NewTopic(topics.deadLetters(), 1, (short) 1)))
                    .all()
                    .get(30, TimeUnit.SECONDS);
            try {
                double[] rw = remoteWrite(s, topics);
                double[] sys = syslog(s, topics);
                return new Result(
                        rw[0] / rw[1], (long) rw[0], rw[1], sys[0] / sys[1], (long) sys[0], sys[1]);
            } finally {
                a.deleteTopics(List.of(topics.metrics(), topics.logs(), topics.deadLetters()))
                        .all()
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static RecordPublisher publisher(String bootstrap, ConnectorMetrics m, IngestTopics t) {
        return RecordPublisher.create(
                bootstrap, "ralf-bench", m, 64L << 20, Duration.ofSeconds(30), t.deadLetters());
    }

    /** Returns {samples acknowledged, seconds}. */
    private static double[] remoteWrite(Settings s, IngestTopics topics) throws Exception {
        List<byte[]> bodies = remoteWriteBodies(2000, 50);
        int requests = (s.remoteWriteSamples() + 1999) / 2000;
        ConnectorMetrics m = new ConnectorMetrics();
        try (RemoteWriteReceiver receiver =
                new RemoteWriteReceiver(
                        new RemoteWriteSettings(
                                "bench-remote-write",
                                "127.0.0.1",
                                0,
                                16 << 20,
                                64 << 20,
                                Duration.ofSeconds(60),
                                s.clients()),
                        publisher(s.bootstrapServers(), m, topics),
                        m,
                        topics,
                        Clock.systemUTC())) {
            receiver.start();
            URI uri =
                    URI.create(
                            "http://127.0.0.1:"
                                    + receiver.address().getPort()
                                    + RemoteWriteReceiver.PATH);
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // warm-up: JIT and producer metadata
            for (int i = 0; i < 20; i++) {
                post(client, uri, bodies.get(i % bodies.size()));
            }
            AtomicLong next = new AtomicLong();
            AtomicLong acked = new AtomicLong();
            ExecutorService pool = Executors.newFixedThreadPool(s.clients());
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                done.add(
                        pool.submit(
                                () -> {
                                    long i;
                                    while ((i = next.getAndIncrement()) < requests) {
                                        int status =
                                                post(
                                                        client,
                                                        uri,
                                                        bodies.get((int) (i % bodies.size())));
                                        if (status == 204) {
                                            acked.addAndGet(2000);
                                        }
                                    }
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            return new double[] {acked.get(), seconds};
        }
    }

    private static int post(HttpClient client, URI uri, byte[] body)
            throws IOException, InterruptedException {
        return client.send(
                        HttpRequest.newBuilder(uri)
                                .header("Content-Encoding", "snappy")
                                .header("Content-Type", "application/x-protobuf")
                                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * Generated remote_write bodies: each one sample of {@code perRequest} series of a simulated
     * node-exporter fleet, timestamps advancing by 15 s between bodies.
     */
    static List<byte[]> remoteWriteBodies(int perRequest, int count) throws IOException {
        Random rnd = new Random(42);
        String[] modes = {"idle", "user", "system", "iowait", "irq", "softirq", "steal", "nice"};
        String[] devices = {"sda", "sdb", "nvme0n1", "eth0", "vmbr0"};
        List<byte[]> out = new ArrayList<>();
        long ts = 1_700_000_000_000L;
        for (int b = 0; b < count; b++) {
            RemoteWrite.WriteRequest.Builder req = RemoteWrite.WriteRequest.newBuilder();
            for (int i = 0; i < perRequest; i++) {
                int host = i / 40;
                int k = i % 40;
                RemoteWrite.TimeSeries.Builder ts1 = RemoteWrite.TimeSeries.newBuilder();
                String name;
                if (k < 32) {
                    name = "node_cpu_seconds_total";
                    ts1.addLabels(label("cpu", String.valueOf(k / 8)));
                    ts1.addLabels(label("mode", modes[k % 8]));
                } else if (k < 37) {
                    name =
                            k % 2 == 0
                                    ? "node_disk_read_bytes_total"
                                    : "node_network_receive_bytes_total";
                    ts1.addLabels(label("device", devices[k - 32]));
                } else {
                    name =
                            new String[] {
                                        "node_memory_MemAvailable_bytes",
                                        "node_load1",
                                        "node_filesystem_avail_bytes"
                                    }
                                    [k - 37];
                }
                ts1.addLabels(label("__name__", name));
                ts1.addLabels(label("instance", "pve" + host + ".lab:9100"));
                ts1.addLabels(label("job", "node"));
                ts1.addSamples(
                        RemoteWrite.Sample.newBuilder()
                                .setValue(rnd.nextDouble() * 1e6)
                                .setTimestamp(ts + b * 15_000L));
                req.addTimeseries(ts1);
            }
            out.add(Snappy.compress(req.build().toByteArray()));
        }
        return out;
    }

    private static RemoteWrite.Label label(String name, String value) {
        return RemoteWrite.Label.newBuilder().setName(name).setValue(value).build();
    }

    /** Returns {lines acknowledged, seconds}. */
    private static double[] syslog(Settings s, IngestTopics topics) throws Exception {
        ConnectorMetrics m = new ConnectorMetrics();
        try (SyslogServer server =
                new SyslogServer(
                        SyslogSettings.defaults("bench-syslog", "127.0.0.1", -1, 0),
                        publisher(s.bootstrapServers(), m, topics),
                        m,
                        topics,
                        Clock.systemUTC())) {
            server.start();
            int perClient = s.syslogLines() / s.clients();
            long total = (long) perClient * s.clients();
            ExecutorService pool = Executors.newFixedThreadPool(s.clients());
            long t0 = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < s.clients(); c++) {
                int client = c;
                done.add(
                        pool.submit(
                                () -> {
                                    sendLines(server.tcpPort(), client, perClient);
                                    return null;
                                }));
            }
            for (Future<?> f : done) {
                f.get(10, TimeUnit.MINUTES);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (m.snapshot().recordsOut() < total && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(5);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            return new double[] {Math.min(total, m.snapshot().recordsOut()), seconds};
        }
    }

    private static void sendLines(int port, int client, int lines) throws IOException {
        String[] apps = {"sshd", "nginx", "postgres", "pveproxy", "kernel", "cron"};
        String base = DateTimeFormatter.ISO_INSTANT.format(Instant.parse("2026-01-01T00:00:00Z"));
        try (Socket socket = new Socket("127.0.0.1", port);
                OutputStream os = new BufferedOutputStream(socket.getOutputStream(), 1 << 16)) {
            for (int i = 0; i < lines; i++) {
                String app = apps[i % apps.length];
                String line =
                        "<30>1 "
                                + base
                                + " node"
                                + (i % 20)
                                + " "
                                + app
                                + " "
                                + (1000 + client)
                                + " - - connection "
                                + i
                                + " from 10.0."
                                + (i % 256)
                                + ".7 port 5"
                                + (i % 1000)
                                + " accepted\n";
                os.write(line.getBytes(StandardCharsets.US_ASCII));
            }
            os.flush();
        }
    }

    /** {@code IngestBench [bootstrap] [samples] [lines] [clients]}: runs and prints the figures. */
    public static void main(String[] args) throws Exception {
        Settings d = Settings.defaults(args.length > 0 ? args[0] : "127.0.0.1:9092");
        Settings s =
                new Settings(
                        d.bootstrapServers(),
                        args.length > 1 ? Integer.parseInt(args[1]) : d.remoteWriteSamples(),
                        args.length > 2 ? Integer.parseInt(args[2]) : d.syslogLines(),
                        args.length > 3 ? Integer.parseInt(args[3]) : d.clients());
        System.out.println(run(s).report());
    }
}
