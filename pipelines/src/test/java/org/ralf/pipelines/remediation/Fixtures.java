package org.ralf.pipelines.remediation;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ralf.schemas.Ids;
import org.ralf.schemas.anomaly.Anomaly;
import org.ralf.schemas.anomaly.AnomalyKind;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;
import org.ralf.schemas.cdc.CdcSource;

/** Builders shared by the remediation tests: anomalies, CDC rows, policy documents. */
public final class Fixtures {

    /** A named instant all tests start from. */
    public static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private Fixtures() {}

    /** An anomaly on an entity. */
    public static Anomaly anomaly(String entity, AnomalyKind kind, String detector, int n) {
        return new Anomaly(
                Anomaly.SCHEMA_VERSION,
                Ids.nameBased("test-anomaly", entity, detector, String.valueOf(n)),
                entity,
                kind == AnomalyKind.NEW_TEMPLATE || kind == AnomalyKind.LOG_RATE
                        ? null
                        : "mem_used_bytes{entity=" + entity + "}",
                null,
                kind,
                detector,
                0.9,
                null,
                null,
                null,
                Map.of(),
                T0,
                T0,
                T0,
                detector + " fired on " + entity,
                Map.of());
    }

    /** A CDC create/update event of a row. */
    public static CdcEnvelope row(String table, CdcOp op, Map<String, Object> after) {
        return new CdcEnvelope(
                CdcEnvelope.SCHEMA_VERSION,
                op,
                op == CdcOp.DELETE ? after : null,
                op == CdcOp.DELETE ? null : after,
                new CdcSource("postgresql", "ralf", "ralf", "ralf", table, 0, null, null, null),
                0);
    }

    /** A node row. */
    public static CdcEnvelope node(String node) {
        return row("nodes", CdcOp.CREATE, Map.of("node", node, "status", "online"));
    }

    /** A guest row. */
    public static CdcEnvelope guest(int vmid, String name, String node) {
        return row(
                "guests",
                CdcOp.CREATE,
                Map.of("vmid", vmid, "name", name, "node", node, "type", "qemu"));
    }

    /** A service row in a guest. */
    public static CdcEnvelope service(String serviceId, int vmid) {
        return row(
                "services",
                CdcOp.CREATE,
                Map.of(
                        "service_id",
                        serviceId,
                        "vmid",
                        vmid,
                        "name",
                        serviceId,
                        "kind",
                        "systemd"));
    }

    /** A policy row. */
    public static CdcEnvelope policy(String id, int version, String yaml) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("policy_id", id);
        row.put("version", version);
        row.put("enabled", true);
        row.put("document", yaml);
        return row("policies", version == 1 ? CdcOp.CREATE : CdcOp.UPDATE, row);
    }

    /** A maintenance window row. */
    public static CdcEnvelope window(String id, String selector, Instant from, Instant to) {
        return row(
                "maintenance_windows",
                CdcOp.CREATE,
                Map.of(
                        "window_id",
                        id,
                        "entity_selector",
                        selector,
                        "starts_at",
                        from.toString(),
                        "ends_at",
                        to.toString(),
                        "reason",
                        "planned upgrade"));
    }

    /** A policy for crash loops with two Proxmox candidates, reboot first. */
    public static String crashLoopPolicy(String guards) {
        return """
                description: test crash loop
                match:
                  anomalyKinds: [PATTERN]
                  detectors: ["crash-loop"]
                verifyWithin: 5m
                guards:
                %s
                actions:
                  - id: reboot
                    kind: PROXMOX
                    action: reboot
                    idempotent: true
                    timeout: 1m
                  - id: restart-service
                    kind: ANSIBLE
                    action: restart-service.yml
                    timeout: 1m
                """
                .formatted(guards.indent(2).stripTrailing());
    }
}
