package dev.chainhunt.lang;

import java.util.List;

/**
 * A parsed file: the source text, the root node and the syntax errors met on the way (each also
 * an {@code ERROR} node in the tree, after which parsing resumed).
 */
public record SyntaxTree(String source, SyntaxNode root, List<SyntaxError> errors) {

    public SyntaxTree {
        errors = List.copyOf(errors);
    }

    /** A syntax error: a span of the source and what was wrong. */
    public record SyntaxError(int start, int end, String message) {
    }

    /** The source text of {@code node}. */
    public String text(SyntaxNode node) {
        return source.substring(Math.max(0, node.start()), Math.min(source.length(), node.end()));
    }
}
