package org.ralf.sinks.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits audit entries into a git repository, one commit per entry with the entry's message, and
 * pushes once per batch when a remote is configured. Idempotent: an entry whose file already holds
 * the same content is skipped, so a replay after a job restore adds no commits. Not thread-safe.
 */
public final class GitAuditWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitAuditWriter.class);

    private final GitAuditSettings settings;
    private final Git git;

    /**
     * Opens the repository, creating it if needed.
     *
     * @throws AuditException if it cannot be opened or created
     */
    public GitAuditWriter(GitAuditSettings settings) throws AuditException {
        this.settings = settings;
        File dir = new File(settings.directory());
        try {
            if (new File(dir, ".git").isDirectory()) {
                git = Git.open(dir);
            } else {
                Files.createDirectories(dir.toPath());
                git = Git.init().setDirectory(dir).setInitialBranch(settings.branch()).call();
            }
        } catch (IOException | GitAPIException e) {
            throw new AuditException(
                    "cannot open audit repository " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Commits the entries (one commit each) and pushes if configured.
     *
     * @return the number of commits made
     * @throws AuditException if writing, committing or pushing fails
     */
    public int write(List<AuditEntry> entries) throws AuditException {
        int commits = 0;
        Path root = git.getRepository().getWorkTree().toPath();
        try {
            for (AuditEntry e : entries) {
                Path file = root.resolve(e.path()).normalize();
                if (!file.startsWith(root)) {
                    throw new IOException("audit path escapes the repository: " + e.path());
                }
                if (Files.exists(file)
                        && Files.readString(file, StandardCharsets.UTF_8).equals(e.content())) {
                    continue; // already committed (a replay)
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, e.content(), StandardCharsets.UTF_8);
                git.add().addFilepattern(e.path()).call();
                PersonIdent who = new PersonIdent(settings.authorName(), settings.authorEmail());
                git.commit()
                        .setMessage(e.message())
                        .setAuthor(who)
                        .setCommitter(who)
                        .setSign(false)
                        .call();
                commits++;
            }
            if (commits > 0 && settings.remoteUrl() != null) {
                var push =
                        git.push()
                                .setRemote(settings.remoteUrl())
                                .setRefSpecs(
                                        new RefSpec(
                                                "refs/heads/"
                                                        + settings.branch()
                                                        + ":refs/heads/"
                                                        + settings.branch()));
                if (settings.username() != null) {
                    push.setCredentialsProvider(
                            new UsernamePasswordCredentialsProvider(
                                    settings.username(),
                                    settings.password() == null ? "" : settings.password()));
                }
                push.call();
            }
        } catch (IOException | GitAPIException ex) {
            throw new AuditException("audit commit failed: " + ex.getMessage(), ex);
        }
        LOG.debug("{} audit commits", commits);
        return commits;
    }

    @Override
    public void close() {
        git.close();
    }
}
