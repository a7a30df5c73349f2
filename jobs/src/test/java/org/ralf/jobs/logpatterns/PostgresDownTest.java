package org.ralf.jobs.logpatterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.streaming.api.functions.async.CollectionSupplier;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.log.LogTemplate;

/**
 * What the job's PostgreSQL users do when the database cannot be reached (a port nothing listens
 * on): the nearest-template lookup lets the anomaly through unchanged, the template store fails
 * after its retries instead of dropping templates.
 */
class PostgresDownTest {

    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/ralf";
    private static final Instant T0 = Instant.parse("2026-11-25T22:00:00Z");

    private static Anomaly newTemplate() {
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                "a1",
                "web01",
                null,
                "web01/nginx#3",
                AnomalyKind.NEW_TEMPLATE,
                "new-template",
                0.7,
                null,
                null,
                null,
                Map.of(),
                T0,
                T0,
                T0,
                "never-seen log template",
                Map.of("template", "upstream <*> refused", "source", "web01/nginx"));
    }

    @Test
    void shouldPassTheAnomalyThroughUnchangedWhenTheLookupCannotConnect() throws Exception {
        VariantLookup lookup = new VariantLookup(NOWHERE, "ralf", "", 3, 0.5, 2);
        lookup.open(null);
        try {
            Anomaly a = newTemplate();
            Captured result = new Captured();

            // Act
            lookup.asyncInvoke(a, result);

            // Assert: completed (bounded wait), the anomaly as it was
            assertThat(result.values.get(30, TimeUnit.SECONDS)).containsExactly(a);
        } finally {
            lookup.close();
        }
    }

    @Test
    void shouldFailTheWriterAfterItsRetriesRatherThanDropTemplates() throws Exception {
        TemplateStoreSink sink =
                new TemplateStoreSink(
                        NOWHERE,
                        "ralf",
                        "",
                        1,
                        List.of(Duration.ofMillis(10), Duration.ofMillis(10)),
                        250);
        LogTemplate t =
                new LogTemplate(
                        LogTemplate.SCHEMA_VERSION,
                        "web01/nginx#3",
                        "web01/nginx",
                        "upstream <*> refused",
                        3,
                        1,
                        T0,
                        T0,
                        null,
                        null);
        SinkWriter<LogTemplate> writer = sink.createWriter(null);
        try {
            // Act + Assert: a batch of one is written at once and fails after three attempts
            assertThatThrownBy(() -> writer.write(t, null))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("after 3 attempts");
        } finally {
            writer.close();
        }
    }

    /** Collects what the async function completes with. */
    private static final class Captured implements ResultFuture<Anomaly> {
        final CompletableFuture<List<Anomaly>> values = new CompletableFuture<>();

        @Override
        public void complete(Collection<Anomaly> result) {
            values.complete(new ArrayList<>(result));
        }

        @Override
        public void completeExceptionally(Throwable error) {
            values.completeExceptionally(error);
        }

        @Override
        public void complete(CollectionSupplier<Anomaly> supplier) {
            try {
                complete(supplier.get());
            } catch (Exception e) {
                values.completeExceptionally(e);
            }
        }
    }
}
