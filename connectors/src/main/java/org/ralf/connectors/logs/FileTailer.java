package org.ralf.connectors.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.ralf.connectors.Connector;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorHealth;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.HealthState;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows log files like {@code tail -F}: new lines become {@code LogRecord}s (host from the
 * settings, service = file name, label {@code file}); continuation lines (Java stack traces by
 * default) join the event they belong to; an event is complete when the next non-continuation line
 * arrives or nothing was appended to it for one poll.
 *
 * <p>Rotation: when the path names another file (rename rotation) the old file is read to its end
 * first and the new one from its start; when a file shrinks (copytruncate) it is read again from
 * its start. Position: after Kafka acknowledged the events of a poll, the offset after the last
 * complete event is written (atomically) to {@code <stateDir>/<name>.positions} together with the
 * file's identity (inode), so a restart continues exactly there — no line repeated, none skipped; a
 * crash between acknowledgement and the position write repeats at most that poll's events. A line
 * without its newline yet is not consumed until the newline arrives.
 */
public final class FileTailer implements Connector {

    private static final Logger LOG = LoggerFactory.getLogger(FileTailer.class);

    private final FileTailSettings settings;
    private final RecordPublisher publisher;
    private final ConnectorMetrics metrics;
    private final Clock clock;
    private final HealthState health;
    private final LogOutput out;
    private final Map<Path, Tail> tails = new LinkedHashMap<>();
    private final Path positions;
    private volatile boolean running;
    private @Nullable Thread thread;

