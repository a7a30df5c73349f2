package org.ralf.jobs.remediation;

import java.io.Serializable;
import javax.annotation.Nullable;
import org.ralf.pipelines.remediation.RemediationGraphSettings;
import org.ralf.pipelines.remediation.decide.RemediationSettings;
import org.ralf.schemas.config.ConfigException;
import org.ralf.schemas.config.RalfConfig;
import org.ralf.sinks.git.GitAuditSettings;
import org.ralf.sinks.memory.JdbcSettings;

/**
 * Everything the remediation job needs, read from {@code ralf.yaml} by {@link #fromConfig}.
 *
 * @param bootstrapServers Kafka
 * @param topics topic names
 * @param groupId consumer group
 * @param transactionalIdPrefix prefix of the exactly-once sinks' transactional ids
 * @param checkpointIntervalMs checkpoint interval
 * @param params graph parameters
 * @param database PostgreSQL
 * @param efSearch HNSW candidates per lookup
 * @param sinkBatch PostgreSQL/git sink batch size
 * @param audit git audit repository, or null when disabled
 */
public record RemediationJobSettings(
        String bootstrapServers,
        RemediationTopics topics,
        String groupId,
        String transactionalIdPrefix,
        long checkpointIntervalMs,
        RemediationGraphSettings params,
        JdbcSettings database,
        int efSearch,
        int sinkBatch,
        @Nullable GitAuditSettings audit)
        implements Serializable {

    /**
     * Reads the settings.
     *
     * @throws ConfigException if a value is invalid or the signing secret is missing
     */
    public static RemediationJobSettings fromConfig(RalfConfig c) {
        String secret = c.get(RemediationOptions.SIGNING_SECRET);
        if (secret.isBlank()) {
            throw new ConfigException(
                    RemediationOptions.SIGNING_SECRET.key()
                            + " (or "
                            + RemediationOptions.SIGNING_SECRET.environmentVariable()
                            + ") must be set: commands are HMAC-signed");
        }
        if (c.get(RemediationOptions.RECONSIDER_INTERVAL).isZero()) {
            throw new ConfigException(
                    RemediationOptions.RECONSIDER_INTERVAL.key() + " must be greater than 0s");
        }
        int threads = c.get(RemediationOptions.LOOKUP_THREADS);
        RemediationGraphSettings params =
                new RemediationGraphSettings(
                        c.get(RemediationOptions.QUIET_PERIOD).toMillis(),
                        c.get(RemediationOptions.LOOKUP_TIMEOUT).toMillis(),
                        c.get(RemediationOptions.LOOKUP_CAPACITY),
                        threads,
                        c.get(RemediationOptions.SIMILAR_K),
                        c.get(RemediationOptions.TOPOLOGY_HOLD).toMillis(),
                        new RemediationSettings(
                                c.get(RemediationOptions.MAX_ACTIONS_PER_HOUR),
                                c.get(RemediationOptions.SIGNING_KEY_ID),
                                secret,
                                c.get(RemediationOptions.RETENTION).toMillis(),
                                c.get(RemediationOptions.RESULT_GRACE).toMillis(),
                                c.get(RemediationOptions.RECONSIDER_INTERVAL).toMillis(),
                                c.get(RemediationOptions.INVENTORY_WAIT).toMillis()));
        String remote = c.get(RemediationOptions.AUDIT_REMOTE);
        String user = c.get(RemediationOptions.AUDIT_USER);
        String password = c.get(RemediationOptions.AUDIT_PASSWORD);
        GitAuditSettings audit =
                c.get(RemediationOptions.AUDIT_ENABLED)
                        ? new GitAuditSettings(
                                c.get(RemediationOptions.AUDIT_DIRECTORY),
                                c.get(RemediationOptions.AUDIT_BRANCH),
                                remote.isBlank() ? null : remote,
                                user.isBlank() ? null : user,
                                password.isBlank() ? null : password,
                                "RALF remediation",
                                "ralf@localhost")
                        : null;
        return new RemediationJobSettings(
                c.get(RemediationOptions.BOOTSTRAP),
                RemediationTopics.defaults(),
                c.get(RemediationOptions.GROUP_ID),
                c.get(RemediationOptions.TRANSACTIONAL_ID_PREFIX),
                c.get(RemediationOptions.CHECKPOINT_INTERVAL).toMillis(),
                params,
                new JdbcSettings(
                        c.get(RemediationOptions.JDBC_URL),
                        c.get(RemediationOptions.JDBC_USER),
                        c.get(RemediationOptions.JDBC_PASSWORD),
                        threads + 1,
                        Math.min(2_000, c.get(RemediationOptions.LOOKUP_TIMEOUT).toMillis())),
                c.get(RemediationOptions.EF_SEARCH),
                c.get(RemediationOptions.SINK_BATCH),
                audit);
    }
}
