package org.ralf.bench.loghub;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.ralf.models.logs.LogTemplate;
import org.ralf.models.logs.MatchResult;
import org.ralf.models.logs.MinerConfig;
import org.ralf.models.logs.TemplateMiner;

/**
 * The Loghub 2k benchmark: for every {@code DIR/<S>/<S>_2k.log_structured.csv}, feeds the Content
 * column in LineId order to a fresh {@link TemplateMiner} with {@link MinerConfig#DEFAULT}, writes
 * {@code OUT/<S>/<S>_2k.log_structured.csv} (LineId,EventId,EventTemplate) and scores GA and PA
 * against the original and, where present, the {@code _corrected} ground truth.
 *
 * <p>The ground-truth columns are read only after parsing, for scoring. GA groups the original
 * truth by EventId (logparser's evaluator) and the corrected truth by EventTemplate (Loghub-2.0). A
 * line's parsed group is the id its template has at the end of the stream (merges followed), so
 * merging as evidence arrives is credited the way an online consumer following merges sees it.
 */
public final class LoghubBenchmark {

    private static final String SUFFIX = "_2k.log_structured.csv";
    private static final String CORRECTED_SUFFIX = "_2k.log_structured_corrected.csv";

    private LoghubBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param dataDir folder with one sub-folder per system
     * @param outDir folder for the parsed CSVs (created)
     * @param out where the report goes; its last line is the mean GA as a bare number
     * @return the scores
     * @throws IOException when a file cannot be read or written, or a CSV lacks a needed column
     */
    public static LoghubResult run(Path dataDir, Path outDir, PrintStream out) throws IOException {
        return run(dataDir, outDir, out, MinerConfig.DEFAULT);
    }

    /**
     * Runs the benchmark with another miner configuration (sensitivity studies).
     *
     * @param dataDir folder with one sub-folder per system
     * @param outDir folder for the parsed CSVs
     * @param out report stream
     * @param config the one configuration used for every system
     * @return the scores
     * @throws IOException on read/write failure
     */
    public static LoghubResult run(Path dataDir, Path outDir, PrintStream out, MinerConfig config)
            throws IOException {
        long start = System.nanoTime();
        List<Path> inputs = requireInputs(dataDir);
        out.printf(
                Locale.ROOT,
                "Loghub benchmark: %d systems under %s, one miner configuration %s%n",
                inputs.size(),
                dataDir,
                config);
        out.printf(
                Locale.ROOT,
                "%-12s %6s %5s %5s %7s %7s %7s %9s %9s%n",
                "system",
                "lines",
                "tmpl",
                "truth",
                "GA",
                "PA",
                "PAexact",
                "GA(corr)",
                "PA(corr)");
        List<LoghubResult.SystemResult> results = new ArrayList<>();
        for (Path input : inputs) {
            LoghubResult.SystemResult r = runSystem(input, outDir, config);
            results.add(r);
            out.printf(
                    Locale.ROOT,
                    "%-12s %6d %5d %5d %7.4f %7.4f %7.4f %9s %9s%n",
                    r.system(),
                    r.lines(),
                    r.templates(),
                    r.truthTemplates(),
                    r.ga(),
                    r.pa(),
                    r.paExact(),
                    fmt(r.gaCorrected()),
                    fmt(r.paCorrected()));
        }
        double meanGa =
                results.stream().mapToDouble(LoghubResult.SystemResult::ga).average().orElse(0);
        double meanPa =
                results.stream().mapToDouble(LoghubResult.SystemResult::pa).average().orElse(0);
        Double meanGaC = meanOf(results, true);
        Double meanPaC = meanOf(results, false);
        long millis = (System.nanoTime() - start) / 1_000_000;
        out.printf(
                Locale.ROOT,
                "%-12s %6s %5s %5s %7.4f %7.4f %7s %9s %9s%n",
                "mean",
                "",
                "",
                "",
                meanGa,
                meanPa,
                "",
                fmt(meanGaC),
                fmt(meanPaC));
        out.printf(
                Locale.ROOT,
                "GA: Loghub grouping accuracy (original truth grouped by EventId, corrected by"
                        + " EventTemplate); PA: templates equal after Loghub-2.0 normalisation;"
                        + " PAexact: raw strings equal. Run time %d ms. Output in %s%n",
                millis,
                outDir);
        out.printf(Locale.ROOT, "%.4f%n", meanGa);
        return new LoghubResult(results, meanGa, meanPa, meanGaC, meanPaC, millis);
    }

    /** The systems' structured CSVs, in name order; fails when there is none. */
    static List<Path> requireInputs(Path dataDir) throws IOException {
        List<Path> inputs = findInputs(dataDir);
        if (inputs.isEmpty()) {
            throw new IOException("no <System>/<System>" + SUFFIX + " under " + dataDir);
        }
        return inputs;
    }

