package dev.chainhunt.rules.text;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Exec smuggling: code placed after a long run of whitespace on one line, so that an editor or a
 * diff without wrapping shows only the harmless start of the line. The 2023 PyPI campaign padded
 * {@code ;exec(...)} with 521 spaces after an ordinary import.
 */
public final class CodeExecSmugglingRule implements TextRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "code-exec-smuggling",
            "Code hidden after a long run of whitespace",
            "Code that starts far to the right of a line, after a long run of spaces or tabs, is invisible "
                    + "in editors, code review tools and diffs that do not wrap lines. Attackers append "
                    + "';exec(...)' or an import to an ordinary line this way so that a reviewer sees nothing.",
            Severity.HIGH,
            Confidence.MEDIUM,
            AttackStage.OBFUSCATION,
            List.of("T1027", "T1564"),
            "from setuptools import setup" + " ".repeat(8) + "…500 spaces…" + ";exec(b64decode('…'))");

    /** Fewest whitespace characters in the run. */
    static final int MIN_RUN = 40;
    /** Visual column (tabs to multiples of 8) where the hidden code must start. */
    static final int HIDDEN_COLUMN = 140;
    private static final int TAB = 8;

    /** Code that executes something: the smuggled tails seen in real campaigns. */
    private static final Pattern EXECUTES = Pattern.compile(
            "\\b(exec|eval|compile|__import__|execfile|system|popen|Popen|spawn|run|call|check_output|startfile"
                    + "|child_process|execSync|Function|iex|Invoke-Expression|Start-Process)\\s*\\(|\\bexec\\b"
                    + "|\\bimport\\s+[\\w.]+|\\brequire\\s*\\(|\\bcurl\\b|\\bwget\\b|\\bpowershell\\b");
    /** Code that fetches or decodes: a payload being prepared. */
    private static final Pattern PREPARES = Pattern.compile(
            "\\b(b64decode|b32decode|a85decode|decompress|marshal|loads|fromhex|unhexlify|urlopen|urlretrieve"
                    + "|requests|urllib|socket|http|fetch|atob|Buffer\\.from|getattr|globals|chr)\\b");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SourceContext context) {
        SourceText text = context.text();
        Language language = context.file().language();
        for (int line = 1; line <= text.lineCount(); line++) {
            int start = text.lineStart(line);
            int end = text.lineEnd(line);
            if (end - start <= MIN_RUN) {
                continue;
            }
            checkLine(context, text.text(), line, start, end, language);
        }
    }

    private void checkLine(SourceContext context, String s, int line, int start, int end, Language language) {
        int visual = 0;
        int i = start;
        while (i < end) {
            char c = s.charAt(i);
            if (!isBlank(c)) {
                visual++;
                i++;
                continue;
            }
            int runStart = i;
            int runVisualStart = visual;
            while (i < end && isBlank(s.charAt(i))) {
                visual = s.charAt(i) == '\t' ? (visual / TAB + 1) * TAB : visual + 1;
                i++;
            }
            int runLength = i - runStart;
            if (i < end && runLength >= MIN_RUN && visual >= HIDDEN_COLUMN
                    && !startsComment(s, i, end, language) && !insideStringOrComment(s, start, runStart, language)) {
                report(context, s, line, start, runStart, i, end, runLength, runVisualStart == 0, visual);
                return;
            }
        }
    }

    private void report(SourceContext context, String s, int line, int lineStart, int runStart, int tailStart,
                        int end, int runLength, boolean atLineStart, int visual) {
        String head = s.substring(lineStart, runStart).strip();
        String tail = s.substring(tailStart, end).strip();
        boolean executes = EXECUTES.matcher(tail).find();
        boolean prepares = PREPARES.matcher(tail).find();
        // A statement separator right after the padding starts a second, hidden statement.
        boolean newStatement = !atLineStart && tail.startsWith(";");
        Severity severity;
        Confidence confidence;
        if (executes && !atLineStart) {
            severity = Severity.CRITICAL;
            confidence = Confidence.HIGH;
        } else if (newStatement) {
            severity = Severity.HIGH;
            confidence = Confidence.HIGH;
        } else if (executes || prepares) {
            severity = Severity.HIGH;
            confidence = atLineStart ? Confidence.MEDIUM : Confidence.HIGH;
        } else {
            severity = Severity.MEDIUM;
            confidence = Confidence.LOW;
        }
        String shownHead = head.length() > 60 ? head.substring(0, 60) + "…" : head;
        String shownTail = tail.length() > 200 ? tail.substring(0, 200) + "…" : tail;
        context.at(this, context.text().lineOf(tailStart), tailStart - lineStart + 1)
                .severity(severity)
                .confidence(confidence)
                .snippet(shownHead + (shownHead.isEmpty() ? "" : " ") + "⟨" + runLength + " blanks⟩ " + shownTail)
                .evidence(tail.length() > 2000 ? tail.substring(0, 2000) + "…" : tail)
                .report((executes ? "code that runs something" : prepares ? "code that fetches or decodes"
                        : newStatement ? "a second statement" : "code")
                        + " hidden at column " + (visual + 1) + " after " + runLength + " blank characters"
                        + (atLineStart ? "" : " following '" + shownHead + "'"));
    }

    /**
     * Whether the padding sits inside a string literal opened earlier on the line (odd number of
     * unescaped quotes before it) or inside a comment: aligned text there is data, not hidden code.
     * Strings spanning lines are not seen here; the parser-based rule handles those.
     */
    private static boolean insideStringOrComment(String s, int start, int end, Language language) {
        char open = 0;
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (open == 0 && (c == '"' || c == '\'' || c == '`')) {
                open = c;
            } else if (c == open) {
                open = 0;
            } else if (open == 0 && startsComment(s, i, end, language)) {
                return true;
            }
        }
        return open != 0;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\f' || c == '\u00a0' || c == '\u3000' || c == '\u202f'
                || c == '\u205f' || (c >= '\u2000' && c <= '\u200a');
    }

    /** Aligned trailing comments are the common legitimate reason for long blank runs. */
    private static boolean startsComment(String s, int i, int end, Language language) {
        char c = s.charAt(i);
        char next = i + 1 < end ? s.charAt(i + 1) : 0;
        return switch (language) {
            case PYTHON, PTH, SHELL -> c == '#';
            case POWERSHELL -> c == '#' || (c == '<' && next == '#');
            case JAVASCRIPT -> (c == '/' && (next == '/' || next == '*')) || c == '*';
            case BATCH -> s.regionMatches(true, i, "rem", 0, 3) || (c == ':' && next == ':');
            default -> false;
        };
    }
}
