package dev.chainhunt.lang;

import dev.chainhunt.lang.python.PyString;

import java.util.List;

/**
 * Prints a syntax tree as indented text, one node a line with its position and value: the format
 * of the golden tree tests and of {@code chainhunt inspect}.
 */
public final class SyntaxDump {

    private SyntaxDump() {
    }

    public static String dump(SyntaxTree tree, SourceText text) {
        StringBuilder sb = new StringBuilder();
        dump(tree.root(), text, 0, sb);
        for (SyntaxTree.SyntaxError e : tree.errors()) {
            sb.append("error @").append(position(text, e.start())).append(": ").append(e.message()).append('\n');
        }
        return sb.toString();
    }

    private static void dump(SyntaxNode node, SourceText text, int indent, StringBuilder sb) {
        sb.append("  ".repeat(indent));
        if (node == null) {
            sb.append("-\n");
            return;
        }
        sb.append(node.kind().name()).append(" @").append(position(text, node.start()));
        if (node.value() != null) {
            sb.append(' ').append(format(node.value()));
        }
        sb.append('\n');
        // Bounded by the parser's depth limits, so this recursion cannot overflow.
        for (SyntaxNode child : node.children()) {
            dump(child, text, indent + 1, sb);
        }
    }

    private static String position(SourceText text, int offset) {
        int o = Math.min(Math.max(0, offset), text.length());
        return text.lineOf(o) + ":" + text.columnOf(o);
    }

    static String format(Object value) {
        if (value instanceof PyString s) {
            return s.prefix() + quote(s.value());
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(SyntaxDump::format).toList().toString();
        }
        return String.valueOf(value);
    }

    /** A double-quoted rendering with escapes for anything unprintable, cut at 120 characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), 120);
        for (int i = 0; i < n; i++) {
            escape(sb, s.charAt(i));
        }
        if (s.length() > n) {
            sb.append("…(").append(s.length()).append(" chars)");
        }
        return sb.append('"').toString();
    }

    /** One character inside a double-quoted rendering: quotes, backslashes and anything invisible escaped. */
    public static void escape(StringBuilder sb, char c) {
        switch (c) {
            case '"' -> sb.append("\\\"");
            case '\\' -> sb.append("\\\\");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            default -> {
                if (c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate(c) || Character.getType(c) == Character.FORMAT) {
                    sb.append(String.format("\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
    }
}
