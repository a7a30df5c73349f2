package org.ralf.schemas.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigEntryTest {

    static final class EntryOptions {
        public static final ConfigOption<Integer> PORT =
                ConfigOption.intOption("port", 80, "port", 1, 65535);
        public static final ConfigOption<String> HOST =
                ConfigOption.stringOption("host", "localhost", "host");
    }

    private static RalfConfig config(String yaml, Map<String, String> env) {
        return RalfConfig.parse(new StringReader(yaml), env);
    }

    @Test
    void shouldReadMapAndListEntriesThroughTypedOptionsNamingTheFullKey() {
        // Arrange
        RalfConfig c =
                config(
                        "s: {a: {port: 8080}, b: {port: nope}}\nl: {items: [{host: h1}, {}]}\n",
                        Map.of());

        // Act
        Map<String, ConfigEntry> map = ConfigEntry.map(c, "s");
        List<ConfigEntry> list = ConfigEntry.list(c, "l.items");

        // Assert
        assertThat(map.get("a").get(EntryOptions.PORT)).isEqualTo(8080);
        assertThat(map.get("a").get(EntryOptions.HOST)).isEqualTo("localhost");
        assertThatThrownBy(() -> map.get("b").get(EntryOptions.PORT))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("s.b.port:");
        assertThat(list)
                .extracting(e -> e.get(EntryOptions.HOST))
                .containsExactly("h1", "localhost");
        assertThat(list.get(1).path()).isEqualTo("l.items[1]");
    }

    @Test
    void shouldOverrideAnEntryKeyThroughTheVariableOfItsFullKey() {
        // Arrange
        RalfConfig c = config("s: {a: {port: 8080}}\n", Map.of("RALF_S_A_PORT", "9090"));

        // Act / Assert
        assertThat(ConfigEntry.map(c, "s").get("a").get(EntryOptions.PORT)).isEqualTo(9090);
    }

    @Test
    void shouldRejectAnUnknownKeyNamingTheNearestDeclaredKey() {
        // Arrange
        ConfigEntry entry = ConfigEntry.map(config("s: {a: {prot: 1}}\n", Map.of()), "s").get("a");

        // Act / Assert
        assertThatThrownBy(
                        () -> entry.checkKeys(ConfigEntry.options(EntryOptions.class), List.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("s.a.prot: unknown key (did you mean 'port'?)");
    }
}
