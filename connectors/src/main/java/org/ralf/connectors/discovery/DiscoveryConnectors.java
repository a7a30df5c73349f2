package org.ralf.connectors.discovery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.ralf.connectors.ConnectorException;
import org.ralf.connectors.ConnectorMetrics;
import org.ralf.connectors.kafka.RecordPublisher;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;

/**
 * Entry point for the CLI: the discovery pollers a configuration asks for (see {@link
 * DiscoveryOptions}), one {@link DiscoveryPoller} per configured source, sharing one state store.
 * {@link #start()} starts them all, {@link #close()} stops them and releases their producers.
 */
public final class DiscoveryConnectors implements AutoCloseable {

    private final List<DiscoveryPoller> pollers;
    private final List<RecordPublisher> publishers;
    private final DiscoveryStateStore store;

    /**
     * @param pollers the pollers
     * @param publishers publishers to close with them
     * @param store their state store, closed with them
     */
    public DiscoveryConnectors(
            List<DiscoveryPoller> pollers,
            List<RecordPublisher> publishers,
            DiscoveryStateStore store) {
        this.pollers = List.copyOf(pollers);
        this.publishers = List.copyOf(publishers);
        this.store = store;
    }

    /**
     * The pollers of {@code discovery.*}, each with its own producer to {@code
     * kafka.bootstrap-servers}, and the compacted-topic state store.
     *
     * @throws ConfigException naming the key of an invalid value
     * @throws ConnectorException if the state topic cannot be created
     */
    public static DiscoveryConnectors fromConfig(RalfConfig config) throws ConnectorException {
        String bootstrap = config.get(DiscoveryOptions.BOOTSTRAP);
        return fromConfig(
                config,
                new KafkaDiscoveryStateStore(bootstrap, config.get(DiscoveryOptions.STATE_TOPIC)),
                metrics -> RecordPublisher.create(bootstrap, "ralf-discovery", metrics),
                Clock.systemUTC());
    }

    /**
     * The pollers of {@code discovery.*} with the given state store and publishers.
     *
     * @param publisherFactory creates the publisher of one poller from its metrics
     * @throws ConfigException naming the key of an invalid value
     */
    public static DiscoveryConnectors fromConfig(
            RalfConfig config,
            DiscoveryStateStore store,
            Function<ConnectorMetrics, RecordPublisher> publisherFactory,
            Clock clock) {
        Duration interval = config.get(DiscoveryOptions.INTERVAL);
        Duration timeout = config.get(DiscoveryOptions.TIMEOUT);
        List<DiscoveryPoller> pollers = new ArrayList<>();
        List<RecordPublisher> publishers = new ArrayList<>();
        List<NamedReader> readers = new ArrayList<>();
        foreman(config, timeout).ifPresent(readers::add);
        proxmox(config, timeout).ifPresent(readers::add);
        readers.addAll(files(config, clock));
        for (NamedReader r : readers) {
            ConnectorMetrics metrics = new ConnectorMetrics();
            RecordPublisher publisher = publisherFactory.apply(metrics);
            publishers.add(publisher);
            pollers.add(
                    new DiscoveryPoller(
                            r.name, r.reader, interval, publisher, store, metrics, clock));
        }
        return new DiscoveryConnectors(pollers, publishers, store);
    }

    private record NamedReader(String name, DiscoveryReader reader) {}

    /** The Foreman poller's reader, when {@code discovery.foreman.url} is set. */
    private static Optional<NamedReader> foreman(RalfConfig config, Duration timeout) {
        String foreman = config.get(DiscoveryOptions.FOREMAN_URL);
        if (foreman.isBlank()) {
            return Optional.empty();
        }
        List<String> facts =
                Arrays.stream(config.get(DiscoveryOptions.FOREMAN_FACTS).split(","))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
        return Optional.of(
                new NamedReader(
                        "discovery-foreman",
                        new ForemanReader(
                                new ForemanSettings(
                                        uri(DiscoveryOptions.FOREMAN_URL.key(), foreman),
                                        config.get(DiscoveryOptions.FOREMAN_USER),
                                        config.get(DiscoveryOptions.FOREMAN_PASSWORD),
                                        config.get(DiscoveryOptions.FOREMAN_PER_PAGE),
                                        facts,
                                        timeout,
                                        ForemanSettings.DEFAULT_MAX_RESPONSE_BYTES))));
    }

    /** The Proxmox poller's reader, when {@code discovery.proxmox.url} is set. */
    private static Optional<NamedReader> proxmox(RalfConfig config, Duration timeout) {
        String proxmox = config.get(DiscoveryOptions.PROXMOX_URL);
        if (proxmox.isBlank()) {
            return Optional.empty();
        }
        String fingerprint = config.get(DiscoveryOptions.PROXMOX_FINGERPRINT);
        ProxmoxSettings settings;
        try {
            settings =
                    new ProxmoxSettings(
                            uri(DiscoveryOptions.PROXMOX_URL.key(), proxmox),
                            config.get(DiscoveryOptions.PROXMOX_TOKEN_ID),
                            config.get(DiscoveryOptions.PROXMOX_TOKEN_SECRET),
                            fingerprint.isBlank() ? null : fingerprint,
                            timeout,
                            ProxmoxSettings.DEFAULT_MAX_RESPONSE_BYTES);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    DiscoveryOptions.PROXMOX_TOKEN_ID.key() + ": " + e.getMessage());
        }
        return Optional.of(new NamedReader("discovery-proxmox", new ProxmoxReader(settings)));
    }

    /** The readers of the configured lease files and ARP table. */
    private static List<NamedReader> files(RalfConfig config, Clock clock) {
        List<NamedReader> readers = new ArrayList<>();
        String dnsmasq = config.get(DiscoveryOptions.DNSMASQ_LEASES);
        if (!dnsmasq.isBlank()) {
            readers.add(
                    new NamedReader(
                            "discovery-dnsmasq",
                            new LeaseFileReader(
                                    Path.of(dnsmasq),
                                    LeaseFileReader.Format.DNSMASQ,
                                    LeaseFileReader.DEFAULT_MAX_BYTES,
                                    clock)));
        }
        String isc = config.get(DiscoveryOptions.ISC_LEASES);
        if (!isc.isBlank()) {
            readers.add(
                    new NamedReader(
                            "discovery-isc-dhcpd",
                            new LeaseFileReader(
                                    Path.of(isc),
                                    LeaseFileReader.Format.ISC,
                                    LeaseFileReader.DEFAULT_MAX_BYTES,
                                    clock)));
        }
        String arp = config.get(DiscoveryOptions.ARP_TABLE);
        if (!arp.isBlank()) {
            readers.add(
                    new NamedReader(
                            "discovery-arp", new ArpReader(Path.of(arp), ArpReader.MAX_BYTES)));
        }
        return readers;
    }

    private static URI uri(String key, String value) {
        try {
            URI u = URI.create(value.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    key + ": '" + value + "' is not a URL (" + e.getMessage() + ")");
        }
    }

    /** The configured pollers (empty if no source is configured). */
    public List<DiscoveryPoller> pollers() {
        return pollers;
    }

    /**
     * Starts every poller.
     *
     * @throws ConnectorException if one cannot start (the others started before stay running until
     *     {@link #close()})
     */
    public void start() throws ConnectorException {
        for (DiscoveryPoller p : pollers) {
            p.start();
        }
    }

    @Override
    public void close() {
        for (DiscoveryPoller p : pollers) {
            p.close();
        }
        for (RecordPublisher p : publishers) {
            p.close();
        }
        store.close();
    }
}
