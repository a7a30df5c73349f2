package org.ralf.pipelines.remediation.topology;

import java.util.Map;
import java.util.function.Function;
import javax.annotation.Nullable;
import org.ralf.schemas.cdc.CdcEnvelope;
import org.ralf.schemas.cdc.CdcOp;

/**
 * The inventory topology as a flat map (broadcast state) with keys {@code node/<name>}, {@code
 * guest/<vmid>}, {@code guestname/<name>} and {@code service/<id>}, kept up to date from the CDC
 * streams of {@code ralf.nodes}, {@code ralf.guests} and {@code ralf.services}.
 */
public final class Topology {

    /** Tables whose changes the topology consumes. */
    public static final java.util.Set<String> TABLES =
            java.util.Set.of("nodes", "guests", "services");

    private Topology() {}

    /** Mutations of the backing map. */
    public interface Store {
        /** Puts an entry. */
        void put(String key, TopoEntry entry) throws Exception;

        /** Removes an entry. */
        void remove(String key) throws Exception;
    }

    /** Applies one change of an inventory table to the store; other tables are ignored. */
    public static void apply(CdcEnvelope change, Store store) throws Exception {
        Map<String, Object> row = change.row();
        if (row == null || !TABLES.contains(change.table())) {
            return;
        }
        boolean delete = change.op() == CdcOp.DELETE;
        if (change.op() == CdcOp.UPDATE && change.before() != null) {
            // keys may change (a renamed guest): drop the old image's keys first
            for (String key : keys(change.table(), change.before())) {
                store.remove(key);
            }
        }
        TopoEntry entry = entry(change.table(), row);
        if (entry == null) {
            return;
        }
        for (String key : keys(change.table(), row)) {
            if (delete) {
                store.remove(key);
            } else {
                store.put(key, entry);
            }
        }
    }

    private static java.util.List<String> keys(String table, Map<String, Object> row) {
        return switch (table) {
            case "nodes" -> java.util.List.of("node/" + row.get("node"));
            case "guests" ->
                    java.util.List.of("guest/" + row.get("vmid"), "guestname/" + row.get("name"));
            case "services" -> java.util.List.of("service/" + row.get("service_id"));
            default -> java.util.List.of();
        };
    }

    private static @Nullable TopoEntry entry(String table, Map<String, Object> row) {
        return switch (table) {
            case "nodes" ->
                    new TopoEntry(
                            "node",
                            str(row, "node"),
                            str(row, "node"),
                            str(row, "node"),
                            null,
                            null);
            case "guests" ->
                    new TopoEntry(
                            "guest",
                            str(row, "vmid"),
                            str(row, "name"),
                            str(row, "node"),
                            str(row, "type"),
                            integer(row.get("vmid")));
            case "services" ->
                    new TopoEntry(
                            "service",
                            str(row, "service_id"),
                            str(row, "service_id"),
                            row.get("node") == null ? null : str(row, "node"),
                            null,
                            integer(row.get("vmid")));
            default -> null;
        };
    }

    /** Where the entity sits, given a lookup into the store (null for absent keys). */
    public static EntityLocation locate(String entity, Function<String, TopoEntry> lookup) {
        TopoEntry node = lookup.apply("node/" + entity);
        if (node != null) {
            return new EntityLocation(entity, "node", 0, entity, entity, null);
        }
        TopoEntry guest = lookup.apply("guestname/" + entity);
        if (guest != null) {
            String key = guest.node() != null ? guest.node() : entity;
            return new EntityLocation(entity, "guest", 1, key, guest.name(), proxmoxRef(guest));
        }
        TopoEntry service = lookup.apply("service/" + entity);
        if (service != null) {
            TopoEntry host =
                    service.vmid() == null ? null : lookup.apply("guest/" + service.vmid());
            if (host != null) {
                String key = host.node() != null ? host.node() : host.name();
                return new EntityLocation(entity, "service", 2, key, host.name(), proxmoxRef(host));
            }
            String key = service.node() != null ? service.node() : entity;
            return new EntityLocation(entity, "service", 2, key, service.node(), null);
        }
        return new EntityLocation(entity, "unknown", 3, entity, null, null);
    }

    private static @Nullable String proxmoxRef(TopoEntry guest) {
        if (guest.node() == null || guest.guestType() == null || guest.vmid() == null) {
            return null;
        }
        return guest.node() + "/" + guest.guestType() + "/" + guest.vmid();
    }

    private static String str(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? "" : v.toString();
    }

    private static @Nullable Integer integer(@Nullable Object v) {
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && !s.isBlank()) {
            return Integer.valueOf(s);
        }
        return null;
    }
}
