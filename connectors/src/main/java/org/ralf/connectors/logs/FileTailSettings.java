package org.ralf.connectors.logs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Settings of a {@link FileTailer}.
 *
 * @param name connector name (record source, dead-letter source, state file name)
 * @param files files to follow
 * @param stateDir directory of the position file ({@code <name>.positions})
 * @param pollInterval how often the files are checked for new lines and rotation
 * @param host host put into the records (the machine the files are on)
 * @param continuation a line matching this joins the previous line's event (stack traces)
 * @param maxLineBytes longer lines are dead-lettered (truncated)
 * @param maxEventLines an event stops collecting continuation lines at this many lines
 */
public record FileTailSettings(
        String name,
        List<Path> files,
        Path stateDir,
        Duration pollInterval,
        String host,
        Pattern continuation,
        int maxLineBytes,
        int maxEventLines) {

    /**
     * Java stack trace continuation: the exception line ({@code java.lang.IllegalStateException:
     * boom}), "\tat ...", "Caused by: ...", "\t... 12 more", "Suppressed: ...".
     */
    public static final Pattern JAVA_STACK_TRACE =
            Pattern.compile(
                    "^(\\s+at\\s|\\s+\\.\\.\\.\\s+\\d+\\s+more|Caused by:|\\s+Suppressed:"
                            + "|[a-zA-Z_$][\\w$]*(\\.[a-zA-Z_$][\\w$]*)+(Exception|Error|Throwable)(:.*)?$)");

    /** Defaults: 250 ms polling, Java stack traces joined, 64 KiB lines, 500-line events. */
    public static FileTailSettings defaults(
            String name, List<Path> files, Path stateDir, String host) {
        return new FileTailSettings(
                name,
                files,
                stateDir,
                Duration.ofMillis(250),
                host,
                JAVA_STACK_TRACE,
                64 * 1024,
                500);
    }

    /** Validates the settings. */
    public FileTailSettings {
        if (name == null || name.isBlank() || host == null || host.isBlank()) {
            throw new IllegalArgumentException("name and host must not be blank");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one file is needed");
        }
        if (maxLineBytes < 1
                || maxEventLines < 1
                || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    name + ": limits and poll interval must be positive");
        }
        files = List.copyOf(files);
    }
}
