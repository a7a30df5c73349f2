package org.ralf.pipelines.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.annotation.Nullable;
import org.junit.jupiter.api.Test;
import org.ralf.models.logs.MatchResult;
import org.ralf.models.logs.MinerConfig;
import org.ralf.models.logs.TemplateMiner;

class TemplateParametersTest {

    private static final int MAX = MinerConfig.DEFAULT.maxLineChars();
    private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");

    @Test
    void shouldReturnTheWildcardValuesInOrder() {
        assertThat(
                        TemplateParameters.extract(
                                "GET <*> <*> in <*>", "GET /api/item/7 200 in 12ms", MAX))
                .containsExactly("/api/item/7", "200", "12ms");
    }

    @Test
    void shouldSplitPartlyMaskedTokensAtTheirConstantText() {
        assertThat(
                        TemplateParameters.extract(
                                "connect() failed (<*>: Connection refused) to <*>:<*>",
                                "connect() failed (111: Connection refused) to 10.0.0.7:8080",
                                MAX))
                .containsExactly("111", "10.0.0.7", "8080");
    }

    @Test
    void shouldGiveAnEmptyListForATemplateWithoutWildcards() {
        assertThat(
                        TemplateParameters.extract(
                                "configuration reloaded", "configuration reloaded", MAX))
                .isEmpty();
    }

    @Test
    void shouldNormaliseWhitespaceAndControlCharactersAsTheMinerDoes() {
        assertThat(
                        TemplateParameters.extract(
                                "user <*> logged in", "user\talice \u0001 logged  in", MAX))
                .containsExactly("alice");
    }

    @Test
    void shouldReturnNullWhenTheLineDoesNotAlign() {
        assertThat(TemplateParameters.extract("GET <*> <*> in <*>", "POST /x 200 in 3ms", MAX))
                .isNull();
        assertThat(TemplateParameters.extract("session <*> closed", "session 42 opened", MAX))
                .isNull();
        assertThat(TemplateParameters.extract("reloaded", "reloaded twice", MAX)).isNull();
    }

    @Test
    void shouldTakeTheRestOfACutLineWhenTheTemplateIsTruncated() {
        String template = "dump <*> " + TemplateMiner.TRUNCATED;

        assertThat(TemplateParameters.extract(template, "dump 0xdeadbeef and much more", MAX))
                .containsExactly("0xdeadbeef");
    }

    @Test
    void shouldBoundLongLinesWithAMarkerAndNeverSplitASurrogatePair() {
        String emoji = "\uD83D\uDE00";
        String line = "a".repeat(9) + emoji + "b".repeat(10);

        String cut = TemplateParameters.bounded(line, 10);

        assertThat(cut).isEqualTo("a".repeat(9) + " " + TemplateMiner.TRUNCATED);
        assertThat(TemplateParameters.bounded("short", 10)).isEqualTo("short");
    }

    /**
     * The contract on real data: for every line of the shared Loghub samples, the values extracted
     * against the template the miner assigned the line to exist, and put back into the template
     * they give the line (as the miner tokenises it).
     */
    @Test
    void shouldAlignEveryLoghubLineWithTheTemplateTheMinerAssignedIt() throws IOException {
        Path data = locateLoghub();
        assumeTrue(data != null, "shared/bench/loghub2k not found (walk-up or -Dralf.bench.dir)");
        List<Path> files;
        try (Stream<Path> s = Files.walk(data, 2)) {
            files =
                    s.filter(p -> p.getFileName().toString().endsWith("_2k.log_structured.csv"))
                            .sorted()
                            .toList();
        }
        assertThat(files).isNotEmpty();
        int lines = 0;
        List<String> misaligned = new ArrayList<>();
        for (Path f : files) {
            TemplateMiner miner = new TemplateMiner("test", MinerConfig.DEFAULT);
            for (String content : contents(f)) {
                // Act
                MatchResult r = miner.add(content, T0);
                List<String> values = TemplateParameters.extract(r.template(), content, MAX);
                lines++;

                // Assert (collected, so that a failure lists the cases)
                if (values == null
                        || !fill(r.template(), values)
                                .equals(TemplateParameters.normalise(content, MAX))) {
                    misaligned.add(r.template() + " | " + content + " | " + values);
                }
            }
        }
        assertThat(lines).isGreaterThan(10_000);
        assertThat(misaligned).isEmpty();
    }

    /** The template with its wildcards replaced by the values, in order. */
    private static String fill(String template, List<String> values) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (String v : values) {
            int at = template.indexOf("<*>", from);
            out.append(template, from, at).append(v);
            from = at + 3;
        }
        return out.append(template.substring(from)).toString();
    }

    /** The Content column of a Loghub structured CSV (quoted fields as RFC 4180). */
    private static List<String> contents(Path csv) throws IOException {
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = fields(rows.get(0));
        int column = header.indexOf("Content");
        List<String> out = new ArrayList<>();
        for (String row : rows.subList(1, rows.size())) {
            out.add(fields(row).get(column));
        }
        return out;
    }

    private static List<String> fields(String row) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < row.length(); i++) {
            char c = row.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < row.length() && row.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    @Nullable
    private static Path locateLoghub() {
        String prop = System.getProperty("ralf.bench.dir");
        if (prop != null && Files.isDirectory(Path.of(prop, "loghub2k"))) {
            return Path.of(prop, "loghub2k");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/bench/loghub2k");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
