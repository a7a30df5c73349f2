package org.ralf.simulator.proxmox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.annotation.Nullable;
import org.ralf.simulator.proxmox.FakeProxmox.GuestView;
import org.ralf.simulator.proxmox.FakeProxmox.NodeView;
import org.ralf.simulator.proxmox.FakeProxmox.TaskListener;
import org.ralf.simulator.proxmox.FakeProxmox.TaskView;

/**
 * The cluster model behind {@link FakeProxmox}: nodes, guests, storages, API tokens and tasks. Not
 * thread-safe on its own: every access happens under the FakeProxmox's lock, so that a request sees
 * one consistent model.
 */
final class ProxmoxState {

    final Map<String, NodeView> nodes = new LinkedHashMap<>();
    final Map<Integer, Guest> guests = new LinkedHashMap<>();
    final Map<String, Storage> storages = new LinkedHashMap<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final Map<String, String> tokens = new LinkedHashMap<>();
    // copy-on-write: listeners may be added without the lock while tasks finish under it
    final List<TaskListener> listeners = new CopyOnWriteArrayList<>();
    final Clock clock;
    private final Duration taskDuration;
    @Nullable String failNextTask;
    private int pidCounter = 0x1000;

    ProxmoxState(Duration taskDuration, Clock clock) {
        this.taskDuration = taskDuration;
        this.clock = clock;
    }

    /** A guest with its mutable run state. */
    static final class Guest {
        final int vmid;
        final String type;
        String node;
        final String name;
        String status;
        final List<String> snapshots = new ArrayList<>();
        final int cpus;
        final long maxmem;
        final long maxdisk;
        Instant startedAt;

        Guest(int vmid, String type, String node, String name, boolean running, Instant now) {
            this.vmid = vmid;
            this.type = type;
            this.node = node;
            this.name = name;
            this.status = running ? "running" : "stopped";
            this.cpus = 2;
            this.maxmem = 2L << 30;
            this.maxdisk = 32L << 30;
            this.startedAt = now;
        }

        GuestView view() {
            return new GuestView(vmid, type, node, name, status, List.copyOf(snapshots));
        }
    }

    /** A storage definition; {@code volumes} grows as backups are written. */
    record Storage(
            String id,
            String type,
            String content,
            List<String> volumes,
            Map<String, String> extra) {}

    /** A task: running until {@code end}, then its precondition decides OK (effect) or error. */
    static final class Task {
        final String upid;
        final String node;
        final String type;
        final String id;
        final String user;
        final Instant start;
        final Instant end;
        @Nullable final String forcedError;
        final Runnable effect;
        final Supplier<String> precondition;
        String status = "running";
        @Nullable String exitStatus;

        Task(
                String upid,
                String node,
                String type,
                String id,
                String user,
                Instant start,
                Instant end,
                @Nullable String forcedError,
                Supplier<String> precondition,
                Runnable effect) {
            this.upid = upid;
            this.node = node;
            this.type = type;
            this.id = id;
            this.user = user;
            this.start = start;
            this.end = end;
            this.forcedError = forcedError;
            this.precondition = precondition;
            this.effect = effect;
        }

        TaskView view() {
            return new TaskView(upid, node, type, id, status, exitStatus);
        }
    }

    /** Creates a running task and returns its UPID. */
    String task(
            String node,
            String type,
            int vmid,
            String user,
            Supplier<String> precondition,
            Runnable effect) {
        Instant now = clock.instant();
        int pid = ++pidCounter;
        String upid =
                String.format(
                        Locale.ROOT,
                        "UPID:%s:%08X:%08X:%08X:%s:%d:%s:",
                        node,
                        pid,
                        pid * 7,
                        now.getEpochSecond(),
                        type,
                        vmid,
                        user);
        Task t =
                new Task(
                        upid,
                        node,
                        type,
                        String.valueOf(vmid),
                        user,
                        now,
                        now.plus(taskDuration),
                        failNextTask,
                        precondition,
                        effect);
        failNextTask = null;
        tasks.put(upid, t);
        return upid;
    }

    /** Completes every task whose time has come, applying its effect. */
    void advance() {
        Instant now = clock.instant();
        for (Task t : tasks.values()) {
            if ("running".equals(t.status) && !t.end.isAfter(now)) {
                t.status = "stopped";
                if (t.forcedError != null) {
                    t.exitStatus = t.forcedError;
                    notifyFinished(t);
                    continue;
                }
                String problem = t.precondition.get();
                if (problem != null) {
                    t.exitStatus = problem;
                } else {
                    t.effect.run();
                    t.exitStatus = "OK";
                }
                notifyFinished(t);
            }
        }
    }

    private void notifyFinished(Task t) {
        if (listeners.isEmpty()) {
            return;
        }
        TaskView view = t.view();
        Guest g = t.id.matches("\\d+") ? guests.get(Integer.parseInt(t.id)) : null;
        GuestView guest = g == null ? null : g.view();
        listeners.forEach(l -> l.taskFinished(view, guest));
    }
}
