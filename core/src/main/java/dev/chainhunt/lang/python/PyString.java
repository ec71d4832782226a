package dev.chainhunt.lang.python;

import java.util.List;

/**
 * A Python string literal after escapes are undone: text for {@code str}, bytes (one char per byte,
 * 0–255) for {@code bytes}; for f-strings the literal parts and the source spans of the
 * replacement fields.
 *
 * @param prefix  the prefix as written, lower-cased ({@code ""}, {@code "rb"}, {@code "f"}, …)
 * @param value   the decoded text (bytes are chars 0–255); for f-strings, the literal parts joined
 * @param parts   for f-strings, literal and field parts in order; empty otherwise
 * @param error   why the literal is malformed (unterminated), or null
 */
public record PyString(String prefix, String value, List<Part> parts, String error) {

    public boolean isBytes() {
        return prefix.indexOf('b') >= 0;
    }

    public boolean isFormatted() {
        return prefix.indexOf('f') >= 0 || prefix.indexOf('t') >= 0;
    }

    /** A piece of an f-string: literal text, or a replacement field whose expression spans [start, end). */
    public sealed interface Part {
    }

    public record Literal(String text) implements Part {
    }

    /**
     * A replacement field {@code {expr!c:spec}}: the expression's source span, the conversion
     * character (0 for none) and the format spec's own parts.
     */
    public record Field(int start, int end, char conversion, List<Part> spec) implements Part {
    }
}
