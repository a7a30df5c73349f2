package org.ralf.jobs.logpatterns;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.ralf.models.logs.SimilarTemplate;
import org.ralf.models.logs.TemplateStore;
import org.ralf.pipelines.types.JsonTypeInfo;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.sinks.memory.JdbcSettings;
import org.ralf.sinks.memory.Pools;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Async I/O step on the anomaly stream: a {@code NEW_TEMPLATE} anomaly asks the pgvector store for
 * the nearest known templates (is it a variant of something seen before, here or on another
 * source?) and gets the best one in its explanation and labels ({@code nearest-template-id}, {@code
 * nearest-similarity}). Other anomalies pass unchanged. A failed or timed-out lookup leaves the
 * anomaly as it was (logged): the alert matters more than its context.
 *
 * <p>Connections come from a pool per subtask ({@link Pools}, one connection per lookup thread),
 * opened in {@link #open} and closed in {@link #close}. The pool starts even when PostgreSQL is
 * down; a lookup then fails fast (it waits at most {@link #CONNECT_TIMEOUT_MS} for a connection)
 * and the anomaly goes on without its context; the job does not fail.
 */
public final class VariantLookup extends RichAsyncFunction<Anomaly, Anomaly>
        implements ResultTypeQueryable<Anomaly> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(VariantLookup.class);

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final int k;
    private final double minSimilarity;
    private final int threads;

    /**
     * How long a lookup waits for a connection before it gives up: half the default lookup timeout
     * ({@code logpatterns.variants.timeout}, 5 s). A fresh connection on a loaded machine took more
     * than 1 s in the benchmark (lookups failed with 1 s).
     */
    static final long CONNECT_TIMEOUT_MS = 2_500;

    @Nullable private transient HikariDataSource pool;
    private transient TemplateStore store;
    private transient ExecutorService executor;

    /**
     * @param jdbcUrl database with {@code ralf.log_templates}
     * @param user role that may read it
     * @param password its password
     * @param k neighbours examined
     * @param minSimilarity cosine similarity a neighbour needs to be named
     * @param threads lookup threads
     */
    public VariantLookup(
            String jdbcUrl,
            String user,
            String password,
            int k,
            double minSimilarity,
            int threads) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.k = k;
        this.minSimilarity = minSimilarity;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext openContext) {
        pool =
                Pools.open(
                        new JdbcSettings(jdbcUrl, user, password, threads, CONNECT_TIMEOUT_MS),
                        "ralf-logpatterns-lookup");
        store = new TemplateStore(pool);
        executor = Executors.newFixedThreadPool(threads);
    }

    @Override
    public void close() throws Exception {
        if (executor != null) {
            executor.shutdownNow();
            executor.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public void asyncInvoke(Anomaly a, ResultFuture<Anomaly> result) {
        if (a.kind() != AnomalyKind.NEW_TEMPLATE || a.templateId() == null) {
            result.complete(List.of(a));
            return;
        }
        CompletableFuture.supplyAsync(() -> enrich(a), executor)
                .whenComplete(
                        (enriched, error) ->
                                result.complete(
                                        Collections.singleton(error == null ? enriched : a)));
    }

    @Override
    public void timeout(Anomaly a, ResultFuture<Anomaly> result) {
        LOG.warn("nearest-template lookup for {} timed out", a.templateId());
        result.complete(List.of(a));
    }

    private Anomaly enrich(Anomaly a) {
        String text = a.labels().getOrDefault("template", "");
        try {
            List<SimilarTemplate> near =
                    store.variantsOf(
                            new org.ralf.models.logs.LogTemplate(
                                    a.templateId(),
                                    a.labels().getOrDefault("source", a.entity()),
                                    text,
                                    text.split(" ").length,
                                    1,
                                    Instant.EPOCH,
                                    Instant.EPOCH,
                                    ""),
                            k,
                            minSimilarity);
            return withNearest(a, near);
        } catch (RuntimeException | org.ralf.models.logs.TemplateStoreException e) {
            LOG.warn(
                    "nearest-template lookup for {} failed: {} ({})",
                    a.templateId(),
                    e.toString(),
                    String.valueOf(e.getCause()));
            return a;
        }
    }

    /** The anomaly with the best neighbour named, or a note that none is known. */
    static Anomaly withNearest(Anomaly a, List<SimilarTemplate> near) {
        Map<String, String> labels = new HashMap<>(a.labels());
        String note;
        if (near.isEmpty()) {
            note = "; no similar known template";
        } else {
            SimilarTemplate best = near.get(0);
            labels.put("nearest-template-id", best.templateId());
            labels.put("nearest-similarity", String.format(Locale.ROOT, "%.3f", best.similarity()));
            note =
                    String.format(
                            Locale.ROOT,
                            "; nearest known template (similarity %.2f, %s, %d lines): %s",
                            best.similarity(),
                            best.templateId(),
                            best.count(),
                            best.template());
        }
        return new Anomaly(
                a.schemaVersion(),
                a.anomalyId(),
                a.entity(),
                a.seriesId(),
                a.templateId(),
                a.kind(),
                a.detector(),
                a.score(),
                a.value(),
                a.expectedLow(),
                a.expectedHigh(),
                a.contributions(),
                a.windowStart(),
                a.windowEnd(),
                a.detectedAt(),
                a.explanation() + note,
                labels);
    }

    @Override
    public TypeInformation<Anomaly> getProducedType() {
        return JsonTypeInfo.of(Anomaly.class);
    }
}
