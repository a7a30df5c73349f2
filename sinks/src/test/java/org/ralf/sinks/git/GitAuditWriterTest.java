package org.ralf.sinks.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitAuditWriterTest {

    private static GitAuditSettings settings(Path dir, String remote) {
        return new GitAuditSettings(dir.toString(), "main", remote, null, null, "RALF", "r@x");
    }

    private static List<RevCommit> log(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return StreamSupport.stream(git.log().call().spliterator(), false).toList();
        }
    }

    @Test
    void shouldCommitEachEntrySeparatelyWithItsMessage(@TempDir Path dir) throws Exception {
        // Arrange
        List<AuditEntry> entries =
                List.of(
                        new AuditEntry("decisions/a.md", "# a\n", "reboot web1"),
                        new AuditEntry("decisions/b.md", "# b\n", "restart web2"));

        // Act
        int commits;
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            commits = w.write(entries);
        }

        // Assert
        assertThat(commits).isEqualTo(2);
        assertThat(log(dir))
                .extracting(RevCommit::getShortMessage)
                .containsExactly("restart web2", "reboot web1");
        assertThat(Files.readString(dir.resolve("decisions/b.md"))).isEqualTo("# b\n");
    }

    @Test
    void shouldNotCommitAReplayedEntryAgain(@TempDir Path dir) throws Exception {
        // Arrange
        AuditEntry e = new AuditEntry("decisions/a.md", "# a\n", "reboot web1");
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            w.write(List.of(e));
        }

        // Act: a new writer (a restored job) sees the same decision again
        int commits;
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            commits = w.write(List.of(e));
        }

        // Assert
        assertThat(commits).isZero();
        assertThat(log(dir)).hasSize(1);
    }

    @Test
    void shouldPushToTheConfiguredRemote(@TempDir Path dir, @TempDir Path remote) throws Exception {
        // Arrange
        Git.init()
                .setBare(true)
                .setDirectory(remote.toFile())
                .setInitialBranch("main")
                .call()
                .close();

        // Act
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, remote.toUri().toString()))) {
            w.write(List.of(new AuditEntry("decisions/a.md", "# a\n", "reboot web1")));
        }

        // Assert
        try (Git bare = Git.open(remote.toFile())) {
            assertThat(bare.getRepository().resolve("refs/heads/main")).isNotNull();
            assertThat(StreamSupport.stream(bare.log().call().spliterator(), false))
                    .extracting(RevCommit::getShortMessage)
                    .containsExactly("reboot web1");
        }
    }

    @Test
    void shouldCommitAReplayedEntryWhoseFileWasWrittenButNeverCommitted(@TempDir Path dir)
            throws Exception {
        // Arrange: a crash between writing the file and committing it
        AuditEntry first = new AuditEntry("decisions/a.md", "# a\n", "reboot web1");
        AuditEntry second = new AuditEntry("decisions/b.md", "# b\n", "restart web2");
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            w.write(List.of(first));
        }
        Files.createDirectories(dir.resolve("decisions"));
        Files.writeString(dir.resolve("decisions/b.md"), "# b\n");

        // Act: the restored job replays both entries
        int commits;
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            commits = w.write(List.of(first, second));
        }

        // Assert: the first is skipped, the second gets its commit
        assertThat(commits).isEqualTo(1);
        assertThat(log(dir))
                .extracting(RevCommit::getShortMessage)
                .containsExactly("restart web2", "reboot web1");
    }

    @Test
    void shouldRetryAFailedPushWithTheNextBatchEvenWithoutNewCommits(
            @TempDir Path dir, @TempDir Path parent) throws Exception {
        // Arrange: the remote does not exist yet, so the first push fails after the commit
        Path remote = parent.resolve("audit.git");
        AuditEntry e = new AuditEntry("decisions/a.md", "# a\n", "reboot web1");
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, remote.toUri().toString()))) {
            assertThatThrownBy(() -> w.write(List.of(e))).isInstanceOf(AuditException.class);
            Git.init()
                    .setBare(true)
                    .setDirectory(remote.toFile())
                    .setInitialBranch("main")
                    .call()
                    .close();

            // Act: the sink retries the same batch
            int commits = w.write(List.of(e));

            // Assert: no second commit, but the commit reached the remote
            assertThat(commits).isZero();
        }
        assertThat(log(dir)).hasSize(1);
        try (Git bare = Git.open(remote.toFile())) {
            assertThat(StreamSupport.stream(bare.log().call().spliterator(), false))
                    .extracting(RevCommit::getShortMessage)
                    .containsExactly("reboot web1");
        }
    }

    @Test
    void shouldRecoverFromLockFilesLeftByACrashedWriter(@TempDir Path dir) throws Exception {
        // Arrange: a writer died while committing (the task manager was killed)
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            w.write(List.of(new AuditEntry("decisions/a.md", "# a\n", "reboot web1")));
        }
        Files.writeString(dir.resolve(".git/index.lock"), "");
        Files.writeString(dir.resolve(".git/refs/heads/main.lock"), "");

        // Act: the restored job's writer replays and continues
        int commits;
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            commits = w.write(List.of(new AuditEntry("decisions/b.md", "# b\n", "restart web2")));
        }

        // Assert
        assertThat(commits).isEqualTo(1);
        assertThat(log(dir)).hasSize(2);
    }

    @Test
    void shouldRefuseAPathOutsideTheRepository(@TempDir Path dir) throws Exception {
        try (GitAuditWriter w = new GitAuditWriter(settings(dir, null))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> w.write(List.of(new AuditEntry("../x.md", "x", "m"))))
                    .isInstanceOf(AuditException.class)
                    .hasMessageContaining("escapes");
        }
    }
}
