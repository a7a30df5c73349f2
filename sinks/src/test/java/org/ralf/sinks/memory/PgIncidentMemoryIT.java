package org.ralf.sinks.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.ralf.models.incident.ActionOutcome;
import org.ralf.models.incident.Experience;
import org.ralf.models.incident.IncidentFingerprint;
import org.ralf.models.incident.SimilarIncident;
import org.ralf.testing.postgres.PostgresExtension;
import org.ralf.testing.postgres.TestDatabase;

@ExtendWith(PostgresExtension.class)
class PgIncidentMemoryIT {

    private static JdbcSettings settings(TestDatabase db) {
        return new JdbcSettings(db.jdbcUrl(), db.user(), db.password(), 2, 2_000);
    }

    @Test
    void shouldReturnStoredExperiencesMostSimilarFirstWithTheirOutcomes(TestDatabase db)
            throws Exception {
        // Arrange
        IncidentFingerprint crash =
                new IncidentFingerprint(
                        "guest", List.of("PATTERN"), List.of("crash-loop"), List.of(), List.of());
        IncidentFingerprint disk =
                new IncidentFingerprint(
                        "node",
                        List.of("FORECAST_THRESHOLD"),
                        List.of("disk-forecast"),
                        List.of("disk_free_bytes"),
                        List.of());
        Instant t = Instant.parse("2026-02-01T00:00:00Z");
        try (PgIncidentMemory memory = new PgIncidentMemory(settings(db), 100)) {
            memory.record(
                    new Experience(
                            "e1",
                            "i1",
                            null,
                            null,
                            "PROXMOX:reboot",
                            "pve1/qemu/101",
                            ActionOutcome.FAILURE,
                            null,
                            crash,
                            t));
            memory.record(
                    new Experience(
                            "e2",
                            "i2",
                            null,
                            null,
                            "ANSIBLE:disk-cleanup.yml",
                            "pve1",
                            ActionOutcome.SUCCESS,
                            42_000L,
                            disk,
                            t));
            memory.record(
                    new Experience(
                            "e2",
                            "i2",
                            null,
                            null,
                            "ANSIBLE:disk-cleanup.yml",
                            "pve1",
                            ActionOutcome.SUCCESS,
                            42_000L,
                            disk,
                            t)); // replay: an upsert

            // Act
            List<SimilarIncident> found = memory.similar(crash, 5);

            // Assert
            assertThat(found).hasSize(2);
            assertThat(found.get(0).incidentId()).isEqualTo("i1");
            assertThat(found.get(0).similarity()).isGreaterThan(0.999);
            assertThat(found.get(0).actionKey()).isEqualTo("PROXMOX:reboot");
            assertThat(found.get(0).outcome()).isEqualTo(ActionOutcome.FAILURE);
            assertThat(found.get(1).timeToRecoverMs()).isEqualTo(42_000L);
            assertThat(found.get(1).similarity()).isLessThan(0.5);
        }
    }

    @Test
    void shouldFailWithAMemoryExceptionWhenTheDatabaseIsUnreachable() {
        // Arrange: a port nothing listens on
        JdbcSettings nowhere =
                new JdbcSettings("jdbc:postgresql://127.0.0.1:1/none", "x", "y", 1, 500);
        IncidentFingerprint fp =
                new IncidentFingerprint(
                        "guest", List.of("PATTERN"), List.of(), List.of(), List.of());

        // Act + Assert
        try (PgIncidentMemory memory = new PgIncidentMemory(nowhere, 100)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> memory.similar(fp, 5))
                    .isInstanceOf(org.ralf.models.incident.MemoryException.class);
        }
    }

    @Test
    void shouldKeepEachIncidentsFingerprintAndEmbeddingWithItsExperienceAndNoFingerprintTable(
            TestDatabase db) throws Exception {
        // Arrange
        IncidentFingerprint crash =
                new IncidentFingerprint(
                        "guest", List.of("PATTERN"), List.of("crash-loop"), List.of(), List.of());
        Instant t = Instant.parse("2026-02-01T00:00:00Z");

        // Act
        try (PgIncidentMemory memory = new PgIncidentMemory(settings(db), 100)) {
            memory.record(
                    new Experience(
                            "e-fp",
                            "i-fp",
                            null,
                            null,
                            "PROXMOX:reboot",
                            "pve1/qemu/101",
                            ActionOutcome.SUCCESS,
                            1_000L,
                            crash,
                            t));
        }

        // Assert: the memory is ralf.experiences (V3 dropped the never-used fingerprint table)
        try (var c = db.connect();
                var st = c.createStatement();
                var rs =
                        st.executeQuery(
                                "SELECT features->>'entityRole', vector_dims(embedding),"
                                        + " to_regclass('ralf.incident_fingerprints') IS NULL"
                                        + " FROM ralf.experiences WHERE experience_id = 'e-fp'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("guest");
            assertThat(rs.getInt(2)).isEqualTo(256);
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }
}
