package org.ralf.connectors.logs;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import javax.annotation.Nullable;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.http.BadBody;
import org.ralf.connectors.http.HttpReceiver;
import org.ralf.connectors.http.PushReceiver;
import org.ralf.connectors.kafka.IngestTopics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loki push API receiver: {@code POST /loki/api/v1/push} with a JSON body (optionally gzip {@code
 * Content-Encoding}) or a snappy-compressed protobuf body ({@code Content-Type:
 * application/x-protobuf}), parsed by {@link LokiPushParser}. Answers 204 once Kafka acknowledged
 * every record and dead letter of the push, 400 for an undecodable body (dead-lettered), 413 over
 * the size limit, 503 while Kafka cannot take the records (the client retries).
 */
public final class LokiPushReceiver extends PushReceiver {

    /** The route of Loki's push API. */
    public static final String PATH = "/loki/api/v1/push";

    private static final Logger LOG = LoggerFactory.getLogger(LokiPushReceiver.class);

    private final LokiSettings settings;
    private final LokiPushParser parser;
    private final LogOutput out;

    /**
     * @param settings listener and limits
     * @param publisher Kafka publisher (owned: closed with the connector)
     * @param metrics the counters {@code publisher} also updates
     * @param topics where records and dead letters go
     * @param clock receive time
     */
    public LokiPushReceiver(
            LokiSettings settings,
            RecordPublisher publisher,
            ConnectorMetrics metrics,
            IngestTopics topics,
            Clock clock) {
        super(settings, PATH, publisher, metrics, clock);
        this.settings = settings;
        this.parser = new LokiPushParser(settings.name());
        // a push request must not hold its thread forever: no retry loop here, 503 instead
        this.out =
                new LogOutput(
                        settings.name(),
                        publisher,
                        metrics,
                        topics,
                        healthState(),
                        clock,
                        () -> false);
    }

    @Override
    protected void handle(HttpExchange exchange, @Nullable byte[] body) throws IOException {
        String peer = exchange.getRemoteAddress().getAddress().getHostAddress();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int status;
        String text = "";
        try {
            if (body == null) {
                pending.add(
                        out.deadLetter(
                                new byte[0],
                                DeadLetterCause.TOO_LARGE,
                                "Loki push body larger than "
                                        + settings.maxBodyBytes()
                                        + " bytes"));
                status = 413;
                text = "body too large";
            } else {
                String type = header(exchange, "Content-Type");
                List<LokiPushParser.Entry> entries;
                try {
                    entries =
                            type.startsWith("application/x-protobuf")
                                    ? parser.parseProtobuf(unsnappy(body), peer)
                                    : parser.parseJson(
                                            gunzipIfNeeded(
                                                    body, header(exchange, "Content-Encoding")),
                                            peer);
                    status = 204;
                } catch (LokiPushParser.BadPush | BadBody e) {
                    entries = List.of();
                    pending.add(
                            out.deadLetter(
                                    body, DeadLetterCause.UNPARSEABLE_INPUT, e.getMessage()));
                    status = 400;
                    text = e.getMessage();
                }
                for (LokiPushParser.Entry e : entries) {
                    if (e instanceof LokiPushParser.Entry.Ok ok) {
                        pending.add(out.publish(ok.record()));
                    } else if (e instanceof LokiPushParser.Entry.Bad bad) {
                        pending.add(
                                out.deadLetter(
                                        bad.raw(),
                                        DeadLetterCause.UNPARSEABLE_INPUT,
                                        bad.reason()));
                    }
                }
            }
            awaitAcks(pending);
        } catch (ConnectorException | ExecutionException | TimeoutException e) {
            LOG.warn("{}: answering 503, Kafka did not take the push: {}", name(), e.toString());
            HttpReceiver.send(exchange, 503, "Kafka unavailable, retry");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            HttpReceiver.send(exchange, 503, "shutting down");
            return;
        }
        HttpReceiver.send(exchange, status, text);
    }

    private byte[] gunzipIfNeeded(byte[] body, String encoding) throws BadBody {
        return encoding.equals("gzip") ? gunzip(body) : body;
    }
}
