package org.ralf.connectors.cdc;

import java.util.List;

/**
 * Where and what the CDC engine captures.
 *
 * @param name engine name; also the prefix of the replication slot and of offset keys
 * @param host PostgreSQL host
 * @param port PostgreSQL port
 * @param database database name
 * @param user a role with REPLICATION and SELECT on the tables
 * @param password its password
 * @param publication publication created by the migrations (never auto-created)
 * @param slot logical replication slot name
 * @param tables qualified tables to capture ({@code ralf.nodes})
 * @param kafkaBootstrap broker that stores the engine's offsets (so they survive restarts)
 * @param offsetTopic compacted topic holding the offsets
 * @param pollIntervalMs how long Debezium waits for new changes before handing over a batch (10-50
 *     ms keeps commit-to-Kafka latency low)
 */
public record CdcSettings(
        String name,
        String host,
        int port,
        String database,
        String user,
        String password,
        String publication,
        String slot,
        List<String> tables,
        String kafkaBootstrap,
        String offsetTopic,
        int pollIntervalMs) {

    /** The CDC-source tables of schema ralf, as published by {@code ralf_cdc}. */
    public static final List<String> DEFAULT_TABLES =
            List.of(
                    "ralf.nodes",
                    "ralf.guests",
                    "ralf.services",
                    "ralf.deployments",
                    "ralf.policies",
                    "ralf.maintenance_windows");

    /** Default Debezium poll interval in milliseconds. */
    public static final int DEFAULT_POLL_INTERVAL_MS = 20;

    /** Validates the invariants; see the component descriptions. */
    public CdcSettings {
        tables = List.copyOf(tables);
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("at least one table must be captured");
        }
        if (pollIntervalMs < 1) {
            throw new IllegalArgumentException(
                    "pollIntervalMs must be >= 1, was " + pollIntervalMs);
        }
    }

    /** Settings with the {@link #DEFAULT_POLL_INTERVAL_MS default poll interval}. */
    public CdcSettings(
            String name,
            String host,
            int port,
            String database,
            String user,
            String password,
            String publication,
            String slot,
            List<String> tables,
            String kafkaBootstrap,
            String offsetTopic) {
        this(
                name,
                host,
                port,
                database,
                user,
                password,
                publication,
                slot,
                tables,
                kafkaBootstrap,
                offsetTopic,
                DEFAULT_POLL_INTERVAL_MS);
    }
}
