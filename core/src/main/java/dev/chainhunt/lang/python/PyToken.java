package dev.chainhunt.lang.python;

/**
 * One Python token: its kind, its span as character offsets into the source, and its value (the
 * identifier, the operator, a {@link PyString}, a number or an error message).
 */
public record PyToken(Kind kind, int start, int end, Object value) {

    /** Token kinds, as in Python's own tokenizer. */
    public enum Kind {
        NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, END, ERROR
    }

    public boolean is(Kind k) {
        return kind == k;
    }

    /** True for the operator or delimiter {@code op}. */
    public boolean isOp(String op) {
        return kind == Kind.OP && op.equals(value);
    }

    /** True for the name (or soft keyword) {@code name}. */
    public boolean isName(String name) {
        return kind == Kind.NAME && name.equals(value);
    }

    public String text() {
        return value instanceof String s ? s : String.valueOf(value);
    }

    @Override
    public String toString() {
        return kind + (value == null ? "" : "(" + value + ")") + "@" + start;
    }
}