    private static List<Path> findInputs(Path dataDir) throws IOException {
        List<Path> inputs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(dataDir)) {
            for (Path dir : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                Path f = dir.resolve(dir.getFileName() + SUFFIX);
                if (Files.isDirectory(dir) && Files.isRegularFile(f)) {
                    inputs.add(f);
                }
            }
        }
        return inputs;
    }

    /**
     * Parses and scores one system; writes its parsed CSV under {@code outDir} unless that is null
     * (cross-validation runs many configurations and keeps only the scores).
     */
    static LoghubResult.SystemResult runSystem(
            Path input, @Nullable Path outDir, MinerConfig config) throws IOException {
        String system = input.getParent().getFileName().toString();
        List<Map<String, String>> rows = readCsv(input);
        for (Map<String, String> r : rows) {
            column(r, "LineId", input);
        }
        rows.sort(Comparator.comparingLong(r -> Long.parseLong(r.get("LineId").strip())));

        // Parsing: only LineId and Content are read here.
        TemplateMiner miner = new TemplateMiner(system, config);
        List<String> assigned = new ArrayList<>(rows.size());
        List<String> assignedText = new ArrayList<>(rows.size());
        Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
        for (int i = 0; i < rows.size(); i++) {
            MatchResult m = miner.add(column(rows.get(i), "Content", input), t0.plusMillis(i));
            assigned.add(m.templateId());
            assignedText.add(m.template());
        }
        Map<String, String> finalText = new HashMap<>();
        for (LogTemplate t : miner.templates()) {
            finalText.put(t.templateId(), t.template());
        }
        List<String> parsedIds = new ArrayList<>(rows.size());
        List<String> parsedTemplates = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            String live = miner.resolve(assigned.get(i));
            parsedIds.add(live != null ? live : assigned.get(i));
            parsedTemplates.add(live != null ? finalText.get(live) : assignedText.get(i));
        }
        if (outDir != null) {
            writeParsed(
                    outDir.resolve(system).resolve(system + SUFFIX),
                    rows,
                    parsedIds,
                    parsedTemplates,
                    input);
        }

        // Scoring.
        List<String> truthIds = new ArrayList<>(rows.size());
        List<String> truthTemplates = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            truthIds.add(column(r, "EventId", input));
            truthTemplates.add(column(r, "EventTemplate", input));
        }
        double ga = ParsingMetrics.groupingAccuracy(truthIds, parsedIds);
        double pa = ParsingMetrics.parsingAccuracy(truthTemplates, parsedTemplates);
        double paExact = ParsingMetrics.exactParsingAccuracy(truthTemplates, parsedTemplates);
        Double gaC = null;
        Double paC = null;
        Path corrected = input.resolveSibling(system + CORRECTED_SUFFIX);
        if (Files.isRegularFile(corrected)) {
            List<String> correctedTemplates = correctedTemplates(corrected, rows, input);
            gaC = ParsingMetrics.groupingAccuracy(correctedTemplates, parsedIds);
            paC = ParsingMetrics.parsingAccuracy(correctedTemplates, parsedTemplates);
        }
        return new LoghubResult.SystemResult(
                system,
                rows.size(),
                new HashSet<>(parsedIds).size(),
                new HashSet<>(truthIds).size(),
                ga,
                pa,
                paExact,
                gaC,
                paC);
    }

    private static List<String> correctedTemplates(
            Path corrected, List<Map<String, String>> rows, Path input) throws IOException {
        Map<String, String> byLine = new HashMap<>();
        for (Map<String, String> r : readCsv(corrected)) {
            byLine.put(
                    column(r, "LineId", corrected).strip(), column(r, "EventTemplate", corrected));
        }
        List<String> out = new ArrayList<>(rows.size());
        for (Map<String, String> r : rows) {
            String lineId = column(r, "LineId", input).strip();
            String t = byLine.get(lineId);
            if (t == null) {
                throw new IOException(corrected + " has no LineId " + lineId);
            }
            out.add(t);
        }
        return out;
    }

    static List<Map<String, String>> readCsv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withHeader();
        List<Map<String, String>> rows = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<Map<String, String>> it =
                        mapper.readerForMapOf(String.class).with(schema).readValues(reader)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        }
        return rows;
    }

    private static String column(Map<String, String> row, String name, Path file)
            throws IOException {
        String v = row.get(name);
        if (v == null) {
            throw new IOException(file + " has no column " + name);
        }
        return v;
    }

    private static void writeParsed(
            Path file,
            List<Map<String, String>> rows,
            List<String> ids,
            List<String> templates,
            Path input)
            throws IOException {
        Files.createDirectories(file.getParent());
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema =
                CsvSchema.builder()
                        .addColumn("LineId")
                        .addColumn("EventId")
                        .addColumn("EventTemplate")
                        .build()
                        .withHeader();
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            List<List<String>> data = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                data.add(
                        List.of(
                                column(rows.get(i), "LineId", input).strip(),
                                ids.get(i),
                                templates.get(i)));
            }
            mapper.writer(schema).writeValue(w, data);
        }
    }

    @Nullable
    private static Double meanOf(List<LoghubResult.SystemResult> results, boolean ga) {
        List<Double> vs = new ArrayList<>();
        for (LoghubResult.SystemResult r : results) {
            Double v = ga ? r.gaCorrected() : r.paCorrected();
            if (v != null) {
                vs.add(v);
            }
        }
        return vs.isEmpty()
                ? null
                : vs.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    }

    private static String fmt(@Nullable Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
