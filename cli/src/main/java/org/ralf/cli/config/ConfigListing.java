package org.ralf.cli.config;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.Nullable;
import org.ralf.schemas.config.ConfigOption;
import org.ralf.schemas.config.OptionRegistry;
import org.ralf.schemas.config.RalfConfig;

/**
 * Prints every key of a registry grouped by section (the key's first segment): key, default, the
 * current value (secrets masked), the environment variable and the description.
 */
public final class ConfigListing {

    /** What a masked secret prints as. */
    public static final String MASK = "****";

    private ConfigListing() {}

    /**
     * Prints the listing.
     *
     * @param registry the keys
     * @param config the effective configuration, or null to print defaults only
     * @param out where to print
     */
    public static void print(
            OptionRegistry registry, @Nullable RalfConfig config, PrintStream out) {
        Map<String, StringBuilder> sections = new TreeMap<>();
        for (ConfigOption<?> o : registry.options()) {
            StringBuilder b = sections.computeIfAbsent(section(o.key()), k -> new StringBuilder());
            b.append("  ").append(o.key()).append('\n');
            b.append("      default  ").append(shown(o, o.defaultValue())).append('\n');
            if (config != null) {
                b.append("      current  ").append(current(o, config)).append('\n');
            }
            b.append("      env      ").append(o.environmentVariable()).append('\n');
            b.append("      ").append(o.description()).append('\n');
        }
        for (String raw : registry.rawSections()) {
            sections.computeIfAbsent(section(raw), k -> new StringBuilder())
                    .append("  ")
                    .append(raw)
                    .append(".*\n      a section read as a whole by its owner (see docs/)\n");
        }
        sections.forEach((name, body) -> out.print("[" + name + "]\n" + body + "\n"));
    }

    /**
     * The configuration table of {@code docs/configuration.md}: one row per typed key, grouped by
     * section; a test holds the document to exactly this text.
     */
    public static String markdown(OptionRegistry registry) {
        StringBuilder b = new StringBuilder();
        b.append("| key | default | environment variable | description |\n");
        b.append("|---|---|---|---|\n");
        for (ConfigOption<?> o : registry.options()) {
            b.append("| `")
                    .append(o.key())
                    .append("` | ")
                    .append(o.secret() ? "(secret)" : cell(shown(o, o.defaultValue())))
                    .append(" | `")
                    .append(o.environmentVariable())
                    .append("` | ")
                    .append(cell(o.description()))
                    .append(" |\n");
        }
        b.append("\nRead as a whole by their owner: the sections ");
        b.append(
                String.join(
                        ", ", registry.rawSections().stream().map(k -> "`" + k + "`").toList()));
        b.append(" ([executor.md](executor.md), [connectors.md](connectors.md)).\n");
        return b.toString();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }

    private static String section(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }

    private static String current(ConfigOption<?> o, RalfConfig config) {
        String value = shown(o, config.get(o));
        return config.isSet(o) ? value + "  (set)" : value;
    }

    private static String shown(ConfigOption<?> o, Object value) {
        String text = String.valueOf(value);
        if (o.secret()) {
            return text.isEmpty() ? "(empty)" : MASK;
        }
        return text.isEmpty() ? "(empty)" : text;
    }
}