    /**
     * @param settings files, state and parsing
     * @param publisher Kafka publisher (owned: closed with the connector)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where records and dead letters go
     * @param clock receive time of lines
     */
    public FileTailer(
            FileTailSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        this.settings = settings;
        this.publisher = publisher;
        this.metrics = metrics;
        this.clock = clock;
        this.health = new HealthState(clock);
        this.out =
                new LogOutput(
                        settings.name(), publisher, metrics, topics, health, clock, () -> running);
        this.positions = settings.stateDir().resolve(settings.name() + ".positions");
        for (Path f : settings.files()) {
            tails.put(f.toAbsolutePath(), new Tail(f.toAbsolutePath()));
        }
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public void start() throws ConnectorException {
        try {
            Files.createDirectories(settings.stateDir());
            Properties saved = new Properties();
            if (Files.exists(positions)) {
                try (Reader r = Files.newBufferedReader(positions, StandardCharsets.UTF_8)) {
                    saved.load(r);
                }
            }
            for (Tail t : tails.values()) {
                String v = saved.getProperty(t.path.toString());
                if (v != null) {
                    int bar = v.lastIndexOf('|');
                    t.savedKey = v.substring(0, bar);
                    t.savedOffset = Long.parseLong(v.substring(bar + 1));
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new ConnectorException(
                    name() + ": cannot read positions " + positions + ": " + e.getMessage(), e);
        }
        running = true;
        Thread t = new Thread(this::loop, name() + "-tail");
        t.setDaemon(true);
        thread = t;
        t.start();
        health.set(ConnectorHealth.State.HEALTHY, "following " + tails.size() + " files");
    }

    @Override
    public ConnectorHealth health() {
        return health.get();
    }

    @Override
    public ConnectorMetrics metrics() {
        return metrics;
    }

    private void loop() {
        while (running) {
            try {
                pollOnce();
            } catch (ConnectorException e) {
                if (running) {
                    LOG.warn("{}: {}", name(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("{}: poll failed: {}", name(), e.toString());
            }
            try {
                Thread.sleep(settings.pollInterval().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One poll of every file: read, emit complete events, wait for Kafka, save positions. */
    synchronized void pollOnce() throws ConnectorException {
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        boolean changed = false;
        for (Tail t : tails.values()) {
            try {
                changed |= t.poll(pending);
            } catch (IOException e) {
                LOG.warn("{}: reading {} failed: {}", name(), t.path, e.toString());
                t.closeChannel();
            }
        }
        if (!changed) {
            return;
        }
        try {
            for (CompletableFuture<Void> f : pending) {
                f.get(120, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            // positions stay where they were: the events are read again next time
            for (Tail t : tails.values()) {
                t.rewindToCommitted();
            }
            throw new ConnectorException("Kafka did not acknowledge lines: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException("interrupted", e);
        }
        savePositions();
    }

    private void savePositions() throws ConnectorException {
        Properties p = new Properties();
        for (Tail t : tails.values()) {
            if (t.key != null) {
                p.setProperty(t.path.toString(), t.key + "|" + t.committed);
            }
        }
        Path tmp = positions.resolveSibling(positions.getFileName() + ".tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "file tail positions of " + name());
            }
            try {
                Files.move(
                        tmp,
                        positions,
                        StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, positions, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ConnectorException("cannot write positions " + positions + ": " + e, e);
        }
    }

    private static @Nullable String fileKey(Path path) throws IOException {
        try {
            Object k = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
            return k == null ? null : k.toString();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static Severity severityOf(String line) {
        int end = Math.min(line.length(), 120);
        String head = line.substring(0, end);
        for (String level :
                new String[] {"FATAL", "ERROR", "WARN", "WARNING", "INFO", "DEBUG", "TRACE"}) {
            int i = head.indexOf(level);
            if (i >= 0
                    && (i == 0 || !Character.isLetter(head.charAt(i - 1)))
                    && (i + level.length() >= head.length()
                            || !Character.isLetter(head.charAt(i + level.length())))) {
                return LokiPushParser.severity(level);
            }
        }
        return Severity.UNKNOWN;
    }

    /** The state of one followed path. */
    private final class Tail {
        final Path path;
        @Nullable String savedKey;
        long savedOffset;
        @Nullable FileChannel channel;
        @Nullable String key;

        /** Offset after the last emitted event. */
        long committed;

        /** Offset up to which bytes were consumed into lines. */
        long readPos;

        final ByteArrayOutputStream partial = new ByteArrayOutputStream();
        @Nullable StringBuilder event;
        int eventLines;
        long eventEnd;
        boolean extended;

        Tail(Path path) {
            this.path = path;
        }

        /** Reads what is new; returns whether anything was emitted or the file changed. */
        boolean poll(List<CompletableFuture<Void>> pending) throws IOException, ConnectorException {
            boolean changed = false;
            if (channel == null) {
                String k = fileKey(path);
                if (k == null) {
                    return false;
                }
                open(k, k.equals(savedKey) ? savedOffset : 0);
                savedKey = null;
                changed = true;
            }
            long size = channel.size();
            if (size < readPos) {
                LOG.info("{}: {} was truncated, reading from its start", name(), path);
                emitEvent(pending);
                partial.reset();
                readPos = 0;
                committed = 0;
                channel.position(0);
                changed = true;
            }
            extended = false;
            changed |= readAvailable(pending);
            String now = fileKey(path);
            if (now != null && !now.equals(key)) {
                // rotated by rename: the old file is read to its end above; switch to the new one
                LOG.info("{}: {} was rotated, following the new file", name(), path);
                changed |= readAvailable(pending);
                emitEvent(pending);
                closeChannel();
                open(now, 0);
                changed = true;
                changed |= readAvailable(pending);
            }
            if (event != null && !extended) {
                emitEvent(pending);
                changed = true;
            }
            return changed;
        }

        private void open(String k, long offset) throws IOException {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            key = k;
            long start = offset <= channel.size() ? offset : 0;
            channel.position(start);
            readPos = start;
            committed = start;
            partial.reset();
            event = null;
        }

        private boolean readAvailable(List<CompletableFuture<Void>> pending)
                throws IOException, ConnectorException {
            boolean any = false;
            ByteBuffer buf = ByteBuffer.allocate(65536);
            int n;
            while ((n = channel.read(buf)) > 0) {
                metrics.bytesIn(n);
                buf.flip();
                byte[] a = buf.array();
                int lineStart = 0;
                for (int i = 0; i < buf.limit(); i++) {
                    if (a[i] == '\n') {
                        partial.write(a, lineStart, i - lineStart);
                        readPos += partial.size() + 1;
                        line(partial.toByteArray(), readPos, pending);
                        partial.reset();
                        lineStart = i + 1;
                        any = true;
                    }
                }
                partial.write(a, lineStart, buf.limit() - lineStart);
                buf.clear();
            }
            // bytes of an unfinished line are not consumed: read them again next time
            channel.position(readPos);
            partial.reset();
            return any;
        }

        private void line(byte[] bytes, long end, List<CompletableFuture<Void>> pending)
                throws ConnectorException {
            int len = bytes.length;
            if (len > 0 && bytes[len - 1] == '\r') {
                len--;
            }
            if (len > settings.maxLineBytes()) {
                emitEvent(pending);
                pending.add(
                        out.deadLetter(
                                Arrays.copyOf(bytes, settings.maxLineBytes()),
                                DeadLetterCause.TOO_LARGE,
                                path
                                        + ": line of "
                                        + len
                                        + " bytes exceeds "
                                        + settings.maxLineBytes()));
                committed = end;
                return;
            }
            String text;
            try {
                text =
                        StandardCharsets.UTF_8
                                .newDecoder()
                                .onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT)
                                .decode(ByteBuffer.wrap(bytes, 0, len))
                                .toString();
            } catch (CharacterCodingException e) {
                emitEvent(pending);
                pending.add(
                        out.deadLetter(
                                Arrays.copyOf(bytes, len),
                                DeadLetterCause.UNPARSEABLE_INPUT,
                                path + ": line is not valid UTF-8"));
                committed = end;
                return;
            }
            Pattern cont = settings.continuation();
            if (event != null
                    && eventLines < settings.maxEventLines()
                    && cont.matcher(text).find()) {
                event.append('\n').append(text);
                eventLines++;
                eventEnd = end;
                extended = true;
                return;
            }
            emitEvent(pending);
            event = new StringBuilder(text);
            eventLines = 1;
            eventEnd = end;
            extended = true;
        }

        private void emitEvent(List<CompletableFuture<Void>> pending) throws ConnectorException {
            if (event == null) {
                return;
            }
            String message = event.toString();
            event = null;
            pending.add(
                    out.publish(
                            new LogRecord(
                                    LogRecord.SCHEMA_VERSION,
                                    clock.instant(),
                                    settings.host(),
                                    path.getFileName().toString(),
                                    severityOf(message),
                                    null,
                                    message,
                                    Map.of("file", path.toString()),
                                    settings.name(),
                                    null)));
            committed = eventEnd;
        }

        void rewindToCommitted() {
            event = null;
            partial.reset();
            readPos = committed;
            try {
                if (channel != null) {
                    channel.position(committed);
                }
            } catch (IOException e) {
                closeChannel();
            }
        }

        void closeChannel() {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only channel: nothing is lost by a failed close
                }
                channel = null;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Thread t = thread;
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Tail tail : tails.values()) {
            tail.closeChannel();
        }
        publisher.flush();
        publisher.close();
        health.set(ConnectorHealth.State.STOPPED, "stopped");
    }
}
