package org.ralf.connectors.discovery;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.Nullable;
import org.ralf.connectors.ConnectorException;
import org.ralf.schemas.deadletter.DeadLetterCause;
import org.ralf.schemas.discovery.DiscoverySource;

/**
 * Reads a DHCP server's lease file: dnsmasq ({@code <expiry> <mac> <ip> <hostname|*> <client-id|*>}
 * per line) or ISC dhcpd ({@code lease <ip> { ... }} blocks, later blocks of an address superseding
 * earlier ones). Only current leases count (dnsmasq: expiry 0 or in the future; ISC: {@code binding
 * state active}, or no binding state and {@code ends} in the future or {@code never}). Host
 * identity is the MAC; hosts are keyed by MAC with the newest lease winning.
 *
 * <p>A line or block that cannot be parsed (truncated, not UTF-8, garbage) is rejected with its
 * line number, and the poll counts as incomplete; a file above the size limit is rejected whole.
 */
public final class LeaseFileReader implements DiscoveryReader {

    /** Lease file syntax. */
    public enum Format {
        /** dnsmasq {@code dnsmasq.leases}. */
        DNSMASQ,
        /** ISC dhcpd {@code dhcpd.leases}. */
        ISC
    }

    /** Default size limit: far above any homelab lease file. */
    public static final int DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

    private static final Pattern MAC = Pattern.compile("(?i)[0-9a-f]{1,2}(:[0-9a-f]{1,2}){5}");
    private static final Pattern LEASE_START = Pattern.compile("lease\\s+(\\S+)\\s*\\{\\s*");
    private static final Pattern ISC_TIME =
            Pattern.compile("(?:\\d\\s+)?(\\d{4}/\\d{2}/\\d{2}\\s+\\d{2}:\\d{2}:\\d{2})");
    private static final DateTimeFormatter ISC_FORMAT =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private final Path file;
    private final Format format;
    private final int maxBytes;
    private final Clock clock;

    /**
     * @param file the lease file
     * @param format its syntax
     * @param maxBytes size limit
     * @param clock decides which leases have expired
     */
    public LeaseFileReader(Path file, Format format, int maxBytes, Clock clock) {
        this.file = file;
        this.format = format;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return format.name().toLowerCase(java.util.Locale.ROOT) + " leases " + file;
    }

    @Override
    public PollResult poll() throws ConnectorException {
        return TextSource.pollFile(file, maxBytes, this::parse);
    }

    /** Parses lease file content (visible for tests of the parser alone). */
    PollResult parse(byte[] content) {
        List<TextSource.Line> lines = TextSource.lines(content);
        return format == Format.DNSMASQ ? parseDnsmasq(lines) : parseIsc(lines);
    }

    private PollResult parseDnsmasq(List<TextSource.Line> lines) {
        Map<String, Lease> byMac = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        long now = clock.instant().getEpochSecond();
        for (TextSource.Line line : lines) {
            String text = line.text();
            if (text == null) {
                rejected.add(reject(line.raw(), line.number(), "is not valid UTF-8 text"));
                continue;
            }
            if (text.isBlank() || text.startsWith("duid ")) {
                continue;
            }
            String[] f = text.trim().split("\\s+");
            if (f.length < 4) {
                rejected.add(
                        reject(
                                line.raw(),
                                line.number(),
                                "has " + f.length + " fields, need 4 or 5"));
                continue;
            }
            long expiry;
            try {
                expiry = Long.parseLong(f[0]);
            } catch (NumberFormatException e) {
                rejected.add(
                        reject(line.raw(), line.number(), "expiry '" + f[0] + "' is no number"));
                continue;
            }
            if (!MAC.matcher(f[1]).matches()) {
                if (f[2].contains(":")) {
                    continue; // DHCPv6 lease: field 2 is an IAID, there is no MAC to key it by
                }
                rejected.add(reject(line.raw(), line.number(), "'" + f[1] + "' is no MAC address"));
                continue;
            }
            if (expiry != 0 && expiry < now) {
                continue;
            }
            String hostname = "*".equals(f[3]) ? null : f[3];
            byMac.merge(
                    f[1].toLowerCase(java.util.Locale.ROOT),
                    new Lease(f[1], f[2], hostname, expiry == 0 ? Long.MAX_VALUE : expiry),
                    (a, b) -> b.expiry >= a.expiry ? b : a);
        }
        return result(byMac, rejected);
    }

