package org.ralf.pipelines.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ralf.schemas.log.Severity;

class ErrorLikeTest {

    @Test
    void shouldTrustAnExplicitSeverityOverTheWords() {
        assertThat(ErrorLike.isErrorLike(Severity.ERROR.code(), "all good")).isTrue();
        assertThat(ErrorLike.isErrorLike(Severity.EMERGENCY.code(), "all good")).isTrue();
        assertThat(ErrorLike.isErrorLike(Severity.WARNING.code(), "request failed")).isFalse();
        assertThat(ErrorLike.isErrorLike(Severity.INFO.code(), "Exception in thread")).isFalse();
    }

    @Test
    void shouldUseWholeErrorWordsOnlyWithoutSeverity() {
        int unknown = Severity.UNKNOWN.code();
        assertThat(ErrorLike.isErrorLike(unknown, "java.io.IOException: Broken pipe")).isTrue();
        assertThat(ErrorLike.isErrorLike(unknown, "session opened for user <*>")).isFalse();
        assertThat(ErrorLike.isErrorLike(unknown, "Connection refused (<*>)")).isTrue();
        assertThat(ErrorLike.isErrorLike(unknown, "FATAL: out of memory")).isTrue();
        assertThat(ErrorLike.isErrorLike(unknown, "terrorist.example resolved")).isFalse();
        assertThat(ErrorLike.errorWord("job <*> FAILED after <*>")).isEqualTo("failed");
    }
}
