package dev.chainhunt.rules.python;

import dev.chainhunt.lang.SourceText;
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
import java.util.regex.Pattern;

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

    /**
     * Python's standard codec names and aliases that Java does not know by the same name (the
     * families of Python's "Standard Encodings" table).
     */
    private static final Pattern PYTHON_CODECS = Pattern.compile("(?i)((cp|ibm|ms|windows)[-_ ]?\\d+|mac[-_ ]?\\w+|"
            + "iso[-_ ]?8859[-_ ]?\\d+|l(atin)?[-_ ]?\\d+|koi8[-_ ]?\\w+|utf[-_ ]?(7|8|16|32)([-_ ]?(be|le|sig))?\\w*|u(7|8|16|32)|"
            + "euc[-_ ]?\\w+|gb\\w*|big5\\w*|hz\\w*|s(hift)?[-_ ]?jis\\w*|iso[-_ ]?2022[-_ ]?\\w+|csiso\\w+|johab|ptcp154|kz1048|"
            + "tis[-_ ]?620|(us[-_ ]?)?ascii|646|mbcs|dbcs|oem|palmos|hp[-_ ]?roman8|roman8|r8|charmap|cyrillic\\w*|greek\\w*|"
            + "hebrew|arabic|thai|korean|ksc5601|ks[-_ ]?[cx][-_ ]?\\w+|uhc|eucgb2312[-_ ]?cn|chinese|cp[-_ ]?gr|"
            + "(raw[-_])?unicode[-_]escape|idna|punycode)");

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
        SourceText text = context.text();
        String head = text.lineCount() >= 2 ? text.line(1) + "\n" + text.line(2) : text.line(1);
        String declared = PyEncoding.declaredEncoding(head.getBytes(StandardCharsets.ISO_8859_1));
        if (declared == null) {
            return;
        }
        boolean escapes = PyEncoding.isEscapeCodec(declared);
        if (!escapes && (PyEncoding.isKnownEncoding(declared) || PYTHON_CODECS.matcher(declared).matches())) {
            return;
        }
        int line = text.line(1).contains(declared) ? 1 : 2;
        int column = text.line(line).indexOf(declared) + 1;
        context.at(this, line, Math.max(1, column))
                .severity(escapes ? Severity.MEDIUM : Severity.HIGH)
                .evidence(declared)
                .report(escapes
                        ? "the file is declared in " + declared + ": backslash escapes in it become the code that runs"
                        : "the file is declared in " + declared + ", a codec Python does not ship: only one the package "
                                + "registers can read it");
    }
}
