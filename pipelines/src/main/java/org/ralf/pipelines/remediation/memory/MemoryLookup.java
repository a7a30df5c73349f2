package org.ralf.pipelines.remediation.memory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.annotation.Nullable;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.ralf.models.incident.IncidentMemory;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.pipelines.remediation.correlate.IncidentSignal;
import org.ralf.pipelines.remediation.correlate.SignalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up the past incidents most similar to a newly OPENED incident (Flink async I/O; use with
 * {@code AsyncDataStream.unorderedWait} and a bounded capacity and timeout). Other signals pass
 * through without a lookup. A failing or slow memory never fails the job: the signal goes on with
 * {@code memoryAvailable = false} and a note saying why, and the decision is made without memory.
 */
public final class MemoryLookup extends RichAsyncFunction<IncidentSignal, EnrichedSignal> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(MemoryLookup.class);

    private final IncidentMemory.Factory factory;
    private final int k;
    private final int threads;
    private transient ExecutorService executor;
    private transient @Nullable IncidentMemory memory;

    /**
     * @param factory opens the (thread-safe) memory on the task manager
     * @param k how many similar experiences to retrieve
     * @param threads lookup threads (the JDBC pool size should match)
     */
    public MemoryLookup(IncidentMemory.Factory factory, int k, int threads) {
        this.factory = factory;
        this.k = k;
        this.threads = threads;
    }

    @Override
    public void open(OpenContext ctx) {
        executor =
                Executors.newFixedThreadPool(
                        threads,
                        r -> {
                            Thread t = new Thread(r, "ralf-memory-lookup");
                            t.setDaemon(true);
                            return t;
                        });
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
        if (memory != null) {
            memory.close();
        }
    }

    @Override
    public void asyncInvoke(IncidentSignal signal, ResultFuture<EnrichedSignal> result) {
        if (signal.type() != SignalType.OPENED) {
            result.complete(List.of(new EnrichedSignal(signal, false, true, List.of(), null)));
            return;
        }
        try {
            CompletableFuture.supplyAsync(() -> lookup(signal), executor)
                    .thenAccept(e -> result.complete(List.of(e)));
        } catch (RejectedExecutionException e) {
            result.complete(List.of(unavailable(signal, "lookup rejected: " + e.getMessage())));
        }
    }

    private EnrichedSignal lookup(IncidentSignal signal) {
        try {
            List<SimilarIncident> similar = memory().similar(signal.fingerprint(), k);
            return new EnrichedSignal(signal, true, true, similar, null);
        } catch (Exception e) {
            LOG.warn("incident memory unavailable for {}: {}", signal.incidentId(), e.toString());
            return unavailable(signal, "incident memory unavailable: " + e.getMessage());
        }
    }

    private synchronized IncidentMemory memory() throws Exception {
        if (memory == null) {
            memory = factory.open();
        }
        return memory;
    }

    @Override
    public void timeout(IncidentSignal signal, ResultFuture<EnrichedSignal> result) {
        result.complete(List.of(unavailable(signal, "incident memory lookup timed out")));
    }

    private static EnrichedSignal unavailable(IncidentSignal signal, String note) {
        return new EnrichedSignal(signal, true, false, List.of(), note);
    }
}
