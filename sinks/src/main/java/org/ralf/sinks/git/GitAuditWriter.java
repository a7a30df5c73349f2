package org.ralf.sinks.git;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.annotation.Nullable;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits audit entries into a git repository, one commit per entry with the entry's message, and
 * pushes once per batch when a remote is configured. Idempotent: an entry whose file is already
 * committed with the same content (compared with the file in {@code HEAD}, not the work tree, so a
 * file written just before a crash but never committed is committed on replay) is skipped, so a
 * replay after a job restore adds no commits. A failed push is retried with the next batch, even
 * when that batch adds no commits, and a newly opened writer pushes once at its first batch (a
 * previous writer may have committed and died before pushing). Lock files a killed writer left are
 * removed on open (the repository must have no other writer). Not thread-safe.
 */
public final class GitAuditWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GitAuditWriter.class);

    private final GitAuditSettings settings;
    private final Git git;
    private boolean pushPending;

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
        pushPending = settings.remoteUrl() != null;
        removeStaleLocks();
    }

    /**
     * Deletes lock files a killed writer left behind; JGit would otherwise refuse every commit and
     * the restored job would fail forever. Safe because the repository has exactly one writer (the
     * audit sink runs with parallelism 1, and a new writer only opens after the old task ended).
     */
    private void removeStaleLocks() throws AuditException {
        File gitDir = git.getRepository().getDirectory();
        List<File> locks =
                List.of(
                        new File(gitDir, "index.lock"),
                        new File(gitDir, "HEAD.lock"),
                        new File(gitDir, "refs/heads/" + settings.branch() + ".lock"));
        for (File lock : locks) {
            try {
                if (Files.deleteIfExists(lock.toPath())) {
                    LOG.warn("removed stale lock {} left by a previous audit writer", lock);
                }
            } catch (IOException e) {
                git.close();
                throw new AuditException("cannot remove stale lock " + lock + ": " + e, e);
            }
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
                if (e.content().equals(committedContent(e.path()))) {
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
            pushPending |= commits > 0 && settings.remoteUrl() != null;
            if (pushPending
                    && git.getRepository().resolve("refs/heads/" + settings.branch()) != null) {
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
                for (PushResult result : push.call()) {
                    for (RemoteRefUpdate update : result.getRemoteUpdates()) {
                        // a rejected update is reported, not thrown: treat it as a failed push
                        if (update.getStatus() != RemoteRefUpdate.Status.OK
                                && update.getStatus() != RemoteRefUpdate.Status.UP_TO_DATE) {
                            throw new AuditException(
                                    "audit push of "
                                            + update.getRemoteName()
                                            + " refused: "
                                            + update.getStatus()
                                            + (update.getMessage() == null
                                                    ? ""
                                                    : " (" + update.getMessage() + ")"));
                        }
                    }
                }
                pushPending = false;
            }
        } catch (IOException | GitAPIException ex) {
            throw new AuditException("audit commit failed: " + ex.getMessage(), ex);
        }
        LOG.debug("{} audit commits", commits);
        return commits;
    }

    /** The file's content in {@code HEAD}, or null if it is not committed (or there is no HEAD). */
    private @Nullable String committedContent(String path) throws IOException {
        Repository repo = git.getRepository();
        ObjectId head = repo.resolve("HEAD^{commit}");
        if (head == null) {
            return null;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit commit = walk.parseCommit(head);
            try (TreeWalk tree = TreeWalk.forPath(repo, path, commit.getTree())) {
                if (tree == null) {
                    return null;
                }
                return new String(
                        repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
