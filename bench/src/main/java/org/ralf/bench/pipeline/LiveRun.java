package org.ralf.bench.pipeline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.ralf.jobs.detect.DetectSettings;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.serde.EventSerde;

/**
 * The live part of {@link PipelineBench}: the detect job unbounded at a fixed input rate with
 * injected spikes on probe series; event→anomaly latency as emitted and as committed, and keyed
 * state per series from the last retained checkpoint.
 */
final class LiveRun {

    private static final EventSerde<Anomaly> ANOMALIES = EventSerde.of(Anomaly.class);
    private static final int PROBE_HISTORY = 200;

    /**
     * The value of an injected spike: the latency counts only anomalies of this value, so that an
     * alert on a probe's ordinary history (e.g. a young series' first new extreme) is not taken for
     * the detection of its spike.
     */
    private static final double SPIKE = 500.0;

    private final PipelineBench.Settings s;
    private final PrintStream out;
    private final SampleEncoder encoder;
    // one seeded sequence for the probe history and the live samples, as before the split
    private final Random random = new Random(7);

    LiveRun(PipelineBench.Settings s, PrintStream out, SampleEncoder encoder) {
        this.s = s;
        this.out = out;
        this.encoder = encoder;
    }

    /** What the readers of the anomaly topic collect while the live run lasts. */
    private record Readers(
            Thread uncommitted,
            Thread committed,
            List<Long> emitted,
            List<Long> committedLatencies,
            AtomicInteger otherOnProbes,
            AtomicBoolean stop) {}

    /** What the paced producer did. */
    private record Sent(long samples, int injected, double seconds) {}

    void run(String run, String in, String anomalies, Path work) throws Exception {
        produceProbeHistory(in);
        Path checkpoints = work.resolve("checkpoints");
        DetectSettings detect =
                PipelineBench.detectSettings(
                        s,
                        in,
                        anomalies,
                        in + ".dead",
                        "bench-live-" + run,
                        s.liveCheckpointInterval());
        StreamExecutionEnvironment env = PipelineBench.environment(s, checkpoints);
        JobClient client = PipelineBench.job(s, detect, false).start(env);

        Readers readers = startReaders(anomalies);
        Thread.sleep(5_000); // let the job start and read the probe history
        Sent sent = produce(in);
        // give the last spikes one checkpoint (plus slack) to be committed
        Thread.sleep(s.liveCheckpointInterval().toMillis() * 3 + 2_000);
        readers.stop().set(true);
        readers.uncommitted().join(10_000);
        readers.committed().join(10_000);
        Path chk = latestCheckpoint(checkpoints);
        long chkBytes = chk == null ? -1 : size(chk);
        client.cancel().get(60, TimeUnit.SECONDS);
        report(sent, readers, chk, chkBytes);
    }

