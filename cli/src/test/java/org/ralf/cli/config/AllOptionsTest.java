package org.ralf.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.OptionRegistry;
import org.ralf.schemas.config.RalfConfig;

class AllOptionsTest {

    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("ralf.yaml")) && Files.exists(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("repository root not found");
    }

    private static String listing(OptionRegistry registry, RalfConfig config) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConfigListing.print(registry, config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadEveryKeyOfTheShippedRalfYaml() throws Exception {
        // Arrange
        Path yaml = repositoryRoot().resolve("ralf.yaml");

        // Act / Assert: no unknown key (checkKeys throws on the first)
        AllOptions.registry().checkKeys(RalfConfig.load(yaml), yaml.toString());
    }

    @Test
    void shouldMaskEverySecretAndDeclareEveryPasswordOrSecretKeyAsOne() {
        // Arrange: every secret set through its environment variable to a value of its own
        OptionRegistry registry = AllOptions.registry();
        Map<String, String> env = new HashMap<>();
        int secrets = 0;
        for (ConfigOption<?> o : registry.options()) {
            String last = o.key().substring(o.key().lastIndexOf('.') + 1);
            if (last.contains("password") || last.contains("secret")) {
                assertThat(o.secret()).as(o.key() + " is a secret").isTrue();
            }
            if (o.secret()) {
                env.put(o.environmentVariable(), "leak-" + secrets++ + "-value");
            }
        }
        RalfConfig config = RalfConfig.parse(new StringReader(""), env);

        // Act
        String out = listing(registry, config);

        // Assert
        assertThat(secrets).isGreaterThanOrEqualTo(6);
        assertThat(out).doesNotContain("leak-").contains(ConfigListing.MASK);
    }

    @Test
    void shouldListEveryKeyWithItsEnvironmentVariableGroupedBySection() {
        // Arrange
        OptionRegistry registry = AllOptions.registry();

        // Act
        String out = listing(registry, null);

        // Assert
        for (ConfigOption<?> o : registry.options()) {
            assertThat(out).contains("  " + o.key() + "\n").contains(o.environmentVariable());
        }
        assertThat(out).contains("[kafka]").contains("[postgres]").contains("[detect]");
        assertThat(out).doesNotContain("current  ");
    }

    @Test
    void shouldKeepTheConfigurationTableOfTheDocsEqualToTheRegistry() throws Exception {
        // Arrange
        String doc = Files.readString(repositoryRoot().resolve("docs/configuration.md"));

        // Act
        String table = ConfigListing.markdown(AllOptions.registry());

        // Assert: regenerate with ./ralf config --markdown when this fails
        assertThat(doc).contains(table);
    }

    @Test
    void shouldRejectAnUnknownExecutorKeyNamingTheNearestDeclaredKey() {
        // Arrange: the executor section is declared key by key now, not accepted whole
        RalfConfig config =
                RalfConfig.parse(new StringReader("executor:\n  dryrun: true\n"), Map.of());

        // Act / Assert
        assertThatThrownBy(() -> AllOptions.registry().checkKeys(config, "ralf.yaml"))
                .hasMessageContaining("unknown key 'executor.dryrun'")
                .hasMessageContaining("did you mean 'executor.dry-run'");
    }
}