    private PollResult parseIsc(List<TextSource.Line> lines) {
        // by IP: a later block for the same address supersedes the earlier one
        Map<String, Lease> byIp = new LinkedHashMap<>();
        List<Rejected> rejected = new ArrayList<>();
        Instant now = clock.instant();
        int i = 0;
        while (i < lines.size()) {
            TextSource.Line line = lines.get(i);
            String text = line.text();
            if (text == null) {
                rejected.add(reject(line.raw(), line.number(), "is not valid UTF-8 text"));
                i++;
                continue;
            }
            String t = text.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                i++;
                continue;
            }
            Matcher start = LEASE_START.matcher(t);
            if (!start.matches()) {
                if (!t.endsWith(";")) {
                    rejected.add(reject(line.raw(), line.number(), "is no ISC dhcpd statement"));
                }
                i++; // other top-level statements (server-duid, authoring-byte-order, ...)
                continue;
            }
            String ip = start.group(1);
            int first = line.number();
            Block block = readBlock(lines, i, ip);
            i = block.next();
            if (block.problem() != null) {
                rejected.add(
                        new Rejected(
                                block.bytes(),
                                DeadLetterCause.UNPARSEABLE_INPUT,
                                file + ":" + first + ": " + block.problem()));
                continue;
            }
            Map<String, String> stmts = block.statements();
            byIp.remove(ip);
            if (!current(stmts, now)) {
                continue;
            }
            String mac = stmts.get("hardware ethernet");
            if (mac == null || !MAC.matcher(mac).matches()) {
                continue; // a lease without a usable MAC (abandoned, or a non-ethernet client)
            }
            String hostname = unquote(stmts.get("client-hostname"));
            byIp.put(ip, new Lease(mac, ip, hostname, 0));
        }
        Map<String, Lease> byMac = new LinkedHashMap<>();
        for (Lease l : byIp.values()) {
            byMac.put(l.mac.toLowerCase(java.util.Locale.ROOT), l);
        }
        return result(byMac, rejected);
    }

    /**
     * One lease block as read: the index of the line after it, its statements, the first problem
     * (null if none) and its original bytes (for the dead letter).
     */
    private record Block(
            int next, Map<String, String> statements, @Nullable String problem, byte[] bytes) {}

    /** Reads the lease block whose opening line is at index {@code i}. */
    private static Block readBlock(List<TextSource.Line> lines, int i, String ip) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        Map<String, String> stmts = new TreeMap<>();
        String problem = null;
        boolean closed = false;
        append(block, lines.get(i).raw());
        i++;
        while (i < lines.size()) {
            TextSource.Line l = lines.get(i);
            append(block, l.raw());
            i++;
            String s = l.text();
            if (s == null) {
                problem = problem == null ? "line " + l.number() + " is not valid UTF-8" : problem;
                continue;
            }
            s = s.trim();
            if (s.equals("}")) {
                closed = true;
                break;
            }
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            if (!s.endsWith(";")) {
                problem =
                        problem == null
                                ? "line " + l.number() + " is no statement: '" + abbreviate(s) + "'"
                                : problem;
                continue;
            }
            statement(stmts, s.substring(0, s.length() - 1).trim());
        }
        if (!closed) {
            problem = "lease block for " + ip + " is truncated (no closing brace)";
        }
        return new Block(i, stmts, problem, block.toByteArray());
    }

    private static void statement(Map<String, String> stmts, String s) {
        for (String key :
                List.of(
                        "binding state",
                        "hardware ethernet",
                        "client-hostname",
                        "ends",
                        "starts")) {
            if (s.startsWith(key + " ")) {
                stmts.put(key, s.substring(key.length()).trim());
                return;
            }
        }
    }

    private static boolean current(Map<String, String> stmts, Instant now) {
        String binding = stmts.get("binding state");
        if (binding != null) {
            return binding.equals("active");
        }
        String ends = stmts.get("ends");
        if (ends == null || ends.equals("never")) {
            return true;
        }
        Matcher m = ISC_TIME.matcher(ends);
        if (!m.matches()) {
            return true;
        }
        try {
            // dhcpd writes UTC unless db-time-format local is set (then "epoch <n>" style)
            return LocalDateTime.parse(m.group(1).replaceAll("\\s+", " "), ISC_FORMAT)
                    .toInstant(ZoneOffset.UTC)
                    .isAfter(now);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    private PollResult result(Map<String, Lease> byMac, List<Rejected> rejected) {
        List<HostObservation> hosts = new ArrayList<>();
        DiscoverySource source = DiscoverySource.DHCP;
        for (Lease l : byMac.values()) {
            Map<String, String> attributes = new TreeMap<>();
            attributes.put("lease-file", file.toString());
            if (l.hostname != null) {
                attributes.put("hostname", l.hostname);
            }
            String fqdn = l.hostname != null && l.hostname.contains(".") ? l.hostname : null;
            hosts.add(HostObservation.of(l.mac, null, fqdn, l.ip, source, attributes));
        }
        return new PollResult(hosts, rejected, rejected.isEmpty());
    }

    private Rejected reject(byte[] raw, int line, String why) {
        return new Rejected(raw, DeadLetterCause.UNPARSEABLE_INPUT, file + ":" + line + " " + why);
    }

    private static void append(ByteArrayOutputStream out, byte[] raw) {
        out.writeBytes(raw);
        out.write('\n');
    }

    private static @Nullable String unquote(@Nullable String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            t = t.substring(1, t.length() - 1);
        }
        return t.isBlank() ? null : t;
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "...";
    }

    private record Lease(String mac, String ip, @Nullable String hostname, long expiry) {}
}
