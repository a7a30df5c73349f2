package org.ralf.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * How to reach the local stack, as written by {@code ./ralf stack up} to {@code
 * $RALF_HOME/connection.properties}.
 *
 * @param pgUrl JDBC URL of database ralf
 * @param pgUser owner role
 * @param pgPassword its password
 * @param kafkaBootstrap broker address
 */
record StackConnection(String pgUrl, String pgUser, String pgPassword, String kafkaBootstrap) {

    static StackConnection load() {
        Path file = RalfCli.home().resolve("connection.properties");
        if (!Files.isReadable(file)) {
            throw new IllegalStateException(
                    "the local stack is not set up (" + file + " missing): run ./ralf stack up");
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return new StackConnection(
                p.getProperty("pg.url"),
                p.getProperty("pg.user"),
                p.getProperty("pg.password"),
                p.getProperty("kafka.bootstrap"));
    }
}
