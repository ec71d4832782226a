package dev.chainhunt.lang.python;

import java.math.BigInteger;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A hand-written Python tokenizer for Python 2 and 3 (up to the 3.12 f-string rules). It never
 * throws: malformed input becomes {@code ERROR} tokens and lexing goes on. One pass, linear time.
 *
 * <p>Like CPython it emits NEWLINE, INDENT and DEDENT for the logical line structure, ignores
 * newlines inside brackets, joins lines ended by a backslash and skips comments. Unlike CPython it
 * recovers from a bracket left open: a line at or left of the line that opened it, starting with a
 * statement keyword, closes it, so one typo does not swallow the rest of the file.
 */
public final class PyLexer {

    /** Tab stops as CPython counts them. */
    private static final int TAB = 8;
    /** F-strings (and format specs) nested in each other beyond this are not scanned further. */
    private static final int MAX_FSTRING_DEPTH = 64;

    private static final String[] OPERATORS = {
        "**=", "//=", ">>=", "<<=", "...", "!=", "**", "//", "<<", ">>", "<=", ">=", "==", "->", ":=", "+=", "-=",
        "*=", "/=", "%=", "&=", "|=", "^=", "@=", "<>", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">",
        "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "=", "`", "!",
    };

    /** The operators by their first character, longest first: the lexer tries only those that can match. */
    private static final String[][] OPERATORS_BY_FIRST = new String[128][];
    private static final String[] NO_OPERATORS = {};

    static {
        for (char c = 0; c < 128; c++) {
            final char first = c;
            String[] ops = java.util.Arrays.stream(OPERATORS).filter(op -> op.charAt(0) == first).toArray(String[]::new);
            OPERATORS_BY_FIRST[c] = ops.length == 0 ? null : ops; // OPERATORS lists longer ones first
        }
    }

    private static final Set<String> STRING_PREFIXES = Set.of(
            "r", "u", "b", "f", "t", "br", "rb", "fr", "rf", "ur", "tr", "rt");

    /** Statement keywords that, at the start of a line left of an open bracket, mean the bracket was never closed. */
    private static final Set<String> STATEMENT_STARTS = Set.of(
            "def", "class", "import", "from", "try", "while", "with", "return", "elif", "except", "finally", "raise",
            "global", "nonlocal", "del", "pass", "assert", "async");

    private final String s;
    private final int end;
    private final List<PyToken> out = new ArrayList<>();
    private int pos;
    private int[] indents = new int[16];
    private int indentTop;
    private int depth;
    private boolean lineStart = true;
    /** Indentation of the logical line that opened the outermost bracket. */
    private int openerIndent;
    private int lineIndent;
    /** Whether the logical line that opened the outermost bracket starts with a compound statement keyword. */
    private boolean openerIsHeader;
    /** The outermost open bracket: a header's colon can only follow an unclosed '('. */
    private char openedWith;
    /** Index in {@link #out} of the first token of the current logical line. */
    private int lineFirstToken;
    private final boolean expression;
    private int fstringDepth;

    private PyLexer(String s, int start, int end, boolean expression) {
        this.s = s;
        this.pos = start;
        this.end = end;
        this.expression = expression;
        if (expression) {
            depth = 1;
            lineStart = false;
        }
    }

    /** All tokens of a module, ending with NEWLINE (if needed), DEDENTs and END. */
    public static List<PyToken> tokenize(String source) {
        PyLexer lexer = new PyLexer(source, 0, source.length(), false);
        lexer.run();
        return lexer.out;
    }

    /**
     * The tokens of the expression in {@code source[start, end)}, as inside brackets (no line
     * structure), ending with END. Offsets stay those of {@code source}.
     */
    public static List<PyToken> tokenizeExpression(String source, int start, int end) {
        PyLexer lexer = new PyLexer(source, start, end, true);
        lexer.run();
        return lexer.out;
    }

    private void run() {
        while (pos < end) {
            if (lineStart && depth == 0 && !indentation()) {
                continue;
            }
            char c = s.charAt(pos);
            switch (c) {
                case ' ', '\t', '\f' -> pos++;
                case '\n', '\r' -> newline();
                case '#' -> skipComment();
                case '\\' -> continuation();
                case '"', '\'' -> string(pos, "", pos);
                default -> {
                    if (isDigit(c) || (c == '.' && pos + 1 < end && isDigit(s.charAt(pos + 1)))) {
                        number();
                    } else if (isIdentifierStart(c)) {
                        nameOrString();
                    } else {
                        operator();
                    }
                }
            }
        }
        if (!expression) {
            if (!out.isEmpty() && !last().is(PyToken.Kind.NEWLINE) && !last().is(PyToken.Kind.DEDENT)
                    && !last().is(PyToken.Kind.INDENT)) {
                emit(PyToken.Kind.NEWLINE, end, end, null);
            }
            while (indentTop > 0) {
                indentTop--;
                emit(PyToken.Kind.DEDENT, end, end, null);
            }
        }
        emit(PyToken.Kind.END, end, end, null);
    }

    /**
     * Measures the indentation at the start of a line and emits INDENT or DEDENTs. Returns false
     * when the line is blank or a comment (it is consumed and produces no tokens).
     */
    private boolean indentation() {
        int col = 0;
        int i = pos;
        while (i < end) {
            char c = s.charAt(i);
            if (c == ' ') {
                col++;
            } else if (c == '\t') {
                col = (col / TAB + 1) * TAB;
            } else if (c == '\f') {
                col = 0;
            } else {
                break;
            }
            i++;
        }
        if (i >= end) {
            pos = i;
            return false;
        }
        char c = s.charAt(i);
        if (c == '#' || c == '\n' || c == '\r' || (c == '\\' && i + 1 < end && isLineBreak(s.charAt(i + 1)))) {
            pos = i;
            if (c == '#') {
                skipComment();
            }
            if (pos < end && c == '\\') {
                pos++;
            }
            pos = skipLineBreak(pos);
            return false;
        }
        pos = i;
        lineStart = false;
        lineIndent = col;
        lineFirstToken = -1;
        int current = indents[indentTop];
        if (col > current) {
            if (++indentTop == indents.length) {
                indents = Arrays.copyOf(indents, indents.length * 2);
            }
            indents[indentTop] = col;
            emit(PyToken.Kind.INDENT, i, i, null);
        } else {
            while (indentTop > 0 && col < indents[indentTop]) {
                indentTop--;
                emit(PyToken.Kind.DEDENT, i, i, null);
            }
            if (col != indents[indentTop]) {
                emit(PyToken.Kind.ERROR, i, i, "unindent does not match any outer indentation level");
            }
        }
        return true;
    }

    private void newline() {
        int at = pos;
        pos = skipLineBreak(pos);
        if (expression) {
            return;
        }
        if (depth > 0) {
            if (closesOpenBracket()) {
                emit(PyToken.Kind.ERROR, at, at, "bracket never closed");
                depth = 0;
            } else {
                return;
            }
        }
        if (!out.isEmpty() && !last().is(PyToken.Kind.NEWLINE)) {
            emit(PyToken.Kind.NEWLINE, at, at, null);
        }
        lineStart = true;
    }

    /**
     * Inside brackets: whether the bracket was evidently never closed. Either the line that opened
     * it is a compound statement header ({@code def f(:}) and this line ends with its colon, or the
     * next line starts a new statement at or left of the opening line.
     */
    private boolean closesOpenBracket() {
        if (openerIsHeader && depth == 1 && openedWith == '(' && lineEndsWithColon()) {
            return true;
        }
        int col = 0;
        int i = pos;
        while (i < end && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            col = s.charAt(i) == '\t' ? (col / TAB + 1) * TAB : col + 1;
            i++;
        }
        if (col > openerIndent || i >= end) {
            return false;
        }
        if (s.charAt(i) == '@' && i + 1 < end && isIdentifierStart(s.charAt(i + 1))) {
            return true;
        }
        int j = i;
        while (j < end && isIdentifierPart(s.charAt(j))) {
            j++;
        }
        return j > i && j < end && (s.charAt(j) == ' ' || s.charAt(j) == ':') && STATEMENT_STARTS.contains(s.substring(i, j));
    }

    /** Whether the physical line before {@code pos} ends with ':' (comments and blanks aside). */
    private boolean lineEndsWithColon() {
        int i = pos - 1;
        while (i >= 0 && isLineBreak(s.charAt(i))) {
            i--;
        }
        int lineStart = i;
        while (lineStart > 0 && !isLineBreak(s.charAt(lineStart - 1))) {
            lineStart--;
        }
        for (int k = lineStart; k <= i; k++) {
            char c = s.charAt(k);
            if (c == '\'' || c == '"') {
                break; // a '#' after a quote may be inside a string: leave the line as it is
            }
            if (c == '#') {
                i = k - 1;
                break;
            }
        }
        while (i >= lineStart && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i--;
        }
        // A colon after '[' or ':' is a slice written across lines, not a header's colon.
        return i > lineStart && s.charAt(i) == ':' && s.charAt(i - 1) != '[' && s.charAt(i - 1) != ':';
    }

    private void skipComment() {
        while (pos < end && !isLineBreak(s.charAt(pos))) {
            pos++;
        }
    }

    private void continuation() {
        if (pos + 1 < end && isLineBreak(s.charAt(pos + 1))) {
            pos = skipLineBreak(pos + 1);
        } else if (pos + 1 >= end) {
            pos++;
        } else {
            emit(PyToken.Kind.ERROR, pos, pos + 1, "unexpected character after line continuation");
            pos++;
        }
    }

    private int skipLineBreak(int i) {
        if (i < end && s.charAt(i) == '\r') {
            i++;
        }
        if (i < end && s.charAt(i) == '\n') {
            i++;
        }
        return i;
    }

    private void nameOrString() {
        int start = pos;
        int i = pos;
        boolean ascii = true;
        while (i < end) {
            char c = s.charAt(i);
            if (c < 0x80 ? isAsciiIdentifierPart(c) : isIdentifierPart(c)) {
                ascii &= c < 0x80;
                i++;
            } else {
                break;
            }
        }
        if (i < end && (s.charAt(i) == '"' || s.charAt(i) == '\'') && i - start <= 2) {
            String prefix = s.substring(start, i).toLowerCase(java.util.Locale.ROOT);
            if (STRING_PREFIXES.contains(prefix)) {
                string(start, prefix, i);
                return;
            }
        }
        String name = s.substring(start, i);
        // Python folds identifiers with NFKC: "ｅｘｅｃ" and "𝐞𝐱𝐞𝐜" are the builtin exec.
        pos = i;
        emit(PyToken.Kind.NAME, start, i, ascii ? name : Normalizer.normalize(name, Normalizer.Form.NFKC));
    }

    private void number() {
        int start = pos;
        int i = pos;
        Object value;
        char c = s.charAt(i);
        char next = i + 1 < end ? s.charAt(i + 1) : 0;
        if (c == '0' && (next == 'x' || next == 'X' || next == 'o' || next == 'O' || next == 'b' || next == 'B')) {
            int radix = next == 'x' || next == 'X' ? 16 : next == 'o' || next == 'O' ? 8 : 2;
            i += 2;
            int digits = i;
            while (i < end && (Character.digit(s.charAt(i), 16) >= 0 || s.charAt(i) == '_')) {
                i++;
            }
            value = parseInt(s.substring(digits, i), radix);
            if (i < end && (s.charAt(i) == 'l' || s.charAt(i) == 'L')) {
                i++;
            }
        } else {
            boolean isFloat = false;
            while (i < end && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
            if (i < end && s.charAt(i) == '.' && !(i + 1 < end && s.charAt(i + 1) == '.' && i + 2 < end && s.charAt(i + 2) == '.')) {
                isFloat = true;
                i++;
                while (i < end && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
            }
            if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                int j = i + 1;
                if (j < end && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                    j++;
                }
                if (j < end && isDigit(s.charAt(j))) {
                    isFloat = true;
                    i = j;
                    while (i < end && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                        i++;
                    }
                }
            }
            String text = s.substring(start, i).replace("_", "");
            if (i < end && (s.charAt(i) == 'j' || s.charAt(i) == 'J')) {
                i++;
                value = new Imaginary(parseDouble(text));
            } else if (isFloat) {
                value = parseDouble(text);
            } else if (text.length() > 1 && text.charAt(0) == '0' && text.chars().allMatch(ch -> ch >= '0' && ch <= '7')) {
                value = parseInt(text.substring(1), 8); // Python 2 octal: 0777
            } else {
                value = parseInt(text, 10);
            }
            if (i < end && (s.charAt(i) == 'l' || s.charAt(i) == 'L')) {
                i++;
            }
        }
        pos = i;
        if (value == null) {
            emit(PyToken.Kind.ERROR, start, i, "malformed number");
        } else {
            emit(PyToken.Kind.NUMBER, start, i, value);
        }
    }

    /** An imaginary literal such as {@code 2j}. */
    public record Imaginary(double value) {
    }

    private static BigInteger parseInt(String digits, int radix) {
        String d = digits.replace("_", "");
        if (d.isEmpty()) {
            return radix == 10 ? BigInteger.ZERO : null;
        }
        try {
            return new BigInteger(d, radix);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double parseDouble(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void operator() {
        char first = s.charAt(pos);
        String[] candidates = first < 128 && OPERATORS_BY_FIRST[first] != null ? OPERATORS_BY_FIRST[first] : NO_OPERATORS;
        for (String op : candidates) {
            if (s.startsWith(op, pos) && pos + op.length() <= end) {
                int start = pos;
                pos += op.length();
                switch (op) {
                    case "(", "[", "{" -> {
                        if (depth++ == 0) {
                            openerIndent = lineIndent;
                            openerIsHeader = startsWithHeaderKeyword();
                            openedWith = op.charAt(0);
                        }
                    }
                    case ")", "]", "}" -> depth = Math.max(expression ? 1 : 0, depth - 1);
                    default -> {
                    }
                }
                emit(PyToken.Kind.OP, start, pos, op);
                return;
            }
        }
        int cp = s.codePointAt(pos);
        int width = Character.charCount(cp);
        emit(PyToken.Kind.ERROR, pos, pos + width, String.format("unexpected character U+%04X", cp));
        pos += width;
    }

    // ---- strings -------------------------------------------------------------------------------

    private void string(int start, String prefix, int quoteAt) {
        char q = s.charAt(quoteAt);
        boolean triple = quoteAt + 2 < end && s.charAt(quoteAt + 1) == q && s.charAt(quoteAt + 2) == q;
        int bodyStart = quoteAt + (triple ? 3 : 1);
        boolean raw = prefix.indexOf('r') >= 0;
        boolean formatted = prefix.indexOf('f') >= 0 || prefix.indexOf('t') >= 0;
        if (formatted) {
            List<PyString.Part> parts = new ArrayList<>();
            FScan scan = new FScan(parts);
            int close = scanFString(bodyStart, q, triple, raw, scan, 0);
            StringBuilder literal = new StringBuilder();
            for (PyString.Part p : parts) {
                if (p instanceof PyString.Literal l) {
                    literal.append(l.text());
                }
            }
            finishString(start, close, q, triple, new PyString(prefix, literal.toString(), List.copyOf(parts),
                    scan.error));
            return;
        }
        int i = bodyStart;
        String error = null;
        while (true) {
            if (i >= end) {
                error = "unterminated string literal";
                break;
            }
            char c = s.charAt(i);
            if (c == '\\') {
                i = i + 1 < end && s.charAt(i + 1) == '\r' && i + 2 < end && s.charAt(i + 2) == '\n' ? i + 3 : i + 2;
                continue;
            }
            if (c == q && (!triple || (i + 2 < end && s.charAt(i + 1) == q && s.charAt(i + 2) == q))) {
                break;
            }
            if (!triple && isLineBreak(c)) {
                error = "unterminated string literal";
                break;
            }
            i++;
        }
        int bodyEnd = Math.min(i, end);
        String body = s.substring(bodyStart, bodyEnd);
        boolean bytes = prefix.indexOf('b') >= 0;
        String value = raw ? (bytes ? toBytes(body) : body) : unescape(body, bytes);
        finishString(start, bodyEnd, q, triple, new PyString(prefix, value, List.of(), error));
    }

    private void finishString(int start, int close, char q, boolean triple, PyString value) {
        int stop = close;
        if (value.error() == null) {
            stop = close + (triple ? 3 : 1);
        }
        pos = Math.min(stop, end);
        emit(PyToken.Kind.STRING, start, pos, value);
    }

    /** Collects f-string parts; an error is remembered and scanning goes on. */
    private static final class FScan {
        final List<PyString.Part> parts;
        final StringBuilder literal = new StringBuilder();
        String error;

        FScan(List<PyString.Part> parts) {
            this.parts = parts;
        }

        void flush() {
            if (parts != null && literal.length() > 0) {
                parts.add(new PyString.Literal(literal.toString()));
            }
            literal.setLength(0);
        }
    }

    /**
     * Scans an f-string body from {@code i} to its closing quote (or, for a format spec,
     * {@code nested > 0}, to the closing brace) and returns the index of that quote or brace.
     * Replacement fields may hold strings with the same quote (PEP 701) and nested fields.
     */
    private int scanFString(int i, char q, boolean triple, boolean raw, FScan scan, int nested) {
        if (++fstringDepth > MAX_FSTRING_DEPTH) {
            // Deeper nesting than any parser accepts: the rest is taken as literal text, and flagged.
            scan.error = "f-strings nested too deeply";
            fstringDepth--;
            return end;
        }
        try {
            return scanFStringBody(i, q, triple, raw, scan, nested);
        } finally {
            fstringDepth--;
        }
    }

    private int scanFStringBody(int i, char q, boolean triple, boolean raw, FScan scan, int nested) {
        while (i < end) {
            char c = s.charAt(i);
            if (nested > 0 && c == '}') {
                scan.flush();
                return i;
            }
            if (nested == 0 && c == q && (!triple || (i + 2 < end && s.charAt(i + 1) == q && s.charAt(i + 2) == q))) {
                scan.flush();
                return i;
            }
            if (!triple && isLineBreak(c)) {
                scan.error = "unterminated f-string";
                scan.flush();
                return i;
            }
            if (c == '{') {
                if (nested == 0 && i + 1 < end && s.charAt(i + 1) == '{') {
                    scan.literal.append('{');
                    i += 2;
                    continue;
                }
                scan.flush();
                i = scanField(i + 1, q, triple, raw, scan);
                continue;
            }
            if (c == '}' && i + 1 < end && s.charAt(i + 1) == '}') {
                scan.literal.append('}');
                i += 2;
                continue;
            }
            if (c == '\\' && !raw && i + 1 < end && s.charAt(i + 1) != '{' && s.charAt(i + 1) != '}') {
                int stop = i + 2;
                if (s.charAt(i + 1) == 'N' && i + 2 < end && s.charAt(i + 2) == '{') {
                    int close = s.indexOf('}', i + 3);
                    stop = close < 0 || close >= end ? end : close + 1;
                } else if (s.charAt(i + 1) == 'x') {
                    stop = Math.min(end, i + 4);
                } else if (s.charAt(i + 1) == 'u') {
                    stop = Math.min(end, i + 6);
                } else if (s.charAt(i + 1) == 'U') {
                    stop = Math.min(end, i + 10);
                } else if (s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                    stop = i + 2;
                    while (stop < end && stop < i + 4 && s.charAt(stop) >= '0' && s.charAt(stop) <= '7') {
                        stop++;
                    }
                }
                scan.literal.append(unescape(s.substring(i, stop), false));
                i = stop;
                continue;
            }
            if (c == '\\' && raw && i + 1 < end && !isLineBreak(s.charAt(i + 1)) && s.charAt(i + 1) != '{'
                    && s.charAt(i + 1) != '}') {
                // In a raw string a backslash and the character after it stay as written, together.
                scan.literal.append(c).append(s.charAt(i + 1));
                i += 2;
                continue;
            }
            scan.literal.append(c);
            i++;
        }
        scan.error = "unterminated f-string";
        scan.flush();
        return end;
    }

    /** Scans a replacement field after its '{'; returns the index after its closing '}'. */
    private int scanField(int i, char q, boolean triple, boolean raw, FScan scan) {
        int exprStart = i;
        int brackets = 0;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"' || c == '\'') {
                i = skipNestedString(i, "");
                continue;
            }
            if (isIdentifierStart(c)) {
                int j = i;
                while (j < end && isAsciiIdentifierPart(s.charAt(j))) {
                    j++;
                }
                if (j < end && j - i <= 2 && (s.charAt(j) == '"' || s.charAt(j) == '\'')
                        && STRING_PREFIXES.contains(s.substring(i, j).toLowerCase(java.util.Locale.ROOT))) {
                    i = skipNestedString(j, s.substring(i, j).toLowerCase(java.util.Locale.ROOT));
                } else {
                    i = Math.max(j, i + 1);
                }
                continue;
            }
            if (c == '#' && brackets == 0) {
                break;
            }
            if (c == '(' || c == '[' || c == '{') {
                brackets++;
            } else if ((c == ')' || c == ']' || c == '}') && brackets > 0) {
                brackets--;
            } else if (brackets == 0 && (c == '}' || c == ':' || (c == '!' && !(i + 1 < end && s.charAt(i + 1) == '=')))) {
                break;
            } else if (brackets == 0 && c == '=' && i + 1 < end && "}!:".indexOf(s.charAt(i + 1)) >= 0
                    && i > exprStart && "=!<>".indexOf(s.charAt(i - 1)) < 0) {
                break; // the self-documenting form {expr=}
            } else if (c == q && !triple && brackets == 0) {
                break;
            }
            i++;
        }
        int exprEnd = Math.min(i, end);
        if (i < end && s.charAt(i) == '=') {
            scan.literal.append(s, exprStart, i + 1);
            scan.flush();
            i++;
        }
        char conversion = 0;
        if (i < end && s.charAt(i) == '!') {
            conversion = i + 1 < end ? s.charAt(i + 1) : 0;
            i = Math.min(end, i + 2);
        }
        List<PyString.Part> spec = new ArrayList<>();
        if (i < end && s.charAt(i) == ':') {
            FScan specScan = new FScan(spec);
            i = scanFString(i + 1, q, triple, raw, specScan, 1);
            if (specScan.error != null) {
                scan.error = specScan.error;
            }
        }
        if (scan.parts != null) {
            scan.parts.add(new PyString.Field(exprStart, exprEnd, conversion, List.copyOf(spec)));
        }
        if (i < end && s.charAt(i) == '}') {
            return i + 1;
        }
        scan.error = "f-string: expecting '}'";
        return i;
    }

    /** Skips a string literal (with any prefix) starting at its quote; returns the index after it. */
    private int skipNestedString(int quoteAt, String prefix) {
        char q = s.charAt(quoteAt);
        boolean triple = quoteAt + 2 < end && s.charAt(quoteAt + 1) == q && s.charAt(quoteAt + 2) == q;
        int i = quoteAt + (triple ? 3 : 1);
        if (prefix.indexOf('f') >= 0 || prefix.indexOf('t') >= 0) {
            int close = scanFString(i, q, triple, prefix.indexOf('r') >= 0, new FScan(null), 0);
            return Math.min(end, close + (triple ? 3 : 1));
        }
        while (i < end) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == q && (!triple || (i + 2 < end && s.charAt(i + 1) == q && s.charAt(i + 2) == q))) {
                return i + (triple ? 3 : 1);
            }
            if (!triple && isLineBreak(c)) {
                return i;
            }
            i++;
        }
        return end;
    }

    /** Undoes backslash escapes; {@code bytes} leaves {@code \\u}, {@code \\U} and {@code \\N} alone. */
    static String unescape(String body, boolean bytes) {
        if (body.indexOf('\\') < 0) {
            return bytes ? toBytes(body) : body;
        }
        StringBuilder sb = new StringBuilder(body.length());
        int n = body.length();
        for (int i = 0; i < n; i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                sb.append(bytes && c > 0xff ? '?' : c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case '\n' -> { }
                case '\r' -> {
                    if (i + 1 < n && body.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                case '\\', '\'', '"' -> sb.append(e);
                case 'a' -> sb.append('\u0007');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'v' -> sb.append('\u000b');
                case 'x' -> i = hexEscape(body, i, 2, sb);
                case 'u' -> i = bytes ? literal(sb, e, i) : hexEscape(body, i, 4, sb);
                case 'U' -> i = bytes ? literal(sb, e, i) : hexEscape(body, i, 8, sb);
                case 'N' -> i = bytes ? literal(sb, e, i) : namedEscape(body, i, sb);
                default -> {
                    if (e >= '0' && e <= '7') {
                        int value = e - '0';
                        int j = i + 1;
                        while (j < n && j < i + 3 && body.charAt(j) >= '0' && body.charAt(j) <= '7') {
                            value = value * 8 + body.charAt(j++) - '0';
                        }
                        sb.append((char) (bytes ? value & 0xff : value));
                        i = j - 1;
                    } else {
                        sb.append('\\').append(bytes && e > 0xff ? '?' : e);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static int literal(StringBuilder sb, char e, int i) {
        sb.append('\\').append(e);
        return i;
    }

    /** Appends the code point of a {@code \\x}, {@code \\u} or {@code \\U} escape; returns the index of its last char. */
    private static int hexEscape(String body, int i, int digits, StringBuilder sb) {
        String hex = body.substring(i + 1, Math.min(body.length(), i + 1 + digits));
        if (hex.length() == digits && hex.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            long cp = Long.parseLong(hex, 16);
            if (cp <= Character.MAX_CODE_POINT) {
                sb.appendCodePoint((int) cp);
                return i + digits;
            }
        }
        sb.append('\\').append(body.charAt(i));
        return i;
    }

    private static int namedEscape(String body, int i, StringBuilder sb) {
        if (i + 1 < body.length() && body.charAt(i + 1) == '{') {
            int close = body.indexOf('}', i + 2);
            if (close > 0) {
                try {
                    sb.appendCodePoint(Character.codePointOf(body.substring(i + 2, close)));
                    return close;
                } catch (IllegalArgumentException unknownName) {
                    // fall through: kept literally
                }
            }
        }
        sb.append("\\N");
        return i;
    }

    /** A raw bytes body: characters above 0xFF cannot be bytes and become '?'. */
    private static String toBytes(String body) {
        for (int i = 0; i < body.length(); i++) {
            if (body.charAt(i) > 0xff) {
                StringBuilder sb = new StringBuilder(body.length());
                body.chars().forEach(c -> sb.append(c > 0xff ? '?' : (char) c));
                return sb.toString();
            }
        }
        return body;
    }

    // ---- helpers ---------------------------------------------------------------------------------

    private static final Set<String> HEADERS = Set.of("def", "class", "if", "elif", "while", "for", "with", "except");

    private boolean startsWithHeaderKeyword() {
        if (lineFirstToken < 0 || lineFirstToken >= out.size()) {
            return false;
        }
        PyToken first = out.get(lineFirstToken);
        if (first.isName("async") && lineFirstToken + 1 < out.size()) {
            first = out.get(lineFirstToken + 1);
        }
        return first.is(PyToken.Kind.NAME) && HEADERS.contains(first.text());
    }

    private PyToken last() {
        return out.get(out.size() - 1);
    }

    private void emit(PyToken.Kind kind, int start, int stop, Object value) {
        if (lineFirstToken < 0 && kind != PyToken.Kind.INDENT && kind != PyToken.Kind.DEDENT && kind != PyToken.Kind.ERROR) {
            lineFirstToken = out.size();
        }
        out.add(new PyToken(kind, start, stop, value));
    }

    private static boolean isLineBreak(char c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    static boolean isIdentifierStart(char c) {
        if (c < 0x80) {
            return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
        }
        return Character.isUnicodeIdentifierStart(c) || Character.isHighSurrogate(c);
    }

    private static boolean isIdentifierPart(char c) {
        if (c < 0x80) {
            return isAsciiIdentifierPart(c);
        }
        return (Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c))
                || Character.isHighSurrogate(c) || Character.isLowSurrogate(c);
    }
}
