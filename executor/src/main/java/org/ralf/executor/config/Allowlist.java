package org.ralf.executor.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ralf.schemas.command.ActionCommand;

/**
 * Decides whether a (validly signed) command is allowed: Ansible playbooks by name, OpenTofu
 * workspaces by name, Proxmox actions by name, each with target globs, and the shape of the
 * parameters each backend accepts. Anything not explicitly allowed is rejected with a reason.
 */
public final class Allowlist {

    /**
     * Ansible extra-var names; {@code ansible_*} would let a command redirect connections or
     * become.
     */
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private static final Pattern SNAPNAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{1,39}");

    private static final Map<String, Set<String>> PROXMOX_PARAMS =
            Map.of(
                    "start", Set.of(),
                    "shutdown", Set.of("timeout"),
                    "stop", Set.of(),
                    "reboot", Set.of("timeout"),
                    "migrate", Set.of("targetNode"),
                    "snapshot", Set.of("snapname", "description"),
                    "backup", Set.of("storage", "mode"));

    private final ExecutorSettings config;

    /** Creates the allowlist of the given configuration. */
    public Allowlist(ExecutorSettings config) {
        this.config = config;
    }

    /** The reason the command is not allowed, or empty when it is. */
    public Optional<String> rejection(ActionCommand c) {
        if (!TargetPattern.SAFE_TARGET.matcher(c.target()).matches()) {
            return Optional.of("target contains characters that are not allowed");
        }
        return switch (c.kind()) {
            case ANSIBLE -> ansible(c);
            case OPENTOFU -> tofu(c);
            case PROXMOX -> proxmox(c);
            case NOTIFY ->
                    "notify".equals(c.action())
                            ? Optional.empty()
                            : Optional.of("NOTIFY commands must have action 'notify'");
        };
    }

    private Optional<String> ansible(ActionCommand c) {
        ExecutorSettings.Playbook p = config.ansible().playbooks().get(c.action());
        if (p == null) {
            return Optional.of("playbook '" + c.action() + "' is not allowlisted");
        }
        if (!matchesAny(p.targets(), c.target())) {
            return Optional.of(
                    "target '" + c.target() + "' is not allowed for playbook " + c.action());
        }
        for (String key : c.params().keySet()) {
            if (!VAR_NAME.matcher(key).matches() || key.startsWith("ansible_")) {
                return Optional.of("extra var name '" + key + "' is not allowed");
            }
        }
        return Optional.empty();
    }

    private Optional<String> tofu(ActionCommand c) {
        ExecutorSettings.Workspace w = config.tofu().workspaces().get(c.action());
        if (w == null) {
            return Optional.of("OpenTofu workspace '" + c.action() + "' is not allowlisted");
        }
        if (!matchesAny(w.targets(), c.target())) {
            return Optional.of(
                    "target '" + c.target() + "' is not allowed for workspace " + c.action());
        }
        for (String key : c.params().keySet()) {
            if (!VAR_NAME.matcher(key).matches()) {
                return Optional.of("variable name '" + key + "' is not allowed");
            }
        }
        return Optional.empty();
    }

    private Optional<String> proxmox(ActionCommand c) {
        ExecutorSettings.Proxmox px = config.proxmox();
        if (px.url() == null) {
            return Optional.of("Proxmox is not configured");
        }
        List<String> globs = px.actions().get(c.action());
        if (globs == null || !ProxmoxActions.ALL.contains(c.action())) {
            return Optional.of("Proxmox action '" + c.action() + "' is not allowlisted");
        }
        if (ProxmoxTarget.parse(c.target()).isEmpty()) {
            return Optional.of("Proxmox target must be node/qemu|lxc/vmid");
        }
        if (!matchesAny(globs, c.target())) {
            return Optional.of(
                    "target '" + c.target() + "' is not allowed for action " + c.action());
        }
        Set<String> allowedParams = PROXMOX_PARAMS.get(c.action());
        for (Map.Entry<String, Object> e : c.params().entrySet()) {
            if (!allowedParams.contains(e.getKey())) {
                return Optional.of(
                        "parameter '" + e.getKey() + "' is not allowed for " + c.action());
            }
            if (!(e.getValue() instanceof String || e.getValue() instanceof Number)) {
                return Optional.of("parameter '" + e.getKey() + "' must be a string or number");
            }
        }
        Map<String, Object> p = c.params();
        switch (c.action()) {
            case "migrate" -> {
                Object node = p.get("targetNode");
                if (!(node instanceof String s) || !ProxmoxTarget.NODE.matcher(s).matches()) {
                    return Optional.of("migrate needs a valid targetNode");
                }
            }
            case "snapshot" -> {
                Object name = p.get("snapname");
                if (name != null && !SNAPNAME.matcher(String.valueOf(name)).matches()) {
                    return Optional.of("snapname is not valid");
                }
                Object desc = p.get("description");
                if (desc != null && String.valueOf(desc).length() > 200) {
                    return Optional.of("description is too long");
                }
            }
            case "backup" -> {
                Object storage = p.get("storage");
                if (!(storage instanceof String s) || !px.backupStorages().contains(s)) {
                    return Optional.of("backup storage is missing or not allowlisted");
                }
                Object mode = p.getOrDefault("mode", "snapshot");
                if (!Set.of("snapshot", "suspend", "stop").contains(String.valueOf(mode))) {
                    return Optional.of("backup mode must be snapshot, suspend or stop");
                }
            }
            case "shutdown", "reboot" -> {
                Object t = p.get("timeout");
                if (t != null && !String.valueOf(t).matches("[0-9]{1,5}")) {
                    return Optional.of("timeout must be a number of seconds");
                }
            }
            default -> {
                // start and stop take no parameters
            }
        }
        return Optional.empty();
    }

    private static boolean matchesAny(List<String> globs, String target) {
        for (String g : globs) {
            if (TargetPattern.glob(g).matches(target)) {
                return true;
            }
        }
        return false;
    }
}
