package dev.chainhunt.lang;

/** The kind of a {@link SyntaxNode}; each language has an enum of its own. */
public interface NodeKind {

    String name();
}
