package org.ralf.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ralf policies load [DIR]}: puts the policy documents of a folder into {@code
 * ralf.policies}, where the remediation job receives them through CDC. The policy id is the file
 * name without {@code .yaml}; a changed document gets the next version, an unchanged one is left
 * alone (so loading twice changes nothing).
 */
@Command(
        mixinStandardHelpOptions = true,
        name = "policies",
        description = "Remediation policies (YAML) in the policies table.",
        subcommands = {PoliciesCommand.Load.class})
final class PoliciesCommand {

    /** Upserts every {@code *.yaml} of the folder; returns how many were inserted or changed. */
    static int load(Path dir, StackConnection c) throws IOException, SQLException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        int changed = 0;
        try (Connection db = DriverManager.getConnection(c.pgUrl(), c.pgUser(), c.pgPassword())) {
            for (Path f : files) {
                String id = f.getFileName().toString().replaceFirst("\\.yaml$", "");
                String doc = Files.readString(f, StandardCharsets.UTF_8);
                Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(doc);
                if (!(parsed instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(f + ": a policy must be a YAML mapping");
                }
                Object description = m.get("description");
                try (PreparedStatement current =
                        db.prepareStatement(
                                "SELECT version, document FROM ralf.policies WHERE policy_id = ?")) {
                    current.setString(1, id);
                    try (ResultSet rs = current.executeQuery()) {
                        if (rs.next() && rs.getString(2).equals(doc)) {
                            continue;
                        }
                    }
                }
                try (PreparedStatement upsert =
                        db.prepareStatement(
                                "INSERT INTO ralf.policies (policy_id, version, enabled,"
                                        + " description, document) VALUES (?, 1, true, ?, ?)"
                                        + " ON CONFLICT (policy_id) DO UPDATE SET version ="
                                        + " ralf.policies.version + 1, description ="
                                        + " EXCLUDED.description, document = EXCLUDED.document,"
                                        + " updated_at = now()")) {
                    upsert.setString(1, id);
                    upsert.setString(2, description == null ? null : description.toString());
                    upsert.setString(3, doc);
                    upsert.executeUpdate();
                    changed++;
                }
            }
        }
        return changed;
    }

    @Command(
            mixinStandardHelpOptions = true,
            name = "load",
            description =
                    "Load the *.yaml policies of a folder (default: policies/ of the checkout).")
    static final class Load implements Callable<Integer> {
        @Parameters(arity = "0..1", description = "folder with policy files")
        List<Path> dir = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Path folder = dir.isEmpty() ? RalfCli.root().resolve("policies") : dir.get(0);
            int n = load(folder, StackConnection.load());
            System.err.printf("ralf: policies: %d loaded or changed from %s%n", n, folder);
            return 0;
        }
    }
}
