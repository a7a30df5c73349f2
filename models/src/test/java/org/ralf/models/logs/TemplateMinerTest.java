package org.ralf.models.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateMinerTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private static TemplateMiner miner() {
        return new TemplateMiner("test", MinerConfig.DEFAULT);
    }

    @Test
    void shouldGroupLinesThatDifferOnlyInMaskedVariables() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult a = m.add("Received block blk_1 of size 67108864 from /10.0.0.1", T0);
        MatchResult b = m.add("Received block blk_-2 of size 3 from /10.0.0.7", T0.plusSeconds(1));

        // Assert
        assertThat(b.templateId()).isEqualTo(a.templateId());
        assertThat(b.kind()).isEqualTo(MatchResult.Kind.MATCHED);
        assertThat(b.template()).isEqualTo("Received block blk_<*> of size <*> from /<*>");
        LogTemplate t = m.get(a.templateId());
        assertThat(t).isNotNull();
        assertThat(t.count()).isEqualTo(2);
        assertThat(t.firstSeen()).isEqualTo(T0);
        assertThat(t.lastSeen()).isEqualTo(T0.plusSeconds(1));
        assertThat(t.example()).isEqualTo("Received block blk_1 of size 67108864 from /10.0.0.1");
    }

    @Test
    void shouldGeneraliseAPositionWhenTheTokensAreNotPlainWords() {
        // Arrange
        TemplateMiner m = miner();
        MatchResult first = m.add("login ok for user=alice on console", T0);

        // Act
        MatchResult second = m.add("login ok for user=bob on console", T0);

        // Assert
        assertThat(second.templateId()).isEqualTo(first.templateId());
        assertThat(second.kind()).isEqualTo(MatchResult.Kind.UPDATED);
        assertThat(second.template()).isEqualTo("login ok for <*> on console");
    }

    @Test
    void shouldKeepPunctuationSharedByTheValuesOfAVariable() {
        // Arrange
        TemplateMiner m = miner();
        MatchResult first = m.add("cached package: a~b, state: ok", T0);

        // Act
        MatchResult second = m.add("cached package: c~d, state: ok", T0);
        MatchResult third = m.add("cached package: (e~f) state: ok", T0);

        // Assert: "<*>," is still a variable position; a value without the comma widens it.
        assertThat(second.template()).isEqualTo("cached package: <*>, state: ok");
        assertThat(third.templateId()).isEqualTo(first.templateId());
        assertThat(third.template()).isEqualTo("cached package: <*> state: ok");
    }

    @Test
    void shouldKeepValuesOfDifferentKeysApartButNotValuesOfDifferentKinds() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult size = m.add("flush done size=12 ok", T0);
        MatchResult len = m.add("flush done len=12 ok", T0);
        MatchResult rdd = m.add("Block rdd_1_2 stored as bytes", T0);
        MatchResult broadcast = m.add("Block broadcast_3_piece0 stored as bytes", T0);

        // Assert
        assertThat(len.templateId()).isNotEqualTo(size.templateId());
        assertThat(broadcast.templateId()).isEqualTo(rdd.templateId());
        assertThat(broadcast.template()).isEqualTo("Block <*> stored as bytes");
    }

    @Test
    void shouldKeepMessagesThatDifferInAPlainWordApart() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult start = m.add("cupsd startup succeeded", T0);
        MatchResult stop = m.add("cupsd shutdown succeeded", T0);

        // Assert
        assertThat(stop.templateId()).isNotEqualTo(start.templateId());
        assertThat(stop.kind()).isEqualTo(MatchResult.Kind.CREATED);
        assertThat(m.size()).isEqualTo(2);
    }

    @Test
    void shouldMergeWordSiblingsOnceEnoughDistinctWordsWereSeen() {
        // Arrange: the default evidence is 5 distinct words at one position.
        assertThat(MinerConfig.DEFAULT.wordVariableEvidence()).isEqualTo(5);
        TemplateMiner m = miner();
        MatchResult alice = m.add("session opened for user alice by cron", T0);
        MatchResult bob = m.add("session opened for user bob by cron", T0);
        MatchResult carol = m.add("session opened for user carol by cron", T0);
        MatchResult frank = m.add("session opened for user frank by cron", T0);
        assertThat(m.size()).as("four words are not yet evidence").isEqualTo(4);

        // Act
        MatchResult dave = m.add("session opened for user dave by cron", T0.plusSeconds(5));

        // Assert: the oldest id survives, the others resolve to it.
        assertThat(dave.templateId()).isEqualTo(alice.templateId());
        assertThat(dave.kind()).isEqualTo(MatchResult.Kind.UPDATED);
        assertThat(dave.template()).isEqualTo("session opened for user <*> by cron");
        assertThat(dave.mergedIds())
                .contains(bob.templateId(), carol.templateId(), frank.templateId());
        assertThat(m.resolve(bob.templateId())).isEqualTo(alice.templateId());
        assertThat(m.resolve(carol.templateId())).isEqualTo(alice.templateId());
        assertThat(m.size()).isEqualTo(1);
        LogTemplate merged = m.get(alice.templateId());
        assertThat(merged).isNotNull();
        assertThat(merged.count()).isEqualTo(5);
        assertThat(merged.lastSeen()).isEqualTo(T0.plusSeconds(5));
        assertThat(m.add("session opened for user erin by cron", T0).templateId())
                .isEqualTo(alice.templateId());
    }

    @Test
    void shouldMergeEarlierWhenTheSameWordsVaryInTwoMessages() {
        // Arrange: three users in "closed" messages, below the evidence of five on their own.
        TemplateMiner m = miner();
        List<String> closed = new ArrayList<>();
        for (String u : List.of("cyrus", "news", "test")) {
            closed.add(m.add("session closed for user " + u, T0).templateId());
        }
        m.add("session opened for user cyrus by cron", T0);
        m.add("session opened for user news by cron", T0);
        assertThat(m.size()).isEqualTo(5);

        // Act: the third shared word makes both positions variables.
        MatchResult opened = m.add("session opened for user test by cron", T0);

        // Assert
        assertThat(m.size()).isEqualTo(2);
        assertThat(opened.template()).isEqualTo("session opened for user <*> by cron");
        assertThat(m.resolve(closed.get(2))).isEqualTo(closed.get(0));
        LogTemplate c = m.get(closed.get(0));
        assertThat(c).isNotNull();
        assertThat(c.template()).isEqualTo("session closed for user <*>");
        assertThat(c.count()).isEqualTo(3);
    }

    @Test
    void shouldKeepAnEnumerationOfOneMessageApart() {
        // Arrange
        TemplateMiner m = miner();

        // Act: four states of one message are below the evidence of five distinct words.
        for (String state : List.of("Resumed", "Started", "Paused", "Stopped")) {
            m.add("[instance: 42] VM " + state + " (Lifecycle Event)", T0);
        }

        // Assert
        assertThat(m.size()).isEqualTo(4);
    }

    @Test
    void shouldNeverTreatTheFirstWordAsAVariableBySiblingEvidence() {
        // Arrange
        TemplateMiner m = miner();
        List<String> ids = new ArrayList<>();

        // Act
        for (String w : List.of("boot", "wait", "halt", "stop", "kill")) {
            ids.add(m.add(w + " (command 12)", T0).templateId());
        }

        // Assert
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(m.size()).isEqualTo(5);
    }

    @Test
    void shouldMergeCompoundNamesInFirstPositionOnEvidence() {
        // Arrange
        TemplateMiner m = miner();
        List<String> ids = new ArrayList<>();

        // Act
        for (String exe :
                List.of("chrome.exe", "Dropbox.exe", "QQ.exe", "svchost.exe", "git.exe")) {
            ids.add(m.add(exe + " - proxy open through proxy HTTPS", T0).templateId());
        }

        // Assert
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.resolve(ids.get(4))).isEqualTo(ids.get(0));
        assertThat(m.templates().get(0).template())
                .isEqualTo("<*> - proxy open through proxy HTTPS");
    }

    @Test
    void shouldEvictTheLeastRecentlyMatchedTemplateAtTheCap() {
        // Arrange
        TemplateMiner m = new TemplateMiner("test", MinerConfig.DEFAULT.withMaxTemplates(3));
        String a = m.add("alpha started", T0).templateId();
        String b = m.add("beta started", T0).templateId();
        String c = m.add("gamma started", T0).templateId();
        m.add("alpha started", T0); // alpha is now more recent than beta

        // Act
        String d = m.add("delta started", T0).templateId();

        // Assert
        assertThat(m.size()).isEqualTo(3);
        assertThat(m.resolve(b)).isNull();
        assertThat(m.resolve(a)).isEqualTo(a);
        assertThat(m.resolve(c)).isEqualTo(c);
        assertThat(m.resolve(d)).isEqualTo(d);
        String again = m.add("beta started", T0).templateId();
        assertThat(again).as("evicted ids are never reused").isNotIn(a, b, c, d);
    }

    @Test
    void shouldStayBoundedUnderAFloodOfGarbage() {
        // Arrange
        TemplateMiner m = new TemplateMiner("test", MinerConfig.DEFAULT.withMaxTemplates(50));
        Random random = new Random(42);

        // Act
        for (int i = 0; i < 5_000; i++) {
            byte[] bytes = new byte[1 + random.nextInt(200)];
            random.nextBytes(bytes);
            m.add(new String(bytes, StandardCharsets.ISO_8859_1), T0);
        }

        // Assert
        assertThat(m.size()).isLessThanOrEqualTo(50);
        assertThat(m.snapshot().redirects()).hasSizeLessThanOrEqualTo(4 * 50);
    }

    @Test
    void shouldAccountForEveryLineAndKeepEveryLineMatchingItsTemplate() {
        // Arrange: seeded random lines over a small vocabulary, so that merges of all kinds occur.
        Random random = new Random(7);
        List<String> words =
                List.of(
                        "open",
                        "close",
                        "user",
                        "alice",
                        "bob",
                        "carol",
                        "dave",
                        "erin",
                        "disk",
                        "eth0",
                        "a.b",
                        "x_y",
                        "ok",
                        "failed",
                        "(uid=0)",
                        "size=12",
                        "10.0.0.1");
        TemplateMiner m = miner();
        List<String> lines = new ArrayList<>();
        List<String> ids = new ArrayList<>();

        // Act
        for (int i = 0; i < 3_000; i++) {
            int n = 2 + random.nextInt(4);
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                sb.append(words.get(random.nextInt(words.size()))).append(' ');
            }
            String line = sb.toString().strip();
            lines.add(line);
            ids.add(m.add(line, T0).templateId());
        }

        // Assert: counts add up, and each line still matches the template its id resolves to.
        assertThat(m.templates().stream().mapToLong(LogTemplate::count).sum())
                .isEqualTo(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String live = m.resolve(ids.get(i));
            assertThat(live).isNotNull();
            LogTemplate t = m.get(live);
            assertThat(t).isNotNull();
            assertThat(matches(t.template(), m.tokenize(lines.get(i))))
                    .as("line %s against %s", lines.get(i), t.template())
                    .isTrue();
        }
    }

    private static boolean matches(String template, String[] maskedLine) {
        String[] t = template.isEmpty() ? new String[0] : template.split(" ");
        if (t.length != maskedLine.length) {
            return false;
        }
        for (int i = 0; i < t.length; i++) {
            if (!TokenShapes.isWildLike(t[i]) && !t[i].equals(maskedLine[i])) {
                return false;
            }
        }
        return true;
    }

    @Test
    void shouldFoldSizeUnitsIntoTheNumberKeepingPunctuation() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult kb = m.add("stored (estimated size 5.2 KB, free 14.0 KB)", T0);
        MatchResult b = m.add("stored (estimated size 120 B, free 1.0 MB)", T0);

        // Assert
        assertThat(kb.template()).isEqualTo("stored (estimated size <*>, free <*>)");
        assertThat(b.templateId()).isEqualTo(kb.templateId());
    }

    @Test
    void shouldAcceptAnEmptyLine() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult first = m.add("", T0);
        MatchResult blank = m.add("   \t ", T0);

        // Assert
        assertThat(first.template()).isEmpty();
        assertThat(blank.templateId()).isEqualTo(first.templateId());
    }

    @Test
    void shouldTruncateAHugeLineWithAMarker() {
        // Arrange
        TemplateMiner m = miner();
        String huge = "payload " + "x".repeat(5 * 1024 * 1024);
        String manyTokens = "w ".repeat(1_000_000);

        // Act
        MatchResult r = m.add(huge, T0);
        MatchResult r2 = m.add(manyTokens, T0);

        // Assert
        assertThat(r.template()).endsWith(TemplateMiner.TRUNCATED);
        assertThat(r.template().length())
                .isLessThanOrEqualTo(MinerConfig.DEFAULT.maxLineChars() + 20);
        LogTemplate t = m.get(r.templateId());
        assertThat(t).isNotNull();
        assertThat(t.example().length())
                .isLessThanOrEqualTo(
                        MinerConfig.DEFAULT.maxExampleChars() + TemplateMiner.TRUNCATED.length());
        LogTemplate t2 = m.get(r2.templateId());
        assertThat(t2).isNotNull();
        assertThat(t2.tokenCount()).isEqualTo(MinerConfig.DEFAULT.maxTokens());
        assertThat(t2.template()).endsWith(TemplateMiner.TRUNCATED);
    }

    @Test
    void shouldHandleInvalidUtf8DecodedWithReplacement() {
        // Arrange: 0xC3 0x28 is an invalid two-byte sequence, 0xFF never occurs in UTF-8.
        byte[] bytes = {'e', 'r', 'r', ' ', (byte) 0xC3, 0x28, ' ', (byte) 0xFF, ' ', 'x', '1'};
        String decoded = new String(bytes, StandardCharsets.UTF_8);
        TemplateMiner m = miner();

        // Act
        MatchResult a = m.add(decoded, T0);
        MatchResult b = m.add(decoded.replace("x1", "x2"), T0);

        // Assert
        assertThat(decoded).contains("\uFFFD");
        assertThat(a.template()).startsWith("err \uFFFD(");
        assertThat(b.templateId()).isEqualTo(a.templateId());
    }

    @Test
    void shouldTreatControlCharactersAsSeparators() {
        // Arrange
        TemplateMiner m = miner();

        // Act
        MatchResult r = m.add("disk\u0000full\u001b[0m on sda1", T0);

        // Assert
        assertThat(r.template()).isEqualTo("disk full [<*> on sda1");
    }

    @Test
    void shouldKeepIdsAcrossSnapshotAndRestore(@TempDir Path dir) throws Exception {
        // Arrange
        TemplateMiner original = miner();
        List<String> training =
                List.of(
                        "session opened for user alice by cron",
                        "session opened for user bob by cron",
                        "session opened for user carol by cron",
                        "session opened for user dave by cron",
                        "session opened for user frank by cron",
                        "Received block blk_1 of size 10 from /10.0.0.1",
                        "cupsd startup succeeded",
                        "cupsd shutdown succeeded",
                        "session closed for user cyrus",
                        "session closed for user news",
                        "session closed for user test",
                        "link cyrus down",
                        "link news down");
        List<String> idsBefore = new ArrayList<>();
        for (String line : training) {
            idsBefore.add(original.add(line, T0).templateId());
        }
        Path file = dir.resolve("miner.json");
        MinerSnapshots.write(original.snapshot(), file);

        // Act
        TemplateMiner restored =
                TemplateMiner.restore(MinerSnapshots.read(file), MinerConfig.DEFAULT);

        // Assert: merged ids still resolve, and later lines get the ids the original gives them.
        for (String id : idsBefore) {
            assertThat(restored.resolve(id)).isEqualTo(original.resolve(id)).isNotNull();
        }
        assertThat(restored.templates()).isEqualTo(original.templates());
        List<String> later =
                List.of(
                        "session opened for user erin by cron",
                        "link test down",
                        "Received block blk_9 of size 99 from /10.9.9.9",
                        "cupsd shutdown succeeded",
                        "a brand new message 1",
                        "a brand new message 2");
        for (String line : later) {
            assertThat(restored.add(line, T0.plusSeconds(60)))
                    .isEqualTo(original.add(line, T0.plusSeconds(60)));
        }
        assertThat(restored.get(restored.resolve(idsBefore.get(idsBefore.size() - 1))))
                .as("word evidence was restored too: the third shared user merged the links")
                .extracting(LogTemplate::template)
                .isEqualTo("link <*> down");
    }
}
