package dev.chainhunt.rules.text;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Trojan Source (CVE-2021-42574): Unicode bidirectional override, embedding and isolate controls
 * in code reorder what a reviewer sees, so the logic read is not the logic run.
 */
public final class CodeTrojanSourceRule implements TextRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "code-trojan-source",
            "Bidirectional control characters in code (Trojan Source)",
            "Unicode bidirectional controls (LRE, RLE, LRO, RLO, PDF, LRI, RLI, FSI, PDI) make editors display "
                    + "code in a different order than the interpreter reads it: a comment can appear to close "
                    + "before code that actually runs, or a string can hide a condition.",
            Severity.HIGH,
            Confidence.MEDIUM,
            AttackStage.OBFUSCATION,
            List.of("T1027"),
            "access_level = \"user\u202e \u2066# Check if admin\u2069 \u2066\" # visually reordered");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SourceContext context) {
        SourceText text = context.text();
        String s = text.text();
        if (!containsBidi(s)) {
            return;
        }
        for (int line = 1; line <= text.lineCount(); line++) {
            int start = text.lineStart(line);
            int end = text.lineEnd(line);
            List<String> names = new ArrayList<>();
            int first = -1;
            int open = 0;
            for (int i = start; i < end; i++) {
                String name = bidiName(s.charAt(i));
                if (name != null) {
                    names.add(name);
                    first = first < 0 ? i : first;
                    open += isTerminator(s.charAt(i)) ? -1 : 1;
                }
            }
            if (first >= 0) {
                boolean unbalanced = open > 0;
                context.at(this, line, first - start + 1)
                        .severity(unbalanced ? Severity.HIGH : Severity.MEDIUM)
                        .snippet(SourceContext.snippet(Unicode.visible(text.line(line)), first - start + 1))
                        .evidence(String.join(", ", names))
                        .report((unbalanced ? "unterminated " : "") + "bidirectional control characters "
                                + String.join(" ", names) + " reorder how this line is displayed");
            }
        }
    }

    private static boolean containsBidi(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (bidiName(s.charAt(i)) != null) {
                return true;
            }
        }
        return false;
    }

    private static boolean isTerminator(char c) {
        return c == '\u202c' || c == '\u2069';
    }

    static String bidiName(char c) {
        return switch (c) {
            case '\u202a' -> "LRE";
            case '\u202b' -> "RLE";
            case '\u202c' -> "PDF";
            case '\u202d' -> "LRO";
            case '\u202e' -> "RLO";
            case '\u2066' -> "LRI";
            case '\u2067' -> "RLI";
            case '\u2068' -> "FSI";
            case '\u2069' -> "PDI";
            default -> null;
        };
    }
}
