package dev.chainhunt.rules.python;

import dev.chainhunt.lang.python.PyEncoding;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A source file declared (PEP 263) in an encoding that hides what it says: an escape codec, which
 * turns {@code \x65\x78\x65\x63} into code as the file is read, or a codec no Python ships, which
 * only a codec the package registers at start-up (from a {@code .pth} file) can read. A reviewer
 * and most tools see the file's bytes; the interpreter runs what the codec makes of them.
 */
public final class PySourceCodecTrickRule implements SourceRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "py-source-codec-trick",
            "Source declared in an encoding that rewrites it as it is read",
            "Python decodes a source file with the codec its first lines name. The escape codecs "
                    + "(unicode_escape) turn backslash escapes into the code that runs, and a codec no Python ships "
                    + "can only be one the package registers itself, typically from a .pth file at every interpreter "
                    + "start, so that the file on disk is not the program. Legitimate code names a character set. "
                    + "With an escape codec the decoded text is what chainhunt analyses.",
            Severity.HIGH,
            Confidence.HIGH,
            AttackStage.OBFUSCATION,
            List.of("T1027", "T1140"),
            "# -*- coding: u8sig -*-   (a codec registered by the package's .pth)");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean appliesTo(Language language) {
        return language == Language.PYTHON;
    }

    @Override
    public void check(SourceContext context) {
        if (context.file().provenance().isDecoded()) {
            return; // a stage was never a file with a declaration of its own
        }
        // The declaration as the interpreter reads it: in the file's bytes, not in what a codec made of them.
        byte[] bytes = context.file().bytes();
        String declared = PyEncoding.declaredEncoding(bytes);
        if (declared == null) {
            return;
        }
        boolean escapes = PyEncoding.isEscapeCodec(declared);
        if (!escapes && PyEncoding.isKnownEncoding(declared)) {
            return;
        }
        String[] head = new String(bytes, 0, Math.min(bytes.length, 512), StandardCharsets.ISO_8859_1).split("\n", 3);
        int line = head[0].contains(declared) || head.length < 2 ? 1 : 2;
        int column = head[line - 1].indexOf(declared) + 1;
        context.at(this, line, Math.max(1, column))
                .severity(escapes ? Severity.MEDIUM : Severity.HIGH)
                .evidence(declared)
                .report(escapes
                        ? "the file is declared in " + declared + ": backslash escapes in it become the code that runs"
                        : "the file is declared in " + declared + ", a codec Python does not ship: only one the package "
                                + "registers can read it");
    }
}
