package org.ralf.simulator;

import java.nio.file.Path;
import java.time.Instant;
import javax.annotation.Nullable;
import org.ralf.schemas.config.RalfConfig;

/**
 * How to run the simulator: the resolved keys of {@link SimulatorOptions}.
 *
 * @param scenario built-in scenario name ({@code default}, ...) or a path ending in .yaml
 * @param seed seed of every random stream; null = the scenario's seed
 * @param start simulated start instant; null = the scenario's start when unpaced, the wall clock
 *     (whole seconds) when paced, so that paced runs produce current event times
 * @param speed simulated seconds per wall second (60 = one simulated hour per wall minute); 0 =
 *     unpaced (as fast as possible)
 * @param mode where events go
 * @param bootstrapServers Kafka bootstrap servers (required in {@link Mode#DIRECT_KAFKA})
 * @param jdbcUrl PostgreSQL JDBC URL for inventory rows and ground truth; null = no database
 * @param jdbcUser database user
 * @param jdbcPassword database password
 * @param labelsFile path of the ground-truth labels JSON file; null = none
 * @param syslogHost syslog receiver host in {@link Mode#FRONT_DOORS}; null = no syslog
 * @param syslogPort syslog receiver UDP port
 */
public record SimulatorSettings(
        String scenario,
        @Nullable Long seed,
        @Nullable Instant start,
        double speed,
        Mode mode,
        @Nullable String bootstrapServers,
        @Nullable String jdbcUrl,
        @Nullable String jdbcUser,
        @Nullable String jdbcPassword,
        @Nullable Path labelsFile,
        @Nullable String syslogHost,
        int syslogPort) {

    /** Where the simulator's events go. */
    public enum Mode {
        /** Kept in memory only (tests, benchmarks). */
        COLLECT,
        /** Metrics, logs and discovery straight to Kafka: fast and deterministic. */
        DIRECT_KAFKA,
        /**
         * Through the real front doors: exposition endpoints for the scraper, syslog to the
         * receiver, the Proxmox API for the discovery poller.
         */
        FRONT_DOORS
    }

    /** Validates the combination. */
    public SimulatorSettings {
        if (scenario == null || scenario.isBlank()) {
            throw new IllegalArgumentException("scenario must not be blank");
        }
        if (!(speed >= 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("speed must be >= 0 and finite, was " + speed);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is required");
        }
        if (mode == Mode.DIRECT_KAFKA && (bootstrapServers == null || bootstrapServers.isBlank())) {
            throw new IllegalArgumentException("DIRECT_KAFKA needs bootstrapServers");
        }
    }

    /** In-memory, unpaced settings for a scenario (tests, benchmarks). */
    public static SimulatorSettings collect(String scenario, long seed) {
        return new SimulatorSettings(
                scenario, seed, null, 0, Mode.COLLECT, null, null, null, null, null, null, 5514);
    }

    /** These settings with another speed. */
    public SimulatorSettings withSpeed(double newSpeed) {
        return new SimulatorSettings(
                scenario,
                seed,
                start,
                newSpeed,
                mode,
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                labelsFile,
                syslogHost,
                syslogPort);
    }

    /** These settings writing to a database. */
    public SimulatorSettings withJdbc(String url, String user, String password) {
        return new SimulatorSettings(
                scenario,
                seed,
                start,
                speed,
                mode,
                bootstrapServers,
                url,
                user,
                password,
                labelsFile,
                syslogHost,
                syslogPort);
    }

    /** These settings writing a labels file. */
    public SimulatorSettings withLabelsFile(Path file) {
        return new SimulatorSettings(
                scenario,
                seed,
                start,
                speed,
                mode,
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                file,
                syslogHost,
                syslogPort);
    }

    /** These settings in direct-to-Kafka mode. */
    public SimulatorSettings withKafka(String bootstrap) {
        return new SimulatorSettings(
                scenario,
                seed,
                start,
                speed,
                Mode.DIRECT_KAFKA,
                bootstrap,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                labelsFile,
                syslogHost,
                syslogPort);
    }

    /** These settings with a fixed simulated start. */
    public SimulatorSettings withStart(Instant newStart) {
        return new SimulatorSettings(
                scenario,
                seed,
                newStart,
                speed,
                mode,
                bootstrapServers,
                jdbcUrl,
                jdbcUser,
                jdbcPassword,
                labelsFile,
                syslogHost,
                syslogPort);
    }

    /** Settings from {@code simulator.*} keys of ralf.yaml (with RALF_SIMULATOR_* overrides). */
    public static SimulatorSettings fromConfig(RalfConfig config) {
        int seed = config.get(SimulatorOptions.SEED);
        String jdbc = config.get(SimulatorOptions.JDBC_URL);
        String labels = config.get(SimulatorOptions.LABELS_FILE);
        String syslog = config.get(SimulatorOptions.SYSLOG_HOST);
        return new SimulatorSettings(
                config.get(SimulatorOptions.SCENARIO),
                seed == 0 ? null : (long) seed,
                null,
                config.get(SimulatorOptions.SPEED),
                Mode.valueOf(config.get(SimulatorOptions.MODE)),
                config.get(SimulatorOptions.BOOTSTRAP),
                jdbc.isBlank() ? null : jdbc,
                config.get(SimulatorOptions.JDBC_USER),
                config.get(SimulatorOptions.JDBC_PASSWORD),
                labels.isBlank() ? null : Path.of(labels),
                syslog.isBlank() ? null : syslog,
                config.get(SimulatorOptions.SYSLOG_PORT));
    }
}
