package org.ralf.schemas.command;

/** Backend that runs an {@link ActionCommand}. */
public enum ActionKind {
    /** {@code ansible-playbook} with a playbook from the allowlist. */
    ANSIBLE,
    /** {@code tofu plan/apply} in an allowlisted workspace. */
    OPENTOFU,
    /** A Proxmox VE API call (start, shutdown, stop, reboot, migrate, snapshot, backup). */
    PROXMOX,
    /** Nothing is executed; the command only notifies. */
    NOTIFY
}
