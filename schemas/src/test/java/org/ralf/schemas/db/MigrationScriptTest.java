package org.ralf.schemas.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.topic.Topics;

/**
 * Static checks of the migration script that need no database: the tables other modules code
 * against (tables.md) have exactly the agreed columns, the CDC publication matches the CDC topics,
 * and every vector column has the agreed dimension and an HNSW cosine index. Applying the script to
 * a real PostgreSQL is an integration test in the testing module.
 */
class MigrationScriptTest {

    private static final Pattern TABLE =
            Pattern.compile("CREATE TABLE ralf\\.(\\w+) \\((.*?)\\n\\);", Pattern.DOTALL);

    private static String sql;
    private static Map<String, List<String>> columns;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in =
                MigrationScriptTest.class
                        .getClassLoader()
                        .getResourceAsStream("db/migration/V1__core.sql")) {
            sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        columns = new LinkedHashMap<>();
        Matcher m = TABLE.matcher(sql);
        while (m.find()) {
            List<String> names = new ArrayList<>();
            for (String line : m.group(2).split("\\n")) {
                String trimmed = line.trim();
                if (trimmed.matches("[a-z_]+\\s+.*")
                        && !trimmed.startsWith("CHECK")
                        && !trimmed.startsWith("PRIMARY")) {
                    names.add(trimmed.split("\\s+")[0]);
                }
            }
            columns.put(m.group(1), names);
        }
    }

    @Test
    void shouldCreateTheAgreedTablesWithExactlyTheAgreedColumns() {
        assertThat(columns.get("log_templates"))
                .containsExactly(
                        "template_id",
                        "source",
                        "template",
                        "token_count",
                        "count",
                        "first_seen",
                        "last_seen",
                        "example",
                        "severity",
                        "embedding");
        assertThat(columns.get("command_ledger"))
                .containsExactly(
                        "idempotency_key",
                        "command_id",
                        "kind",
                        "action",
                        "target",
                        "state",
                        "reason",
                        "dry_run",
                        "requires_approval",
                        "idempotent",
                        "command",
                        "received_at",
                        "started_at",
                        "finished_at",
                        "updated_at",
                        "executor_id",
                        "external_ref",
                        "result");
        assertThat(columns.get("command_approvals"))
                .containsExactly(
                        "idempotency_key",
                        "approver",
                        "approved",
                        "decided_at",
                        "comment",
                        "received_at");
    }

    @Test
    void shouldCreateEveryTableOfTheDesign() {
        assertThat(columns.keySet())
                .contains(
                        "nodes",
                        "guests",
                        "services",
                        "deployments",
                        "policies",
                        "maintenance_windows",
                        "live_status",
                        "anomalies",
                        "incidents",
                        "decisions",
                        "command_ledger",
                        "command_approvals",
                        "command_results",
                        "log_templates",
                        "incident_fingerprints",
                        "experiences",
                        "ground_truth_faults");
    }

    @Test
    void shouldPublishExactlyTheCdcTablesWithFullReplicaIdentity() {
        Matcher publication =
                Pattern.compile("CREATE PUBLICATION ralf_cdc FOR TABLE(.*?);", Pattern.DOTALL)
                        .matcher(sql);
        assertThat(publication.find()).isTrue();
        List<String> published = new ArrayList<>();
        for (String t : publication.group(1).split(",")) {
            published.add(t.trim().replace("ralf.", ""));
        }

        assertThat(published).containsExactlyInAnyOrderElementsOf(Topics.CDC_TABLES);
        for (String table : Topics.CDC_TABLES) {
            assertThat(sql).contains("ALTER TABLE ralf." + table + " REPLICA IDENTITY FULL;");
            assertThat(columns).containsKey(table);
        }
    }

    @Test
    void shouldGiveEveryVectorColumnDimension256AndHnswCosineIndex() {
        Matcher vectors =
                Pattern.compile("CREATE TABLE ralf\\.(\\w+) \\((.*?)\\n\\);", Pattern.DOTALL)
                        .matcher(sql);
        int count = 0;
        while (vectors.find()) {
            Matcher column =
                    Pattern.compile("\\n\\s+(\\w+)\\s+vector\\((\\d+)\\)")
                            .matcher(vectors.group(2));
            while (column.find()) {
                count++;
                assertThat(column.group(2)).as(vectors.group(1)).isEqualTo("256");
                assertThat(sql)
                        .containsPattern(
                                "ON ralf\\."
                                        + vectors.group(1)
                                        + "\\s+USING hnsw \\("
                                        + column.group(1)
                                        + " vector_cosine_ops\\)");
            }
        }
        assertThat(count).isEqualTo(3);
    }
}
