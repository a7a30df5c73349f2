package org.ralf.connectors.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.config.RalfConfig;

/** The shipped Kafka Connect config must capture what the embedded engine captures. */
class KafkaConnectConfigTest {

    /** Engine-only keys, or keys that differ by deployment (host, port, secret). */
    private static final Set<String> DEPLOYMENT_SPECIFIC =
            Set.of(
                    "name",
                    "bootstrap.servers",
                    "offset.storage",
                    "offset.storage.topic",
                    "offset.storage.partitions",
                    "offset.storage.replication.factor",
                    "offset.flush.interval.ms",
                    "offset.flush.timeout.ms",
                    "database.hostname",
                    "database.port",
                    "database.password");

    private static Path repositoryFile(String relative) {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve(relative))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException(relative + " not found above the working directory");
        }
        return dir.resolve(relative);
    }

    @Test
    void shouldMatchTheEmbeddedEngineSettingsOfTheDefaultConfiguration() throws Exception {
        // Arrange
        JsonNode config =
                new ObjectMapper()
                        .readTree(
                                repositoryFile("docker/kafka-connect/ralf-postgres-cdc.json")
                                        .toFile())
                        .path("config");
        Properties engine =
                PostgresCdcEngine.properties(
                        CdcOptions.settings(RalfConfig.parse(new StringReader(""), Map.of())));

        // Act / Assert
        for (String key : engine.stringPropertyNames()) {
            if (!DEPLOYMENT_SPECIFIC.contains(key)) {
                assertThat(config.path(key).asText(null))
                        .as(key)
                        .isEqualTo(engine.getProperty(key));
            }
        }
        assertThat(config.path("transforms.route.replacement").asText()).isEqualTo("ralf.cdc.$1");
    }
}
