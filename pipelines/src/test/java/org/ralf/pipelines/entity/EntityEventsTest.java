package org.ralf.pipelines.entity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;
import org.ralf.schemas.log.LogRecord;
import org.ralf.schemas.log.Severity;

class EntityEventsTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldNameTheEntityOfAMetricByHostInstanceOrNodeAndService() {
        assertThat(EntityEvents.entityOf("x", Map.of("instance", "web01:9100"))).isEqualTo("web01");
        assertThat(EntityEvents.entityOf("x", Map.of("host", "web01", "service", "nginx")))
                .isEqualTo("web01/nginx");
        assertThat(EntityEvents.entityOf("x", Map.of("node", "pve1"))).isEqualTo("pve1");
        assertThat(EntityEvents.entityOf("x", Map.of("host", "media", "service", "media/jellyfin")))
                .isEqualTo("media/jellyfin");
        assertThat(EntityEvents.entityOf("x", Map.of("instance", "[::1]"))).isEqualTo("[::1]");
        assertThat(EntityEvents.entityOf("series", Map.of())).isEqualTo("series");
    }

    @Test
    void shouldTurnOnlyErrorLogsIntoErrorEventsOfTheirService() {
        LogRecord error = log(Severity.ERROR);
        LogRecord info = log(Severity.INFO);

        assertThat(EntityEvents.fromLog(error))
                .satisfies(
                        e -> {
                            assertThat(e.kind).isEqualTo(EntityKind.ERROR_LOG);
                            assertThat(e.entity).isEqualTo("web01/nginx");
                            assertThat(e.detail).isEqualTo("boom");
                        });
        assertThat(EntityEvents.fromLog(info)).isNull();
    }

    @Test
    void shouldTurnSystemdUnitExitsAndRestartsIntoDownAndUpOfTheService() {
        LogRecord exited =
                systemd("jellyfin.service: Main process exited, code=exited, status=1/FAILURE");
        LogRecord restart =
                systemd(
                        "systemd[1]: jellyfin.service: Scheduled restart job, restart counter is"
                                + " at 3.");
        LogRecord other = systemd("Started Session 4 of User root.");

        EntityEvent down = EntityEvents.unitState(exited);
        EntityEvent up = EntityEvents.unitState(restart);

        assertThat(down).isNotNull();
        assertThat(down.kind).isEqualTo(EntityKind.DOWN);
        assertThat(down.entity).isEqualTo("media/jellyfin");
        assertThat(up).isNotNull();
        assertThat(up.kind).isEqualTo(EntityKind.UP);
        assertThat(up.entity).isEqualTo("media/jellyfin");
        assertThat(EntityEvents.unitState(other)).isNull();
        assertThat(EntityEvents.unitState(log(Severity.ERROR))).isNull();
    }

    private static LogRecord systemd(String message) {
        return new LogRecord(
                LogRecord.SCHEMA_VERSION,
                T,
                "media",
                "systemd",
                Severity.NOTICE,
                "daemon",
                message,
                Map.of(),
                "syslog",
                null);
    }

    @Test
    void shouldTurnADeploymentChangeIntoAnEventOfItsService() {
        Map<String, Object> row = new HashMap<>();
        row.put("deployment_id", "d1");
        row.put("service_id", "web01/nginx");
        row.put("version", "1.2.3");
        row.put("state", "failed");
        CdcEnvelope c =
                new CdcEnvelope(
                        CdcEnvelope.SCHEMA_VERSION,
                        CdcOp.UPDATE,
                        null,
                        row,
                        new CdcSource(
                                "postgresql",
                                "ralf",
                                "ralf",
                                "ralf",
                                "deployments",
                                T.toEpochMilli(),
                                null,
                                null,
                                null),
                        T.toEpochMilli());

        assertThat(EntityEvents.fromCdc(c))
                .singleElement()
                .satisfies(
                        e -> {
                            assertThat(e.kind).isEqualTo(EntityKind.DEPLOYMENT);
                            assertThat(e.entity).isEqualTo("web01/nginx");
                            assertThat(e.detail).isEqualTo("failed");
                            assertThat(e.ref).isEqualTo("1.2.3");
                        });
    }

    @Test
    void shouldThinActivityToOnePerHeartbeat() {
        ActivityThinner thinner = new ActivityThinner(30_000);

        assertThat(thinner.admit("web01", 0)).isTrue();
        assertThat(thinner.admit("web01", 10_000)).isFalse();
        assertThat(thinner.admit("web02", 10_000)).isTrue();
        assertThat(thinner.admit("web01", 30_000)).isTrue();
    }

    private static LogRecord log(Severity severity) {
        return new LogRecord(
                LogRecord.SCHEMA_VERSION,
                T,
                "web01",
                "nginx",
                severity,
                null,
                "boom",
                Map.of(),
                "syslog",
                null);
    }
}
