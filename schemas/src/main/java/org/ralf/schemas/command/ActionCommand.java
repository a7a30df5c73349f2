package org.ralf.schemas.command;

import java.time.Instant;
import java.util.Map;
import javax.annotation.Nullable;
import org.ralf.schemas.Versioned;

/**
 * A command for the executor, value of topic {@code ralf.commands} (key: {@code target}).
 *
 * <p>The executor runs it at most once per {@link #idempotencyKey()}, only when {@link
 * #signature()} is a valid HMAC-SHA256 (see {@link CommandSigner}) by a known {@link #keyId()} and
 * only when the allowlist permits {@link #kind()} + {@link #action()} on {@link #target()}.
 *
 * @param schemaVersion version of this record's schema ({@link #SCHEMA_VERSION})
 * @param commandId unique id of this command instance
 * @param idempotencyKey deterministic key (incident, action, attempt): a redelivered or replayed
 *     command with the same key never runs twice
 * @param issuedAt when the command was issued
 * @param kind which backend runs it
 * @param action playbook name, OpenTofu workspace name or Proxmox action (start, shutdown, stop,
 *     reboot, migrate, snapshot, backup); {@code notify} for notify-only commands
 * @param target entity the command acts on (host, guest, service): Ansible {@code --limit}, Proxmox
 *     guest as {@code node/qemu|lxc/vmid}
 * @param params backend-specific parameters (Ansible extra vars, Proxmox target node/storage/...)
 * @param dryRun run in check/plan mode only
 * @param requiresApproval wait for an {@link Approval} before running
 * @param idempotent whether the action may be re-run automatically after an executor crash
 * @param timeoutSeconds maximum run time; the process tree is killed afterwards
 * @param incidentId incident that led to this command, if any
 * @param decisionId decision record that explains this command, if any
 * @param reason one-line human-readable reason
 * @param keyId id of the signing key
 * @param signature lowercase hex HMAC-SHA256 over {@link CommandSigner#canonicalBytes}
 */
public record ActionCommand(
        int schemaVersion,
        String commandId,
        String idempotencyKey,
        Instant issuedAt,
        ActionKind kind,
        String action,
        String target,
        Map<String, Object> params,
        boolean dryRun,
        boolean requiresApproval,
        boolean idempotent,
        int timeoutSeconds,
        @Nullable String incidentId,
        @Nullable String decisionId,
        String reason,
        String keyId,
        @Nullable String signature)
        implements Versioned {

    /** Current schema version of this record. */
    public static final int SCHEMA_VERSION = 1;

    /** Returns a copy carrying the given signature. */
    public ActionCommand withSignature(String keyId, String signature) {
        return new ActionCommand(
                schemaVersion,
                commandId,
                idempotencyKey,
                issuedAt,
                kind,
                action,
                target,
                params,
                dryRun,
                requiresApproval,
                idempotent,
                timeoutSeconds,
                incidentId,
                decisionId,
                reason,
                keyId,
                signature);
    }
}
