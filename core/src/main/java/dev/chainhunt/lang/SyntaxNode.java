package dev.chainhunt.lang;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A node of our own compact syntax tree: a kind, a span of character offsets, children in a
 * fixed order documented by the kind (absent optional parts are {@code null}), and a value for
 * leaves and named constructs (an identifier, an operator, a decoded literal, a number).
 * One class for every language and node type, so tools walk trees without a visitor per node.
 */
public final class SyntaxNode {

    private static final SyntaxNode[] NONE = new SyntaxNode[0];

    private final NodeKind kind;
    private final int start;
    private final int end;
    private final SyntaxNode[] children;
    private final Object value;

    public SyntaxNode(NodeKind kind, int start, int end, Object value, SyntaxNode... children) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.start = start;
        this.end = end;
        this.value = value;
        this.children = children == null || children.length == 0 ? NONE : children;
    }

    public SyntaxNode(NodeKind kind, int start, int end, Object value, List<SyntaxNode> children) {
        this(kind, start, end, value, children.toArray(NONE));
    }

    public NodeKind kind() {
        return kind;
    }

    public boolean is(NodeKind k) {
        return kind == k;
    }

    public int start() {
        return start;
    }

    public int end() {
        return end;
    }

    public Object value() {
        return value;
    }

    /** The value as text, or null when it is not a string. */
    public String text() {
        return value instanceof String s ? s : null;
    }

    public int childCount() {
        return children.length;
    }

    /** Child {@code i}, or null when absent or out of range. */
    public SyntaxNode child(int i) {
        return i >= 0 && i < children.length ? children[i] : null;
    }

    /** All children, possibly with nulls for absent optional parts. */
    public List<SyntaxNode> children() {
        return Collections.unmodifiableList(Arrays.asList(children));
    }

    /** Children from index {@code from} on, without nulls. */
    public List<SyntaxNode> childrenFrom(int from) {
        if (from >= children.length) {
            return List.of();
        }
        int present = 0;
        for (int i = Math.max(0, from); i < children.length; i++) {
            if (children[i] != null) {
                present++;
            }
        }
        if (present == children.length - Math.max(0, from)) {
            // The common case, no gaps: a read-only view, nothing copied (the array never changes).
            return Collections.unmodifiableList(Arrays.asList(children).subList(Math.max(0, from), children.length));
        }
        SyntaxNode[] out = new SyntaxNode[present];
        int k = 0;
        for (int i = Math.max(0, from); i < children.length; i++) {
            if (children[i] != null) {
                out[k++] = children[i];
            }
        }
        return Collections.unmodifiableList(Arrays.asList(out));
    }

    @Override
    public String toString() {
        return kind.name() + (value == null ? "" : " " + value) + " [" + start + "," + end + ")";
    }
}
