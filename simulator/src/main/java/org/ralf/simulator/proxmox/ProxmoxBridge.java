package org.ralf.simulator.proxmox;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ralf.simulator.engine.Engine;
import org.ralf.simulator.engine.EventSink;
import org.ralf.simulator.engine.ProxmoxAction;
import org.ralf.simulator.engine.SimEvent;

/**
 * Keeps a {@link FakeProxmox} in step with the simulation, both ways: inventory changes of the
 * model (nodes and guests appearing, nodes going offline, a backup storage appearing) are applied
 * to the fake, and every task the fake finishes (a restart, migration or snapshot that a client
 * such as the executor requested over the API) is submitted to the engine, which applies it at its
 * next tick.
 */
public final class ProxmoxBridge implements EventSink {
    private final FakeProxmox pve;
    private final Set<String> nodes = new HashSet<>();
    private final Set<Integer> guests = new HashSet<>();

    /**
     * Connects the fake to the engine.
     *
     * @param pve the fake (its nodes and guests are added as the model announces them)
     * @param engine the engine that receives finished tasks
     */
    public ProxmoxBridge(FakeProxmox pve, Engine engine) {
        this.pve = pve;
        pve.addTaskListener(
                (task, guest) -> {
                    if (guest == null || !task.id().matches("\\d+")) {
                        return;
                    }
                    engine.submit(
                            new ProxmoxAction(
                                    actionOf(task.type()),
                                    guest.vmid(),
                                    guest.node(),
                                    task.exitStatus() == null ? "unknown" : task.exitStatus()));
                });
    }

    /**
     * {@code qmreboot} → {@code reboot}, {@code vzmigrate} → {@code migrate}, {@code vzdump} stays.
     */
    static String actionOf(String taskType) {
        String t = taskType.toLowerCase(Locale.ROOT);
        if (t.equals("vzdump")) {
            return t;
        }
        if (t.startsWith("qm") || t.startsWith("vz")) {
            return t.substring(2);
        }
        return t;
    }

    @Override
    public void accept(SimEvent event) {
        if (!(event instanceof SimEvent.Inventory i)) {
            return;
        }
        Map<String, Object> row = i.row();
        switch (i.table()) {
            case "nodes" -> {
                String node = (String) row.get("node");
                if (nodes.add(node)) {
                    pve.addNode(node);
                }
                pve.setNodeOnline(node, "online".equals(row.get("status")));
            }
            case "guests" -> {
                int vmid = (Integer) row.get("vmid");
                // later rows of a guest echo what the fake already did (its tasks): add only once
                if (guests.add(vmid)) {
                    pve.addGuest(
                            (String) row.get("node"),
                            (String) row.get("type"),
                            vmid,
                            (String) row.get("name"),
                            "running".equals(row.get("status")));
                }
            }
            case "storages" ->
                    pve.addStorage(
                            (String) row.get("storage"),
                            (String) row.get("type"),
                            (String) row.get("content"));
            default -> {
                // services and deployments have no Proxmox counterpart
            }
        }
    }
}
