package org.ralf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the CLI needs to run components against the local stack: the configuration file, the
 * connection settings and the local signing key shared by the command producer (remediation job)
 * and the executor.
 */
final class LocalStack {

    /** Key id of the local stack's command-signing key. */
    static final String SIGNING_KEY_ID = "local";

    private LocalStack() {}

    /** {@code $RALF_CONFIG}, else {@code ralf.yaml} in the checkout. */
    static Path configFile() {
        String c = System.getenv("RALF_CONFIG");
        return c == null || c.isBlank() ? RalfCli.root().resolve("ralf.yaml") : Path.of(c);
    }

    /**
     * The local signing secret ({@code $RALF_HOME/signing.key}, 32 random bytes as hex, created
     * once with mode 600).
     */
    static String signingSecret() throws IOException {
        Path file = RalfCli.home().resolve("signing.key");
        if (!Files.exists(file)) {
            Files.createDirectories(file.getParent());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(
                    file, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
    }

    /**
     * The configuration for components running against the local stack: {@code ralf.yaml} with the
     * stack's addresses and passwords as environment overrides (explicit {@code RALF_*} variables
     * still win).
     */
    static org.ralf.schemas.config.RalfConfig config() throws IOException {
        return config(Map.of());
    }

    /**
     * {@link #config()} with defaults of the caller ({@code RALF_*} names) that explicit
     * environment variables still override.
     */
    static org.ralf.schemas.config.RalfConfig config(Map<String, String> defaults)
            throws IOException {
        StackConnection c = StackConnection.load();
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        defaults.forEach(env::putIfAbsent);
        java.net.URI pg = java.net.URI.create(c.pgUrl().substring("jdbc:".length()));
        env.putIfAbsent("RALF_KAFKA_BOOTSTRAP_SERVERS", c.kafkaBootstrap());
        env.putIfAbsent("RALF_CDC_HOST", pg.getHost());
        env.putIfAbsent("RALF_CDC_PORT", String.valueOf(pg.getPort()));
        env.putIfAbsent("RALF_CDC_PASSWORD", c.pgPassword());
        env.putIfAbsent("RALF_POSTGRES_JDBC_URL", c.pgUrl());
        env.putIfAbsent("RALF_POSTGRES_USER", c.pgUser());
        env.putIfAbsent("RALF_POSTGRES_PASSWORD", c.pgPassword());
        env.putIfAbsent("RALF_REMEDIATION_SIGNING_KEY_ID", SIGNING_KEY_ID);
        env.putIfAbsent("RALF_REMEDIATION_SIGNING_SECRET", signingSecret());
        org.ralf.schemas.config.RalfConfig config;
        try (java.io.Reader r = java.nio.file.Files.newBufferedReader(configFile())) {
            config = org.ralf.schemas.config.RalfConfig.parse(r, env);
        }
        // a key nothing reads is a typo or a stale option: fail and name the nearest known key
        org.ralf.cli.config.AllOptions.registry().checkKeys(config, configFile().toString());
        return config;
    }

    /** The process environment plus the local signing key for the executor. */
    static Map<String, String> environmentWithSigningKey() throws IOException {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        String extra = SIGNING_KEY_ID + "=" + signingSecret();
        env.merge("RALF_EXECUTOR_SIGNING_KEYS", extra, (a, b) -> a + "," + b);
        return env;
    }
}
