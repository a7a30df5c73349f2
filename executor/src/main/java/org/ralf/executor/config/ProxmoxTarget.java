package org.ralf.executor.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Proxmox guest as a command target: {@code node/qemu/vmid} or {@code node/lxc/vmid}.
 *
 * @param node cluster node the guest currently runs on
 * @param type {@code qemu} or {@code lxc}
 * @param vmid guest id
 */
public record ProxmoxTarget(String node, String type, int vmid) {

    private static final Pattern FORM =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9.-]{0,62})/(qemu|lxc)/([1-9][0-9]{2,8})");

    /** Node names as Proxmox allows them (used for migration targets too). */
    public static final Pattern NODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,62}");

    /** Parses a target, empty when it is not of the form {@code node/qemu|lxc/vmid}. */
    public static Optional<ProxmoxTarget> parse(String target) {
        Matcher m = FORM.matcher(target);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new ProxmoxTarget(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
    }

    @Override
    public String toString() {
        return node + "/" + type + "/" + vmid;
    }
}
