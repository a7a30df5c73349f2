package org.ralf.connectors.cdc;

import java.util.Arrays;
import java.util.List;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.ConnectionOptions;
import org.ralf.schemas.config.RalfConfig;

/**
 * Configuration keys of the CDC connector ({@code cdc.*} in {@code ralf.yaml}, each overridable by
 * its {@code RALF_*} environment variable).
 */
public final class CdcOptions {

    /** Kafka brokers (records and offsets). */
    public static final ConfigOption<String> BOOTSTRAP = ConnectionOptions.KAFKA_BOOTSTRAP_SERVERS;

    /** Connector name: client id, offset key prefix. */
    public static final ConfigOption<String> NAME =
            ConfigOption.stringOption("cdc.name", "ralf-postgres-cdc", "CDC connector name");

    /** PostgreSQL host. */
    public static final ConfigOption<String> HOST =
            ConfigOption.stringOption("cdc.host", "127.0.0.1", "PostgreSQL host for CDC");

    /** PostgreSQL port. */
    public static final ConfigOption<Integer> PORT =
            ConfigOption.intOption("cdc.port", 5433, "PostgreSQL port for CDC", 1, 65535);

    /** Database. */
    public static final ConfigOption<String> DATABASE =
            ConfigOption.stringOption("cdc.database", "ralf", "database holding schema ralf");

    /** Replication role (created by the stack). */
    public static final ConfigOption<String> USER =
            ConfigOption.stringOption(
                    "cdc.user", "ralf_cdc", "role with REPLICATION and SELECT on schema ralf");

    /** Its password; set it through RALF_CDC_PASSWORD rather than in the file. */
    public static final ConfigOption<String> PASSWORD =
            ConfigOption.secretOption(
                    "cdc.password", "password of the replication role (prefer RALF_CDC_PASSWORD)");

    /** Publication created by the migrations. */
    public static final ConfigOption<String> PUBLICATION =
            ConfigOption.stringOption(
                    "cdc.publication", "ralf_cdc", "publication created by the migrations");

    /** Logical replication slot. */
    public static final ConfigOption<String> SLOT =
            ConfigOption.stringOption("cdc.slot", "ralf_cdc", "logical replication slot name");

    /** Comma-separated qualified tables. */
    public static final ConfigOption<String> TABLES =
            ConfigOption.stringOption(
                    "cdc.tables",
                    String.join(",", CdcSettings.DEFAULT_TABLES),
                    "comma-separated tables to capture (schema.table)");

    /** Offset topic (compacted, created by Kafka Connect's offset store if absent). */
    public static final ConfigOption<String> OFFSET_TOPIC =
            ConfigOption.stringOption(
                    "cdc.offset-topic", "ralf.cdc-offsets", "compacted topic of CDC offsets");

    /** Poll interval. */
    public static final ConfigOption<Integer> POLL_INTERVAL_MS =
            ConfigOption.intOption(
                    "cdc.poll-interval-ms",
                    CdcSettings.DEFAULT_POLL_INTERVAL_MS,
                    "Debezium poll interval in ms",
                    1,
                    1000);

    private CdcOptions() {}

    /** Every option, for documentation. */
    public static List<ConfigOption<?>> all() {
        return List.of(
                BOOTSTRAP,
                NAME,
                HOST,
                PORT,
                DATABASE,
                USER,
                PASSWORD,
                PUBLICATION,
                SLOT,
                TABLES,
                OFFSET_TOPIC,
                POLL_INTERVAL_MS);
    }

    /**
     * The engine settings of a configuration.
     *
     * @throws org.ralf.schemas.config.ConfigException naming the key of an invalid value
     */
    public static CdcSettings settings(RalfConfig config) {
        List<String> tables =
                Arrays.stream(config.get(TABLES).split(","))
                        .map(String::trim)
                        .filter(t -> !t.isEmpty())
                        .toList();
        return new CdcSettings(
                config.get(NAME),
                config.get(HOST),
                config.get(PORT),
                config.get(DATABASE),
                config.get(USER),
                config.get(PASSWORD),
                config.get(PUBLICATION),
                config.get(SLOT),
                tables,
                config.get(BOOTSTRAP),
                config.get(OFFSET_TOPIC),
                config.get(POLL_INTERVAL_MS));
    }
}
