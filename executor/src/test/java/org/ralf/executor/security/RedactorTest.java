package org.ralf.executor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Redactor redactor =
            new Redactor(List.of("hunter2-secret", "hunter2-secret-longer", "ab"));

    @Test
    void shouldMaskEverySecretOccurrenceAndLongestFirst() {
        String out = redactor.redact("a=hunter2-secret b=hunter2-secret-longer");
        assertThat(out).isEqualTo("a=*** b=***");
    }

    @Test
    void shouldMaskProxmoxTokenHeaders() {
        assertThat(redactor.redact("Authorization: PVEAPIToken=root@pam!x=123-456 done"))
                .isEqualTo("Authorization: PVEAPIToken=*** done");
    }

    @Test
    void shouldNotMaskTooShortSecrets() {
        assertThat(redactor.redact("abc")).isEqualTo("abc");
    }

    @Test
    void shouldRedactBeforeShorteningSoNoSecretSurvivesTheCut() {
        String text = "x".repeat(95) + "hunter2-secret" + "y".repeat(200);
        String out = redactor.excerpt(text, 100);
        assertThat(out).doesNotContain("hunter2").contains("characters omitted");
        assertThat(out.length()).isLessThan(160);
        assertThat(redactor.excerpt("short", 100)).isEqualTo("short");
        assertThat(redactor.excerpt(null, 100)).isEmpty();
    }
}
