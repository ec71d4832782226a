package dev.chainhunt.lang;

import dev.chainhunt.lang.python.PyEncoding;
import dev.chainhunt.lang.python.PyParser;
import dev.chainhunt.model.Language;

/** The parsers chainhunt has, by language; each is hand-written, error-tolerant and never throws. */
public final class Parsers {

    private Parsers() {
    }

    /** Whether {@code language} has a parser. */
    public static boolean supports(Language language) {
        return language == Language.PYTHON;
    }

    /** Decodes a file's bytes as its language's interpreter would (Python honours coding declarations). */
    public static SourceText decode(Language language, byte[] bytes) {
        return language == Language.PYTHON ? PyEncoding.decode(bytes) : SourceText.decode(bytes);
    }

    /** Parses {@code text} of a supported language. */
    public static SyntaxTree parse(Language language, String text) {
        if (language != Language.PYTHON) {
            throw new IllegalArgumentException("no parser for " + language);
        }
        return PyParser.parse(text);
    }
}
