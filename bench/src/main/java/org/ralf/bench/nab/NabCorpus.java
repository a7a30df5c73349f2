package org.ralf.bench.nab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A NAB-layout folder: {@code data/<category>/<name>.csv} ({@code timestamp,value}), {@code
 * labels/combined_windows.json} and optionally {@code profiles.json} (or NAB's {@code
 * config/profiles.json}). Timestamps are NAB's naive {@code yyyy-MM-dd HH:mm:ss[.ffffff]} and are
 * read as UTC.
 *
 * @param root the folder
 * @param files the data files, sorted by relative path
 * @param windows anomaly windows per relative path ({@code category/name.csv}), each {@code
 *     [startMillis, endMillis]} inclusive
 * @param profiles the cost profiles
 */
public record NabCorpus(
        Path root,
        List<DataFile> files,
        Map<String, List<long[]>> windows,
        List<NabProfile> profiles) {

    private static final DateTimeFormatter TIMESTAMP =
            new DateTimeFormatterBuilder()
                    .appendPattern("yyyy-MM-dd HH:mm:ss")
                    .optionalStart()
                    .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                    .optionalEnd()
                    .toFormatter();

    /** Defensive copies. */
    public NabCorpus {
        files = List.copyOf(files);
        windows = Map.copyOf(windows);
        profiles = List.copyOf(profiles);
    }

    /**
     * One series of the corpus.
     *
     * @param relativePath {@code category/name.csv}, the key of the labels file
     * @param rawTimestamps the timestamps as written in the file (echoed in the output)
     * @param timestamps the timestamps as epoch milliseconds (UTC)
     * @param values the values ({@code NaN} where unparseable)
     */
    public record DataFile(
            String relativePath, List<String> rawTimestamps, long[] timestamps, double[] values) {

        /** Number of rows. */
        public int size() {
            return timestamps.length;
        }
    }

    /** Loads a NAB-layout folder; fails if {@code data/} or the windows file is missing. */
    public static NabCorpus load(Path root) throws IOException {
        Path dataDir = root.resolve("data");
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("not a NAB-layout folder (no data/ directory): " + root);
        }
        List<DataFile> files = new ArrayList<>();
        for (Path csv : listCsv(dataDir)) {
            String rel = dataDir.relativize(csv).toString().replace('\\', '/');
            files.add(readSeries(csv, rel, "value"));
        }
        Map<String, List<long[]>> windows =
                readWindows(root.resolve("labels/combined_windows.json"));
        return new NabCorpus(root, files, windows, loadProfiles(root));
    }

    /** Windows of a file (empty if the labels do not mention it). */
    public List<long[]> windowsOf(String relativePath) {
        return windows.getOrDefault(relativePath, List.of());
    }

    static List<NabProfile> loadProfiles(Path root) throws IOException {
        for (Path p :
                List.of(root.resolve("profiles.json"), root.resolve("config/profiles.json"))) {
            if (Files.isRegularFile(p)) {
                return NabProfile.load(p);
            }
        }
        return NabProfile.defaults();
    }

    static List<Path> listCsv(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = new ArrayList<>();
            s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".csv"))
                    .forEach(out::add);
            Collections.sort(out);
            return out;
        }
    }

    /** Parses a NAB timestamp ({@code yyyy-MM-dd HH:mm:ss[.f]}, or ISO with 'T') as UTC millis. */
    public static long parseTimestamp(String text) {
        String t = text.trim().replace('T', ' ');
        return LocalDateTime.parse(t, TIMESTAMP).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /**
     * Reads a CSV with a {@code timestamp} column and the given value column.
     *
     * @throws IOException if the file has no such columns
     */
    static DataFile readSeries(Path csv, String relativePath, String valueColumn)
            throws IOException {
        try (BufferedReader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IOException("empty file " + csv);
            }
            String[] cols = header.trim().split(",");
            int tsCol = indexOf(cols, "timestamp");
            int valCol = indexOf(cols, valueColumn);
            if (tsCol < 0 || valCol < 0) {
                throw new IOException(
                        csv + ": expected columns timestamp and " + valueColumn + " in " + header);
            }
            List<String> raw = new ArrayList<>();
            List<Long> ts = new ArrayList<>();
            List<Double> vals = new ArrayList<>();
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(",", -1);
                raw.add(parts[tsCol].trim());
                ts.add(parseTimestamp(parts[tsCol]));
                vals.add(parseDouble(parts.length > valCol ? parts[valCol] : ""));
            }
            long[] t = new long[ts.size()];
            double[] v = new double[vals.size()];
            for (int i = 0; i < t.length; i++) {
                t[i] = ts.get(i);
                v[i] = vals.get(i);
            }
            return new DataFile(relativePath, raw, t, v);
        }
    }

    private static double parseDouble(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static int indexOf(String[] cols, String name) {
        for (int i = 0; i < cols.length; i++) {
            if (cols[i].trim().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static Map<String, List<long[]>> readWindows(Path json) throws IOException {
        if (!Files.isRegularFile(json)) {
            throw new IOException("missing labels file " + json);
        }
        JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(json));
        Map<String, List<long[]>> out = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            List<long[]> ws = new ArrayList<>();
            for (JsonNode w : e.getValue()) {
                ws.add(
                        new long[] {
                            parseTimestamp(w.get(0).asText()), parseTimestamp(w.get(1).asText())
                        });
            }
            ws.sort((a, b) -> Long.compare(a[0], b[0]));
            out.put(e.getKey().replace('\\', '/'), List.copyOf(ws));
        }
        return out;
    }
}
