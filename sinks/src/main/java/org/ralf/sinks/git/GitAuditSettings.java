package org.ralf.sinks.git;

import java.io.Serializable;
import javax.annotation.Nullable;

/**
 * Configuration of the audit repository.
 *
 * @param directory local repository (created if missing)
 * @param branch branch to commit to
 * @param remoteUrl remote to push to after each batch (for example a Gitea repository), or null
 * @param username user for the remote, or null
 * @param password password or token for the remote, or null
 * @param authorName commit author name
 * @param authorEmail commit author e-mail
 */
public record GitAuditSettings(
        String directory,
        String branch,
        @Nullable String remoteUrl,
        @Nullable String username,
        @Nullable String password,
        String authorName,
        String authorEmail)
        implements Serializable {

    /** Hides the password. */
    @Override
    public String toString() {
        return "GitAuditSettings["
                + directory
                + ", branch="
                + branch
                + ", remote="
                + remoteUrl
                + "]";
    }
}
