package org.ralf.simulator.engine;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/** Text of generated log lines: picking a template and filling its placeholders from a stream. */
final class LogLines {
    private static final String[] USERS = {"alice", "bob", "carol", "dave", "erin"};
    private static final String[] PATHS = {"home", "dotfiles", "photos", "wiki", "infra", "notes"};
    private static final String[] NODE_APPS = {"pvestatd", "pveproxy", "pvedaemon", "CRON"};

    private LogLines() {}

    static String pick(SplittableRandom r, List<String> options) {
        return options.get(r.nextInt(options.size()));
    }

    /** A Proxmox node's routine daemon app, drawn from r. */
    static String nodeApp(SplittableRandom r) {
        return NODE_APPS[r.nextInt(NODE_APPS.length)];
    }

    /** A routine message of a node's daemon app, drawn from r. */
    static String nodeMessage(String app, SplittableRandom r) {
        return switch (app) {
            case "pvestatd" ->
                    "status update time ("
                            + String.format(Locale.ROOT, "%.3f", 0.2 + r.nextDouble())
                            + " seconds)";
            case "pveproxy" -> "worker " + (1000 + r.nextInt(9000)) + " finished";
            case "pvedaemon" -> "<root@pam> successful auth for user 'root@pam'";
            default -> "pam_unix(cron:session): session opened for user root(uid=0) by (uid=0)";
        };
    }

    /** The template with {ip}, {ms}, {user}, {path}, {n} and {id} replaced by values from r. */
    static String fill(String template, SplittableRandom r) {
        StringBuilder b = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if (ch == '{') {
                int close = template.indexOf('}', i);
                if (close > i) {
                    String v = value(template.substring(i + 1, close), r);
                    if (v != null) {
                        b.append(v);
                        i = close + 1;
                        continue;
                    }
                }
            }
            b.append(ch);
            i++;
        }
        return b.toString();
    }

    private static String value(String key, SplittableRandom r) {
        return switch (key) {
            case "ip" -> "192.168.1." + (2 + r.nextInt(250));
            case "ms" -> String.valueOf(1 + r.nextInt(400));
            case "user" -> USERS[r.nextInt(USERS.length)];
            case "path" -> PATHS[r.nextInt(PATHS.length)];
            case "n" -> String.valueOf(r.nextInt(10_000));
            case "id" -> Integer.toHexString(0x10000 + r.nextInt(0xfffff));
            default -> null;
        };
    }
}
