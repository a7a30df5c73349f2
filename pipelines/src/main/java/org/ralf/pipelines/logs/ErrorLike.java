package org.ralf.pipelines.logs;

import java.util.Locale;
import java.util.Set;
import org.ralf.schemas.log.Severity;

/**
 * The rule that decides whether a never-seen template deserves a {@code NEW_TEMPLATE} anomaly: the
 * line is error-like when its severity is {@link Severity#ERROR} or worse (RFC 5424 code 0-3), or,
 * only when the source gives no severity ({@link Severity#UNKNOWN}), when the template contains an
 * error word ({@link #ERROR_WORDS}, case-insensitive, whole words after splitting on non-letters).
 * An explicit severity wins: a source that says INFO means it, even for "retrying after failure".
 */
public final class ErrorLike {

    /** Words that mark a line without severity as an error. */
    public static final Set<String> ERROR_WORDS =
            Set.of(
                    "error",
                    "errors",
                    "err",
                    "fail",
                    "failed",
                    "failure",
                    "fatal",
                    "panic",
                    "exception",
                    "critical",
                    "crit",
                    "emerg",
                    "emergency",
                    "refused",
                    "denied",
                    "segfault",
                    "abort",
                    "aborted",
                    "corrupt",
                    "corrupted",
                    "unreachable",
                    "oom");

    private ErrorLike() {}

    /**
     * Whether a line of this severity and template is error-like.
     *
     * @param severityCode RFC 5424 code, -1 for unknown
     * @param template the template text
     */
    public static boolean isErrorLike(int severityCode, String template) {
        if (severityCode >= 0) {
            return severityCode <= Severity.ERROR.code();
        }
        return errorWord(template) != null;
    }

    /** The first error word of the text, or null. */
    @javax.annotation.Nullable
    public static String errorWord(String text) {
        for (String w : text.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
            if (ERROR_WORDS.contains(w) || (w.length() > 9 && w.endsWith("exception"))) {
                return w;
            }
        }
        return null;
    }
}
