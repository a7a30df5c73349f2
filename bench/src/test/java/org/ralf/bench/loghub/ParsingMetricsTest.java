package org.ralf.bench.loghub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParsingMetricsTest {

    @Test
    void shouldCountOnlyLinesInGroupsThatEqualATrueEvent() {
        // Arrange: truth groups A={0,1}, B={2,3}, C={4}; parsed groups 1={0,1}, 2={2}, 3={3},
        // 4={4}.
        // Group 1 equals A (2 lines correct); groups 2 and 3 each hold half of B (wrong);
        // group 4 equals C (1 line correct). GA = (2 + 1) / 5 = 0.6.
        List<String> truth = List.of("A", "A", "B", "B", "C");
        List<String> parsed = List.of("1", "1", "2", "3", "4");

        // Act
        double ga = ParsingMetrics.groupingAccuracy(truth, parsed);

        // Assert
        assertThat(ga).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void shouldGiveNoCreditToAnOvermergedGroup() {
        // Truth A={0,1}, B={2}; parsed 1={0,1,2} mixes A and B: no line is correct, GA = 0.
        assertThat(ParsingMetrics.groupingAccuracy(List.of("A", "A", "B"), List.of("1", "1", "1")))
                .isZero();
    }

    @Test
    void shouldNotDependOnTheNamesOfGroups() {
        // Truth A={0,2}, B={1}; parsed x={0,2}, y={1}: both groups equal an event, GA = 3/3 = 1.
        assertThat(ParsingMetrics.groupingAccuracy(List.of("A", "B", "A"), List.of("x", "y", "x")))
                .isEqualTo(1.0);
    }

    @Test
    void shouldScoreParsingAccuracyPerLineAfterNormalisation() {
        // Line 0: "blk_<*>" and "<*>" agree after WV; line 1: "time: <*>.<*>" and "time: <*>"
        // agree after DV; line 2: "b c" vs "b <*>" differ. PA = 2/3; exact PA = 0/3.
        List<String> truth = List.of("delete blk_<*>", "time: <*>.<*>", "b <*>");
        List<String> parsed = List.of("delete <*>", "time: <*>", "b c");

        // Act
        double pa = ParsingMetrics.parsingAccuracy(truth, parsed);
        double exact = ParsingMetrics.exactParsingAccuracy(truth, parsed);

        // Assert
        assertThat(pa).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(exact).isZero();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a   b|a b",
                "open /var/log/syslog now|open <*> now",
                "user root logged in|user <*> logged in",
                "port 8080 open|port <*> open",
                "Block broadcast_<*> stored|Block <*> stored",
                "addr <*>.<*>.<*>.<*>|addr <*>",
                "at <*>:<*>:<*>|at <*>",
                "from /<*>:<*>|from <*>",
                "id #<*>#|id <*>",
            })
    void shouldNormaliseTemplatesLikeLoghub2(String template, String expected) {
        assertThat(TemplateNormaliser.normalise(template)).isEqualTo(expected);
    }
}