    /**
     * Probe series get a history first so that their detectors are past warm-up; on the same clock
     * as the live samples, or the daily wave would jump where history meets live (a phase jump of
     * up to 20 sigma, which the detectors rightly report, and whose anomaly then suppresses the
     * probe's injected spike).
     */
    private void produceProbeHistory(String in) {
        long now = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = PipelineBench.producer(s)) {
            for (int t = PROBE_HISTORY; t > 0; t--) {
                long at = now - t * 1000L;
                for (int p = 0; p < s.probes(); p++) {
                    producer.send(
                            encoder.record(in, p, SampleEncoder.value(p, at / 1000, random), at));
                }
            }
            producer.flush();
        }
    }

    private Readers startReaders(String anomalies) {
        Set<String> probeIds = new HashSet<>();
        for (int p = 0; p < s.probes(); p++) {
            probeIds.add(encoder.seriesId(p));
        }
        List<Long> emitted = Collections.synchronizedList(new ArrayList<>());
        List<Long> committed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger otherOnProbes = new AtomicInteger();
        AtomicBoolean stop = new AtomicBoolean();
        Thread uncommittedReader =
                reader(s, anomalies, "read_uncommitted", probeIds, emitted, otherOnProbes, stop);
        Thread committedReader =
                reader(
                        s,
                        anomalies,
                        "read_committed",
                        probeIds,
                        committed,
                        new AtomicInteger(),
                        stop);
        uncommittedReader.start();
        committedReader.start();
        return new Readers(
                uncommittedReader, committedReader, emitted, committed, otherOnProbes, stop);
    }

    /** Sends at the live rate for the live duration, injecting one spike per probe. */
    private Sent produce(String in) throws InterruptedException {
        long sent = 0;
        long liveMillis = s.liveDuration().toMillis();
        long begin = System.currentTimeMillis();
        long injectFrom = begin + liveMillis / 5;
        long injectEvery = Math.max(1, (liveMillis * 3 / 5) / s.probes());
        int injected = 0;
        try (KafkaProducer<byte[], byte[]> producer = PipelineBench.producer(s)) {
            int next = 0;
            long end = begin + liveMillis;
            for (long now2 = begin; now2 < end; now2 = System.currentTimeMillis()) {
                // Paced by an absolute schedule, so that a late wake-up is caught up rather than
                // lost: the rate stays the target unless the producer cannot keep up at all.
                long due = s.liveRate() * (now2 - begin) / 1000;
                while (sent < due) {
                    int i = next;
                    next = (next + 1) % s.series();
                    long ts = System.currentTimeMillis();
                    producer.send(
                            encoder.record(in, i, SampleEncoder.value(i, ts / 1000, random), ts));
                    sent++;
                }
                if (injected < s.probes() && now2 >= injectFrom + injected * injectEvery) {
                    int probe = injected++;
                    // a spike of three samples, each stamped with its send time
                    for (int k = 0; k < 3; k++) {
                        long ts = System.currentTimeMillis() + k;
                        producer.send(encoder.record(in, probe, SPIKE, ts));
                        sent++;
                    }
                }
                Thread.sleep(2);
            }
            producer.flush();
        }
        return new Sent(sent, injected, (System.currentTimeMillis() - begin) / 1000.0);
    }

    private void report(Sent sent, Readers readers, Path chk, long chkBytes) {
        double liveSec = sent.seconds();
        List<Long> emitted = readers.emitted();
        List<Long> committed = readers.committedLatencies();
        out.printf(
                Locale.ROOT,
                "live: target %,d samples/s for %.0f s, sent %,d (%,.0f samples/s), %d spikes injected, %d detected (%d committed); %d other anomalies on probe series%n",
                s.liveRate(),
                liveSec,
                sent.samples(),
                sent.samples() / liveSec,
                sent.injected(),
                emitted.size(),
                committed.size(),
                readers.otherOnProbes().get());
        out.printf(
                Locale.ROOT,
                "latency event->anomaly as emitted (read_uncommitted): p50 %s ms, p99 %s ms (goal p99 <= 500 ms)%n",
                percentile(emitted, 50),
                percentile(emitted, 99));
        out.printf(
                Locale.ROOT,
                "latency event->anomaly committed (read_committed, checkpoint every %d ms): p50 %s ms, p99 %s ms%n",
                s.liveCheckpointInterval().toMillis(),
                percentile(committed, 50),
                percentile(committed, 99));
        if (chkBytes >= 0) {
            out.printf(
                    Locale.ROOT,
                    "state: checkpoint %s = %,d bytes / %,d series = %,.0f bytes per series (goal <= 2048; all operators included)%n",
                    chk.getFileName(),
                    chkBytes,
                    s.series(),
                    chkBytes / (double) s.series());
        } else {
            out.println("state: no completed checkpoint was retained");
        }
    }

    private static Thread reader(
            PipelineBench.Settings s,
            String topic,
            String isolation,
            Set<String> probes,
            List<Long> latencies,
            AtomicInteger otherOnProbes,
            AtomicBoolean stop) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                ByteArrayDeserializer.class.getName());
        Thread t =
                new Thread(
                        () -> {
                            Set<String> seen = new HashSet<>();
                            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
                                c.subscribe(List.of(topic));
                                while (!stop.get()) {
                                    for (ConsumerRecord<byte[], byte[]> r :
                                            c.poll(Duration.ofMillis(20))) {
                                        long received = System.currentTimeMillis();
                                        Anomaly a =
                                                ANOMALIES
                                                        .deserialize(
                                                                topic,
                                                                r.partition(),
                                                                r.offset(),
                                                                r.value())
                                                        .valueOrNull();
                                        if (a == null
                                                || a.seriesId() == null
                                                || !probes.contains(a.seriesId())) {
                                            continue;
                                        }
                                        if (a.value() == null || a.value() != SPIKE) {
                                            otherOnProbes.incrementAndGet();
                                        } else if (seen.add(a.seriesId())) {
                                            latencies.add(received - a.detectedAt().toEpochMilli());
                                        }
                                    }
                                }
                            }
                        },
                        "bench-" + isolation);
        t.setDaemon(true);
        return t;
    }

    private static String percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return "n/a";
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(Comparator.naturalOrder());
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Long.toString(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static Path latestCheckpoint(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .map(Path::getParent)
                    .max(Comparator.comparingLong(LiveRun::checkpointNumber))
                    .orElse(null);
        }
    }

    private static long checkpointNumber(Path dir) {
        String name = dir.getFileName().toString();
        return name.startsWith("chk-") ? Long.parseLong(name.substring(4)) : -1;
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
