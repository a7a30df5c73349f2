package org.ralf.connectors.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.connectors.metrics.ExpositionParser.Format;
import org.ralf.connectors.metrics.ExpositionParser.Result;

class ExpositionParserTest {

    // the example of the Prometheus exposition format documentation
    private static final String TEXT_EXAMPLE =
            """
            # HELP http_requests_total The total number of HTTP requests.
            # TYPE http_requests_total counter
            http_requests_total{method="post",code="200"} 1027 1395066363000
            http_requests_total{method="post",code="400"}    3 1395066363000

            # Escaping in label values:
            msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9

            # Minimalistic line:
            metric_without_timestamp_and_labels 12.47

            # A weird metric from before the epoch:
            something_weird{problem="division by zero"} +Inf -3982045

            # A histogram, which has a pretty complex representation in the text format:
            # HELP http_request_duration_seconds A histogram of the request duration.
            # TYPE http_request_duration_seconds histogram
            http_request_duration_seconds_bucket{le="0.05"} 24054
            http_request_duration_seconds_bucket{le="+Inf"} 144320
            http_request_duration_seconds_sum 53423
            http_request_duration_seconds_count 144320
            """;

    private static Result parse(String s, Format f) {
        return ExpositionParser.parse(s.getBytes(StandardCharsets.UTF_8), f);
    }

    @Test
    void shouldParseTheDocumentationExample() {
        Result r = parse(TEXT_EXAMPLE, Format.PROMETHEUS_TEXT);

        assertThat(r.errors()).isEmpty();
        assertThat(r.samples()).hasSize(9);
        assertThat(r.samples().get(0))
                .isEqualTo(
                        new ExpositionParser.Sample(
                                "http_requests_total",
                                Map.of("method", "post", "code", "200"),
                                1027,
                                1395066363000L));
        assertThat(r.samples().get(2).labels())
                .containsEntry("path", "C:\\DIR\\FILE.TXT")
                .containsEntry("error", "Cannot find file:\n\"FILE.TXT\"");
        assertThat(r.samples().get(3).timestampMillis()).isNull();
        assertThat(r.samples().get(4).value()).isInfinite();
        assertThat(r.samples().get(4).timestampMillis()).isEqualTo(-3982045L);
        assertThat(r.samples().get(6).labels()).containsEntry("le", "+Inf");
    }

    @Test
    void shouldParseOpenMetricsWithSecondsTimestampsAndExemplars() {
        String om =
                """
                # TYPE foo counter
                foo_total{a="b"} 17.0 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67
                foo_created{a="b"} 1520430000.123
                # EOF
                """;
        Result r = parse(om, Format.OPENMETRICS);

        assertThat(r.errors()).isEmpty();
        assertThat(r.samples()).hasSize(2);
        assertThat(r.samples().get(0).timestampMillis()).isEqualTo(1520879607789L);
        assertThat(r.samples().get(0).value()).isEqualTo(17.0);
    }

    @Test
    void shouldDiscardATruncatedOpenMetricsBody() {
        Result r = parse("# TYPE foo gauge\nfoo 1\nfoo{a=\"b\"} 2\n", Format.OPENMETRICS);

        assertThat(r.samples()).isEmpty();
        assertThat(r.errors())
                .singleElement()
                .extracting(e -> e.reason())
                .asString()
                .contains("EOF");
    }

    @Test
    void shouldRejectATruncatedLastTextLineButKeepTheOthers() {
        Result r = parse("a 1\nb{x=\"y\"} 2\nc{x=\"", Format.PROMETHEUS_TEXT);

        assertThat(r.samples()).extracting(ExpositionParser.Sample::name).containsExactly("a", "b");
        assertThat(r.errors()).singleElement().extracting(e -> e.lineNumber()).isEqualTo(3);
    }

    @Test
    void shouldRejectGarbageLinesWithReasons() {
        Result r =
                parse(
                        "ok 1\n{x=\"1\"} 2\nbad{x=1} 3\nbad2 0x10\nbad3 1 notatime\nbad4{x=\"1\",x=\"2\"} 1\n"
                                + "bad5 Infinity\nok2 NaN\n",
                        Format.PROMETHEUS_TEXT);

        assertThat(r.samples())
                .extracting(ExpositionParser.Sample::name)
                .containsExactly("ok", "ok2");
        assertThat(r.errors())
                .extracting(ExpositionParser.LineError::reason)
                .anyMatch(s -> s.contains("metric name"))
                .anyMatch(s -> s.contains("not quoted"))
                .anyMatch(s -> s.contains("not a number"))
                .anyMatch(s -> s.contains("timestamp"))
                .anyMatch(s -> s.contains("duplicate label"))
                .hasSize(6);
    }

    @Test
    void shouldRejectLinesThatAreNotUtf8() {
        byte[] body = {
            'a', ' ', '1', '\n', 'b', '{', 'x', '=', '"', (byte) 0xFF, '"', '}', ' ', '1', '\n'
        };
        Result r = ExpositionParser.parse(body, Format.PROMETHEUS_TEXT);

        assertThat(r.samples()).hasSize(1);
        assertThat(r.errors())
                .singleElement()
                .extracting(e -> e.reason())
                .asString()
                .contains("UTF-8");
    }

    @Test
    void shouldPickTheFormatFromTheContentType() {
        assertThat(ExpositionParser.formatOf("application/openmetrics-text; version=1.0.0"))
                .isEqualTo(Format.OPENMETRICS);
        assertThat(ExpositionParser.formatOf("text/plain; version=0.0.4"))
                .isEqualTo(Format.PROMETHEUS_TEXT);
        assertThat(ExpositionParser.formatOf(null)).isEqualTo(Format.PROMETHEUS_TEXT);
    }
}
