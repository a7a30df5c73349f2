package org.ralf.executor.runner.proxmox;

import javax.annotation.Nullable;

/**
 * Status of a Proxmox task ({@code GET /nodes/{node}/tasks/{upid}/status}).
 *
 * @param upid the task id
 * @param running whether {@code status} is {@code running}
 * @param exitStatus {@code OK} or the error message once stopped, null while running
 */
public record TaskStatus(String upid, boolean running, @Nullable String exitStatus) {

    /** Whether the task stopped with exit status OK. */
    public boolean succeeded() {
        return !running && "OK".equals(exitStatus);
    }

    /** The node a UPID ({@code UPID:node:pid:pstart:starttime:type:id:user:}) belongs to. */
    public static String nodeOf(String upid) {
        String[] parts = upid.split(":");
        if (parts.length < 8 || !"UPID".equals(parts[0])) {
            throw new IllegalArgumentException("not a UPID: " + upid);
        }
        return parts[1];
    }
}
