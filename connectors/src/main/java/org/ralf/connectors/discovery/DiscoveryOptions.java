package org.ralf.connectors.discovery;

import java.time.Duration;
import java.util.List;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;

/**
 * Configuration keys of the discovery pollers ({@code discovery.*} in {@code ralf.yaml}, each
 * overridable by its {@code RALF_*} environment variable). A source is polled when its URL or path
 * is set; secrets belong in the environment ({@code RALF_DISCOVERY_FOREMAN_PASSWORD}, {@code
 * RALF_DISCOVERY_PROXMOX_TOKEN_SECRET}).
 */
public final class DiscoveryOptions {

    private static ConfigOption<String> optional(String key, String description) {
        return new ConfigOption<>(key, s -> s, "", description, v -> true, "a string");
    }

    /** Kafka brokers. */
    public static final ConfigOption<String> BOOTSTRAP = ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;

    /** Poll interval of every source. */
    public static final ConfigOption<Duration> INTERVAL =
            ConfigOption.durationOption(
                    "discovery.interval",
                    Duration.ofSeconds(60),
                    "time between two polls of a source");

    /** Compacted state topic. */
    public static final ConfigOption<String> STATE_TOPIC =
            ConfigOption.stringOption(
                    "discovery.state-topic",
                    KafkaDiscoveryStateStore.DEFAULT_TOPIC,
                    "compacted topic holding the last observed hosts per poller");

    /** HTTP timeout of API sources. */
    public static final ConfigOption<Duration> TIMEOUT =
            ConfigOption.durationOption(
                    "discovery.timeout",
                    Duration.ofSeconds(15),
                    "HTTP connect and request timeout");

    /** Foreman base URL. */
    public static final ConfigOption<String> FOREMAN_URL =
            optional("discovery.foreman.url", "Foreman base URL; empty: Foreman not polled");

    /** Foreman user. */
    public static final ConfigOption<String> FOREMAN_USER =
            ConfigOption.stringOption("discovery.foreman.user", "ralf", "Foreman API user");

    /** Foreman password or personal access token. */
    public static final ConfigOption<String> FOREMAN_PASSWORD =
            ConfigOption.secretOption(
                    "discovery.foreman.password", "Foreman password or personal access token");

    /** Foreman page size. */
    public static final ConfigOption<Integer> FOREMAN_PER_PAGE =
            ConfigOption.intOption(
                    "discovery.foreman.per-page", 100, "hosts per Foreman API page", 1, 1000);

    /** Foreman facts to report. */
    public static final ConfigOption<String> FOREMAN_FACTS =
            optional(
                    "discovery.foreman.facts",
                    "comma-separated fact names reported as fact.<name> (one request per host)");

    /** Proxmox base URL. */
    public static final ConfigOption<String> PROXMOX_URL =
            optional("discovery.proxmox.url", "Proxmox VE node URL; empty: Proxmox not polled");

    /** Proxmox token id. */
    public static final ConfigOption<String> PROXMOX_TOKEN_ID =
            ConfigOption.stringOption(
                    "discovery.proxmox.token-id", "ralf@pve!discovery", "API token USER@REALM!ID");

    /** Proxmox token secret. */
    public static final ConfigOption<String> PROXMOX_TOKEN_SECRET =
            ConfigOption.secretOption("discovery.proxmox.token-secret", "API token secret");

    /** Proxmox certificate pin. */
    public static final ConfigOption<String> PROXMOX_FINGERPRINT =
            optional(
                    "discovery.proxmox.fingerprint",
                    "SHA-256 fingerprint of the node certificate; empty: JVM trust store");

    /** dnsmasq lease file. */
    public static final ConfigOption<String> DNSMASQ_LEASES =
            optional("discovery.dhcp.dnsmasq-leases", "dnsmasq lease file; empty: not read");

    /** ISC dhcpd lease file. */
    public static final ConfigOption<String> ISC_LEASES =
            optional("discovery.dhcp.isc-leases", "ISC dhcpd lease file; empty: not read");

    /** ARP table. */
    public static final ConfigOption<String> ARP_TABLE =
            optional(
                    "discovery.arp.table",
                    "ARP table to read, normally /proc/net/arp; empty: not read");

    private DiscoveryOptions() {}

    /** Every option, for documentation. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                BOOTSTRAP,
                INTERVAL,
                STATE_TOPIC,
                TIMEOUT,
                FOREMAN_URL,
                FOREMAN_USER,
                FOREMAN_PASSWORD,
                FOREMAN_PER_PAGE,
                FOREMAN_FACTS,
                PROXMOX_URL,
                PROXMOX_TOKEN_ID,
                PROXMOX_TOKEN_SECRET,
                PROXMOX_FINGERPRINT,
                DNSMASQ_LEASES,
                ISC_LEASES,
                ARP_TABLE);
    }
}
