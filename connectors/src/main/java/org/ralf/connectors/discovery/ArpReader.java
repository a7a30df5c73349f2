package org.ralf.connectors.discovery;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoverySource;

/**
 * Reads the kernel's ARP table ({@code /proc/net/arp}: header line, then {@code IP HW-type Flags
 * HW-address Mask Device}). Only complete entries count (flag {@code 0x2} set, non-zero MAC);
 * nothing is sent on the network, so only hosts this machine already talked to appear.
 */
public final class ArpReader implements DiscoveryReader {

    /** Where Linux exposes the table. */
    public static final Path PROC_NET_ARP = Path.of("/proc/net/arp");

    /** Size limit: the table of a homelab is a few kilobytes. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final int ATF_COM = 0x2;

    private final Path file;
    private final int maxBytes;

    /**
     * @param file the table ({@link #PROC_NET_ARP}, or a copy in tests)
     * @param maxBytes size limit
     */
    public ArpReader(Path file, int maxBytes) {
        this.file = file;
        this.maxBytes = maxBytes;
    }

    @Override
    public String describe() {
        return "arp table " + file;
    }

    @Override
    public PollResult poll() throws ConnectorException {
        return TextSource.pollFile(file, maxBytes, this::parse);
    }

    /** Parses table content (visible for tests of the parser alone). */
    PollResult parse(byte[] content) {
        Map<String, HostObservation> byMac = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        for (TextSource.Line line : TextSource.lines(content)) {
            String text = line.text();
            if (text == null) {
                rejected.add(reject(line, "is not valid UTF-8 text"));
                continue;
            }
            if (text.isBlank() || text.startsWith("IP address")) {
                continue;
            }
            String[] f = text.trim().split("\\s+");
            if (f.length != 6) {
                rejected.add(reject(line, "has " + f.length + " fields, need 6"));
                continue;
            }
            int flags;
            try {
                flags = Integer.decode(f[2]);
            } catch (NumberFormatException e) {
                rejected.add(reject(line, "flags '" + f[2] + "' are no number"));
                continue;
            }
            if (!MAC.matcher(f[3]).matches()) {
                rejected.add(reject(line, "'" + f[3] + "' is no MAC address"));
                continue;
            }
            String mac = f[3].toLowerCase(Locale.ROOT);
            if ((flags & ATF_COM) == 0 || mac.equals("00:00:00:00:00:00")) {
                continue; // incomplete entry: the neighbour did not answer
            }
            byMac.put(
                    mac,
                    HostObservation.of(
                            mac, null, null, f[0], DiscoverySource.ARP, Map.of("device", f[5])));
        }
        return new PollResult(List.copyOf(byMac.values()), rejected, rejected.isEmpty());
    }

    private Rejected reject(TextSource.Line line, String why) {
        return new Rejected(
                line.raw(),
                DeadLetterCause.UNPARSEABLE_INPUT,
                file + ":" + line.number() + " " + why);
    }
}
