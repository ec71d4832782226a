package dev.chainhunt.rules.text;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;

import java.util.List;

/**
 * Characters that render as nothing used in code: Hangul fillers that make invisible identifiers
 * (the "invisible backdoor"), Unicode tag characters, and runs of zero-width or variation-selector
 * characters that carry a hidden payload. Lone zero-width joiners and variation selectors, which
 * emoji and many scripts need, are left alone.
 */
public final class CodeInvisibleCharacterRule implements TextRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "code-invisible-character",
            "Invisible characters in code",
            "Characters with no visible glyph let code say something a reviewer cannot see: an identifier "
                    + "made of a Hangul filler is an extra, invisible parameter; a run of zero-width or "
                    + "variation-selector characters can encode a whole payload inside what looks like an "
                    + "empty string.",
            Severity.HIGH,
            Confidence.MEDIUM,
            AttackStage.OBFUSCATION,
            List.of("T1027", "T1564"),
            "const { timeout, \u3164 } = req.query;  // the second name is invisible");

    /** Consecutive invisible characters that no legitimate text needs. */
    static final int RUN = 4;

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(SourceContext context) {
        SourceText text = context.text();
        String s = text.text();
        int weakCount = 0;
        int weakOffset = -1;
        int reportedLine = 0;
        int runStart = -1;
        int runLength = 0;
        int previous = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int width = Character.charCount(cp);
            boolean flagTag = cp >= 0xe0020 && cp <= 0xe007f && previous == 0x1f3f4;
            if (flagTag) {
                // Tag characters after a black flag spell a subdivision flag (England, Scotland, Wales).
                i += width;
                continue;
            }
            if (Unicode.isInvisible(cp) && !isBidiControl(cp)) {
                if (runLength++ == 0) {
                    runStart = i;
                }
                String strong = strongReason(cp, runLength);
                int line = text.lineOf(i);
                if (strong != null && line != reportedLine) {
                    reportedLine = line;
                    report(context, runStart >= 0 && runLength >= RUN ? runStart : i, strong, Severity.HIGH);
                } else if (strong == null && isWeak(cp) && !(cp == 0xfeff && i == 0)) {
                    weakCount++;
                    weakOffset = weakOffset < 0 ? i : weakOffset;
                }
            } else {
                runLength = 0;
                runStart = -1;
                previous = cp;
            }
            i += width;
        }
        if (weakCount > 0) {
            int line = text.lineOf(weakOffset);
            context.at(this, line, text.columnOf(weakOffset))
                    .severity(Severity.LOW)
                    .confidence(Confidence.LOW)
                    .snippet(SourceContext.snippet(Unicode.visible(text.line(line)), text.columnOf(weakOffset)))
                    .evidence(String.format("U+%04X", s.codePointAt(weakOffset)))
                    .report(weakCount + " zero-width or invisible formatting character" + (weakCount == 1 ? "" : "s")
                            + " in code");
        }
    }

    private void report(SourceContext context, int offset, String reason, Severity severity) {
        SourceText text = context.text();
        int line = text.lineOf(offset);
        context.at(this, line, text.columnOf(offset))
                .severity(severity)
                .snippet(SourceContext.snippet(Unicode.visible(text.line(line)), text.columnOf(offset)))
                .evidence(String.format("U+%04X", text.text().codePointAt(offset)))
                .report(reason);
    }

    /** Why this invisible character is clearly hostile here, or null when it is not. */
    private static String strongReason(int cp, int runLength) {
        if (cp == 0x115f || cp == 0x1160 || cp == 0x3164 || cp == 0xffa0) {
            return String.format("Hangul filler U+%04X renders as blank space and is a valid identifier character", cp);
        }
        if (cp >= 0xe0000 && cp <= 0xe007f) {
            return "Unicode tag characters, invisible text that tools and models still read";
        }
        if (runLength == RUN) {
            return "a run of " + RUN + " or more invisible characters, which can encode a hidden payload";
        }
        return null;
    }

    private static boolean isWeak(int cp) {
        return cp == 0x200b || (cp >= 0x2060 && cp <= 0x2064) || cp == 0x180e || cp == 0x00ad || cp == 0xfeff
                || cp == 0x034f || cp == 0x17b4 || cp == 0x17b5;
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f
                || cp == 0x061c;
    }
}
