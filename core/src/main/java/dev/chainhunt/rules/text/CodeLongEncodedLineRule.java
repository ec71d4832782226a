package dev.chainhunt.rules.text;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;

import java.util.List;

/**
 * A hint, not a verdict: a line carrying a long encoded blob (base64, hex or {@code \xNN} escapes),
 * or an extremely long line in a language that is not normally minified. Packed payloads look
 * like this; so do embedded fonts and images, which is why it is low severity.
 */
public final class CodeLongEncodedLineRule implements TextRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "code-long-encoded-line",
            "Long encoded blob on one line",
            "Packed and multi-layer encoded payloads are usually one enormous line of base64, hex or escaped "
                    + "bytes. On its own this is only a hint: fonts, images and test vectors look the same. "
                    + "Other rules judge what the blob decodes to and where it goes.",
            Severity.LOW,
            Confidence.MEDIUM,
            AttackStage.OBFUSCATION,
            List.of("T1027"),
            "exec(zlib.decompress(base64.b64decode('eJzLSM3JyVcozy/KSQEAGgQEXQ==…thousands more…')))");

    /** Characters in one unbroken run of the base64 or hex alphabet. */
    static final int BLOB_RUN = 1024;
    /** Consecutive {@code \xNN} or {@code \NNN} escapes. */
    static final int ESCAPE_RUN = 256;
    /** A line this long in a language that is not shipped minified. */
    static final int LONG_LINE = 20_000;

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SourceContext context) {
        SourceText text = context.text();
        String s = text.text();
        boolean minifiable = context.file().language() == Language.JAVASCRIPT;
        int count = 0;
        int firstLine = 0;
        int firstColumn = 0;
        String firstKind = null;
        for (int line = 1; line <= text.lineCount(); line++) {
            int start = text.lineStart(line);
            int end = text.lineEnd(line);
            if (end - start < ESCAPE_RUN * 4) {
                continue;
            }
            int at = blob(s, start, end);
            String kind = "encoded blob";
            if (at < 0 && !minifiable && end - start >= LONG_LINE) {
                at = start;
                kind = "line of " + (end - start) + " characters";
            }
            if (at >= 0) {
                if (count++ == 0) {
                    firstLine = line;
                    firstColumn = at - start + 1;
                    firstKind = kind;
                }
            }
        }
        if (count > 0) {
            context.at(this, firstLine, firstColumn)
                    .severity(Severity.LOW)
                    .confidence(Confidence.MEDIUM)
                    .report(firstKind + (count > 1 ? " (and " + (count - 1) + " more such lines)" : ""));
        }
    }

    /** Offset of the first long encoded run in {@code s[start, end)}, or -1. */
    static int blob(String s, int start, int end) {
        int run = 0;
        int escapes = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            int escape = c == '\\' ? escapeLength(s, i, end) : 0;
            if (escape > 0) {
                if (++escapes >= ESCAPE_RUN) {
                    return i;
                }
                i += escape - 1;
                run = 0;
                continue;
            }
            escapes = 0;
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
            run = alphabet ? run + 1 : 0;
            if (run >= BLOB_RUN) {
                return i - run + 1;
            }
        }
        return -1;
    }

    /** Length of a {@code \xHH} or three-digit octal escape at {@code i}, or 0. */
    private static int escapeLength(String s, int i, int end) {
        if (i + 3 >= end) {
            return 0;
        }
        char a = s.charAt(i + 1);
        char b = s.charAt(i + 2);
        char c = s.charAt(i + 3);
        if (a == 'x' && isHex(b) && isHex(c)) {
            return 4;
        }
        return isOctal(a) && isOctal(b) && isOctal(c) ? 4 : 0;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isOctal(char c) {
        return c >= '0' && c <= '7';
    }
}
