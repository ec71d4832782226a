package dev.chainhunt.lang.python;

import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.chainhunt.lang.python.PyKind.*;

/**
 * A hand-written, error-tolerant recursive-descent parser for Python 2 and 3, with precedence
 * climbing for binary operators. It never throws: a statement that cannot be parsed becomes an
 * {@code ERROR} node, parsing resumes at the next logical line, and the indented block of a broken
 * header is still parsed. Nesting is bounded ({@link #MAX_DEPTH} expression levels,
 * {@link #MAX_BLOCKS} blocks), so no input overflows the stack; every token is consumed once.
 */
public final class PyParser {

    /** Expression nesting beyond this is an error (CPython's own parser stops at 200 parentheses). */
    public static final int MAX_DEPTH = 200;
    /** Block nesting beyond this is an error (CPython allows 100). */
    public static final int MAX_BLOCKS = 100;

    private static final Set<String> KEYWORDS = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
            "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
            "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield");

    private static final Set<String> AUGMENTED = Set.of(
            "+=", "-=", "*=", "/=", "//=", "%=", "**=", ">>=", "<<=", "&=", "|=", "^=", "@=");

    private static final Map<String, Integer> BINARY_PRECEDENCE = Map.ofEntries(
            Map.entry("|", 1), Map.entry("^", 2), Map.entry("&", 3), Map.entry("<<", 4), Map.entry(">>", 4),
            Map.entry("+", 5), Map.entry("-", 5), Map.entry("*", 6), Map.entry("/", 6), Map.entry("//", 6),
            Map.entry("%", 6), Map.entry("@", 6));

    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=", "<>");

    private final String src;
    private final List<PyToken> toks;
    private final List<SyntaxTree.SyntaxError> errors;
    private final int last;
    private int p;
    private int depth;
    private int blocks;

    private PyParser(String src, List<PyToken> tokens, List<SyntaxTree.SyntaxError> errors) {
        this.src = src;
        this.errors = errors;
        List<PyToken> kept = new ArrayList<>(tokens.size());
        for (PyToken t : tokens) {
            if (t.is(PyToken.Kind.ERROR)) {
                errors.add(new SyntaxTree.SyntaxError(t.start(), t.end(), String.valueOf(t.value())));
            } else {
                kept.add(t);
            }
        }
        this.toks = kept;
        this.last = kept.size() - 1;
    }

    /** Parses a module. Never throws. */
    public static SyntaxTree parse(String source) {
        List<SyntaxTree.SyntaxError> errors = new ArrayList<>();
        PyParser parser = new PyParser(source, PyLexer.tokenize(source), errors);
        List<SyntaxNode> body = new ArrayList<>();
        while (!parser.peek().is(PyToken.Kind.END)) {
            parser.statement(body);
        }
        errors.sort(java.util.Comparator.comparingInt(SyntaxTree.SyntaxError::start));
        return new SyntaxTree(source, new SyntaxNode(MODULE, 0, source.length(), null, body), errors);
    }

    /** Parses the expression in {@code source[start, end)} (an f-string field); offsets stay those of source. */
    static SyntaxNode parseExpression(String source, int start, int end, List<SyntaxTree.SyntaxError> errors, int depth) {
        PyParser parser = new PyParser(source, PyLexer.tokenizeExpression(source, start, end), errors);
        parser.depth = depth;
        try {
            SyntaxNode e = parser.starExpressions();
            if (!parser.peek().is(PyToken.Kind.END)) {
                parser.error(parser.peek(), "unexpected " + describe(parser.peek()) + " in f-string field");
            }
            return e;
        } catch (ParseError e) {
            errors.add(new SyntaxTree.SyntaxError(e.start, e.end, e.getMessage()));
            return new SyntaxNode(ERROR, start, end, e.getMessage());
        }
    }

    // ---- tokens ------------------------------------------------------------------------------------

    private PyToken peek() {
        return toks.get(p);
    }

    private PyToken peek(int k) {
        return toks.get(Math.min(p + k, last));
    }

    private PyToken next() {
        PyToken t = toks.get(p);
        if (p < last) {
            p++;
        }
        return t;
    }

    private int prevEnd() {
        return p == 0 ? 0 : toks.get(p - 1).end();
    }

    private boolean atOp(String op) {
        return peek().isOp(op);
    }

    private boolean atKeyword(String kw) {
        return peek().isName(kw);
    }

    private boolean acceptOp(String op) {
        if (atOp(op)) {
            next();
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String kw) {
        if (atKeyword(kw)) {
            next();
            return true;
        }
        return false;
    }

    private PyToken expectOp(String op) {
        if (!atOp(op)) {
            throw error(peek(), "expected '" + op + "', found " + describe(peek()));
        }
        return next();
    }

    private void expectKeyword(String kw) {
        if (!atKeyword(kw)) {
            throw error(peek(), "expected '" + kw + "', found " + describe(peek()));
        }
        next();
    }

    private String expectName() {
        PyToken t = peek();
        if (!t.is(PyToken.Kind.NAME) || (KEYWORDS.contains(t.text()) && !t.isName("print") && !t.isName("exec"))) {
            throw error(t, "expected a name, found " + describe(t));
        }
        next();
        return t.text();
    }

    private static String describe(PyToken t) {
        return switch (t.kind()) {
            case NEWLINE -> "end of line";
            case END -> "end of file";
            case INDENT -> "indent";
            case DEDENT -> "dedent";
            case STRING -> "string";
            case NUMBER -> "number";
            default -> "'" + t.text() + "'";
        };
    }

    /** A parse failure, unwound to the enclosing statement; carries no stack trace. */
    private static final class ParseError extends RuntimeException {
        final int start;
        final int end;

        ParseError(String message, int start, int end) {
            super(message, null, false, false);
            this.start = start;
            this.end = end;
        }
    }

    private ParseError error(PyToken t, String message) {
        return new ParseError(message, t.start(), t.end());
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error(peek(), "expression nested more than " + MAX_DEPTH + " levels deep");
        }
    }

    private void leave() {
        depth--;
    }

    private SyntaxNode node(PyKind kind, int start, Object value, SyntaxNode... children) {
        return new SyntaxNode(kind, start, Math.max(start, prevEnd()), value, children);
    }

    private SyntaxNode node(PyKind kind, int start, Object value, List<SyntaxNode> children) {
        return new SyntaxNode(kind, start, Math.max(start, prevEnd()), value, children);
    }

    // ---- statements -----------------------------------------------------------------------------

    private void statement(List<SyntaxNode> out) {
        int startTok = p;
        int savedDepth = depth;
        PyToken t = peek();
        try {
            if (t.is(PyToken.Kind.NEWLINE) || t.is(PyToken.Kind.DEDENT)) {
                next();
                return;
            }
            if (t.is(PyToken.Kind.INDENT)) {
                errors.add(new SyntaxTree.SyntaxError(t.start(), t.end(), "unexpected indent"));
                out.add(new SyntaxNode(ERROR, t.start(), t.start(), "unexpected indent", indentedBlock()));
                return;
            }
            SyntaxNode compound = compound(t);
            if (compound != null) {
                out.add(compound);
                return;
            }
            simpleStatements(out);
        } catch (ParseError e) {
            depth = savedDepth;
            out.add(recover(startTok, e));
        }
    }

    /** Skips the rest of a broken logical line; a block that follows is still parsed. */
    private SyntaxNode recover(int startTok, ParseError e) {
        errors.add(new SyntaxTree.SyntaxError(e.start, e.end, e.getMessage()));
        int start = toks.get(startTok).start();
        while (!peek().is(PyToken.Kind.NEWLINE) && !peek().is(PyToken.Kind.END)) {
            next();
        }
        int end = peek().end();
        if (peek().is(PyToken.Kind.NEWLINE)) {
            next();
        }
        if (peek().is(PyToken.Kind.INDENT)) {
            SyntaxNode body = indentedBlock();
            return new SyntaxNode(ERROR, start, body.end(), e.getMessage(), body);
        }
        return new SyntaxNode(ERROR, start, end, e.getMessage());
    }

    private SyntaxNode compound(PyToken t) {
        if (t.isOp("@")) {
            return decorated();
        }
        if (!t.is(PyToken.Kind.NAME)) {
            return null;
        }
        return switch (t.text()) {
            case "if" -> ifStatement();
            case "while" -> whileStatement();
            case "for" -> forStatement(null);
            case "try" -> tryStatement();
            case "with" -> withStatement(null);
            case "def" -> function(List.of(), t.start());
            case "class" -> classDef(List.of(), t.start());
            case "async" -> {
                PyToken n = peek(1);
                if (n.isName("def")) {
                    next();
                    yield function(List.of(), t.start());
                }
                if (n.isName("for")) {
                    next();
                    yield forStatement("async");
                }
                if (n.isName("with")) {
                    next();
                    yield withStatement("async");
                }
                yield null;
            }
            case "match" -> looksLikeMatch() ? matchStatement() : null;
            default -> null;
        };
    }

    private SyntaxNode decorated() {
        int start = peek().start();
        List<SyntaxNode> decorators = new ArrayList<>();
        while (acceptOp("@")) {
            decorators.add(namedExpression());
            expectNewline();
        }
        if (atKeyword("async") && peek(1).isName("def")) {
            next();
        }
        if (atKeyword("def")) {
            return function(decorators, start);
        }
        if (atKeyword("class")) {
            return classDef(decorators, start);
        }
        throw error(peek(), "expected 'def' or 'class' after a decorator");
    }

    private SyntaxNode function(List<SyntaxNode> decorators, int start) {
        expectKeyword("def");
        String name = expectName();
        int paramsStart = peek().start();
        SyntaxNode params;
        if (atOp("[")) {
            typeParams();
        }
        expectOp("(");
        params = parameters(")", true, paramsStart);
        expectOp(")");
        SyntaxNode returns = acceptOp("->") ? expression() : null;
        expectOp(":");
        SyntaxNode body = suite();
        return node(FUNCTION, start, name, new SyntaxNode(DECORATORS, start, start, null, decorators), params, returns, body);
    }

    /** PEP 695 type parameters ({@code def f[T](x: T)}): parsed and dropped. */
    private void typeParams() {
        expectOp("[");
        while (!atOp("]")) {
            acceptOp("*");
            acceptOp("**");
            expectName();
            if (acceptOp(":")) {
                expression();
            }
            if (acceptOp("=")) {
                starOrNamed();
            }
            if (!acceptOp(",")) {
                break;
            }
        }
        expectOp("]");
    }

    private SyntaxNode classDef(List<SyntaxNode> decorators, int start) {
        expectKeyword("class");
        String name = expectName();
        if (atOp("[")) {
            typeParams();
        }
        int argsStart = peek().start();
        List<SyntaxNode> args = new ArrayList<>();
        if (acceptOp("(")) {
            arguments(args);
            expectOp(")");
        }
        SyntaxNode bases = node(ARGUMENTS, argsStart, null, args);
        expectOp(":");
        SyntaxNode body = suite();
        return node(CLASS, start, name, new SyntaxNode(DECORATORS, start, start, null, decorators), bases, body);
    }

    /**
     * A parameter list up to {@code close}: names with optional annotations (when {@code typed})
     * and defaults, {@code *args}, {@code **kwargs} and the {@code /} and {@code *} markers.
     */
    private SyntaxNode parameters(String close, boolean typed, int start) {
        List<SyntaxNode> params = new ArrayList<>();
        while (!atOp(close) && !peek().is(PyToken.Kind.END) && !peek().is(PyToken.Kind.NEWLINE)) {
            int s = peek().start();
            if (acceptOp("**")) {
                String name = expectName();
                SyntaxNode annotation = typed && acceptOp(":") ? expression() : null;
                params.add(node(KW_PARAM, s, name, annotation));
            } else if (acceptOp("*")) {
                if (atOp(",") || atOp(close)) {
                    params.add(node(PARAM_MARKER, s, "*"));
                } else {
                    String name = expectName();
                    SyntaxNode annotation = typed && acceptOp(":") ? starOrNamed() : null;
                    params.add(node(VAR_PARAM, s, name, annotation));
                }
            } else if (acceptOp("/")) {
                params.add(node(PARAM_MARKER, s, "/"));
            } else if (atOp("(")) {
                // Python 2 tuple parameter: def f((a, b)):
                next();
                SyntaxNode inner = parameters(")", false, s);
                expectOp(")");
                SyntaxNode value = acceptOp("=") ? expression() : null;
                params.add(node(PARAM, s, "(" + inner.childCount() + "-tuple)", null, value));
            } else {
                String name = expectName();
                SyntaxNode annotation = typed && acceptOp(":") ? expression() : null;
                SyntaxNode value = acceptOp("=") ? expression() : null;
                params.add(node(PARAM, s, name, annotation, value));
            }
            if (!acceptOp(",")) {
                break;
            }
        }
        return node(PARAMS, start, null, params);
    }

    private SyntaxNode ifStatement() {
        int start = peek().start();
        next(); // if or elif
        SyntaxNode test = namedExpression();
        expectOp(":");
        SyntaxNode body = suite();
        SyntaxNode orelse = null;
        if (atKeyword("elif")) {
            orelse = ifStatement();
        } else if (acceptKeyword("else")) {
            expectOp(":");
            orelse = suite();
        }
        return node(IF, start, null, test, body, orelse);
    }

    private SyntaxNode whileStatement() {
        int start = peek().start();
        next();
        SyntaxNode test = namedExpression();
        expectOp(":");
        SyntaxNode body = suite();
        SyntaxNode orelse = null;
        if (acceptKeyword("else")) {
            expectOp(":");
            orelse = suite();
        }
        return node(WHILE, start, null, test, body, orelse);
    }

    private SyntaxNode forStatement(String async) {
        int start = peek().start();
        expectKeyword("for");
        SyntaxNode target = targetList();
        expectKeyword("in");
        SyntaxNode iterable = starExpressions();
        expectOp(":");
        SyntaxNode body = suite();
        SyntaxNode orelse = null;
        if (acceptKeyword("else")) {
            expectOp(":");
            orelse = suite();
        }
        return node(FOR, start, async, target, iterable, body, orelse);
    }

    private SyntaxNode tryStatement() {
        int start = peek().start();
        expectKeyword("try");
        expectOp(":");
        SyntaxNode body = suite();
        int handlersStart = peek().start();
        List<SyntaxNode> handlers = new ArrayList<>();
        while (atKeyword("except")) {
            int s = peek().start();
            next();
            acceptOp("*");
            SyntaxNode type = null;
            String name = null;
            if (!atOp(":")) {
                type = expression();
                if (acceptKeyword("as")) {
                    name = expectName();
                } else if (acceptOp(",")) {
                    // Python 2: except (A, B), e:  or a bare tuple of types without parentheses
                    SyntaxNode second = expression();
                    if (second.is(NAME) && atOp(":")) {
                        name = second.text();
                    } else {
                        List<SyntaxNode> types = new ArrayList<>(List.of(type, second));
                        while (acceptOp(",")) {
                            types.add(expression());
                        }
                        type = node(TUPLE, type.start(), null, types);
                    }
                }
            }
            expectOp(":");
            SyntaxNode handlerBody = suite();
            handlers.add(node(EXCEPT, s, name, type, handlerBody));
        }
        SyntaxNode orelse = null;
        SyntaxNode finalBody = null;
        if (acceptKeyword("else")) {
            expectOp(":");
            orelse = suite();
        }
        if (acceptKeyword("finally")) {
            expectOp(":");
            finalBody = suite();
        }
        if (handlers.isEmpty() && finalBody == null) {
            throw error(peek(), "expected 'except' or 'finally' block");
        }
        return node(TRY, start, null, body, new SyntaxNode(HANDLERS, handlersStart, prevEnd(), null, handlers),
                orelse, finalBody);
    }

    private SyntaxNode withStatement(String async) {
        int start = peek().start();
        expectKeyword("with");
        List<SyntaxNode> items = new ArrayList<>();
        if (atOp("(") && parenthesisedWithItems()) {
            next();
            while (!atOp(")")) {
                items.add(withItem());
                if (!acceptOp(",")) {
                    break;
                }
            }
            expectOp(")");
        } else {
            do {
                items.add(withItem());
            } while (acceptOp(","));
        }
        expectOp(":");
        items.add(suite());
        return node(WITH, start, async, items);
    }

    /** Whether {@code with (a as b, c):} uses the 3.10 parenthesised form: an {@code as} directly inside. */
    private boolean parenthesisedWithItems() {
        int level = 0;
        for (int i = p; i <= last; i++) {
            PyToken t = toks.get(i);
            if (t.isOp("(") || t.isOp("[") || t.isOp("{")) {
                level++;
            } else if (t.isOp(")") || t.isOp("]") || t.isOp("}")) {
                if (--level == 0) {
                    return false;
                }
            } else if (level == 1 && t.isName("as")) {
                return true;
            } else if (t.is(PyToken.Kind.NEWLINE) || t.is(PyToken.Kind.END)) {
                return false;
            }
        }
        return false;
    }

    private SyntaxNode withItem() {
        int start = peek().start();
        SyntaxNode context = expression();
        SyntaxNode target = acceptKeyword("as") ? target() : null;
        return node(WITH_ITEM, start, null, context, target);
    }

    /** A {@code match} statement if the line ends with ':' and an indented block of cases follows. */
    private boolean looksLikeMatch() {
        PyToken n = peek(1);
        boolean startsSubject = n.is(PyToken.Kind.NAME) || n.is(PyToken.Kind.NUMBER) || n.is(PyToken.Kind.STRING)
                || n.isOp("(") || n.isOp("[") || n.isOp("{") || n.isOp("-") || n.isOp("*");
        if (!startsSubject || (n.is(PyToken.Kind.NAME) && KEYWORDS.contains(n.text()) && !n.isName("not")
                && !n.isName("None") && !n.isName("True") && !n.isName("False"))) {
            return false;
        }
        for (int i = p + 1; i <= last; i++) {
            PyToken t = toks.get(i);
            if (t.is(PyToken.Kind.NEWLINE)) {
                return toks.get(i - 1).isOp(":") && i + 1 <= last && toks.get(i + 1).is(PyToken.Kind.INDENT);
            }
            if (t.is(PyToken.Kind.END)) {
                return false;
            }
        }
        return false;
    }

    private SyntaxNode matchStatement() {
        int start = peek().start();
        next();
        SyntaxNode subject = starExpressions();
        expectOp(":");
        expectNewline();
        if (!peek().is(PyToken.Kind.INDENT)) {
            throw error(peek(), "expected an indented block of cases");
        }
        next();
        List<SyntaxNode> children = new ArrayList<>();
        children.add(subject);
        while (atKeyword("case")) {
            int s = peek().start();
            int savedDepth = depth;
            int startTok = p;
            try {
                next();
                SyntaxNode pattern = pattern();
                SyntaxNode guard = acceptKeyword("if") ? namedExpression() : null;
                expectOp(":");
                SyntaxNode body = suite();
                children.add(node(CASE, s, null, pattern, guard, body));
            } catch (ParseError e) {
                depth = savedDepth;
                children.add(recover(startTok, e));
            }
        }
        while (!peek().is(PyToken.Kind.DEDENT) && !peek().is(PyToken.Kind.END)) {
            statement(children);
        }
        if (peek().is(PyToken.Kind.DEDENT)) {
            next();
        }
        return node(MATCH, start, null, children);
    }

    /**
     * Patterns are read as expressions (literals, names, calls, sequences, mappings, '|') without
     * conditional expressions, so a guard's 'if' ends them; plus 'as' and star captures.
     */
    private SyntaxNode pattern() {
        int start = peek().start();
        List<SyntaxNode> items = new ArrayList<>();
        do {
            if (atOp(":") || atKeyword("if")) {
                break;
            }
            int s = peek().start();
            items.add(atOp("*") ? node(STARRED, next().start(), null, bitOr()) : orTest());
            if (atKeyword("as")) {
                next();
                items.set(items.size() - 1, node(AS_PATTERN, s, expectName(), items.get(items.size() - 1)));
            }
        } while (acceptOp(","));
        if (items.isEmpty()) {
            throw error(peek(), "expected a pattern");
        }
        return items.size() == 1 ? items.get(0) : node(TUPLE, start, null, items);
    }

    /** After a compound statement's ':': an indented block, or simple statements on the same line. */
    private SyntaxNode suite() {
        int start = peek().start();
        if (peek().is(PyToken.Kind.NEWLINE)) {
            next();
            if (!peek().is(PyToken.Kind.INDENT)) {
                errors.add(new SyntaxTree.SyntaxError(peek().start(), peek().end(), "expected an indented block"));
                return new SyntaxNode(BLOCK, start, start, null);
            }
            return indentedBlock();
        }
        List<SyntaxNode> body = new ArrayList<>();
        simpleStatements(body);
        return node(BLOCK, start, null, body);
    }

    /** INDENT statements DEDENT; too deep a nesting is skipped as one error. */
    private SyntaxNode indentedBlock() {
        int start = peek().start();
        next(); // INDENT
        if (blocks >= MAX_BLOCKS) {
            int level = 1;
            while (level > 0 && !peek().is(PyToken.Kind.END)) {
                PyToken t = next();
                level += t.is(PyToken.Kind.INDENT) ? 1 : t.is(PyToken.Kind.DEDENT) ? -1 : 0;
            }
            String message = "blocks nested more than " + MAX_BLOCKS + " levels deep";
            errors.add(new SyntaxTree.SyntaxError(start, prevEnd(), message));
            return node(ERROR, start, message);
        }
        blocks++;
        List<SyntaxNode> body = new ArrayList<>();
        while (!peek().is(PyToken.Kind.DEDENT) && !peek().is(PyToken.Kind.END)) {
            statement(body);
        }
        if (peek().is(PyToken.Kind.DEDENT)) {
            next();
        }
        blocks--;
        return node(BLOCK, start, null, body);
    }

    private void expectNewline() {
        if (peek().is(PyToken.Kind.NEWLINE)) {
            next();
        } else if (!peek().is(PyToken.Kind.END)) {
            throw error(peek(), "expected end of line, found " + describe(peek()));
        }
    }

    /** small_stmt (';' small_stmt)* NEWLINE */
    private void simpleStatements(List<SyntaxNode> out) {
        out.add(smallStatement());
        while (acceptOp(";")) {
            if (peek().is(PyToken.Kind.NEWLINE) || peek().is(PyToken.Kind.END)) {
                break;
            }
            out.add(smallStatement());
        }
        expectNewline();
    }

    private SyntaxNode smallStatement() {
        PyToken t = peek();
        int start = t.start();
        if (t.is(PyToken.Kind.NAME)) {
            switch (t.text()) {
                case "pass" -> {
                    next();
                    return node(PASS, start, null);
                }
                case "break" -> {
                    next();
                    return node(BREAK, start, null);
                }
                case "continue" -> {
                    next();
                    return node(CONTINUE, start, null);
                }
                case "return" -> {
                    next();
                    return node(RETURN, start, null, endsStatement() ? null : starExpressions());
                }
                case "raise" -> {
                    next();
                    return raiseStatement(start);
                }
                case "global", "nonlocal" -> {
                    next();
                    List<String> names = new ArrayList<>();
                    do {
                        names.add(expectName());
                    } while (acceptOp(","));
                    return node(t.text().equals("global") ? GLOBAL : NONLOCAL, start, List.copyOf(names));
                }
                case "del" -> {
                    next();
                    SyntaxNode targets = targetList();
                    return node(DEL, start, null, targets.is(TUPLE) ? targets.childrenFrom(0) : List.of(targets));
                }
                case "assert" -> {
                    next();
                    SyntaxNode test = expression();
                    SyntaxNode message = acceptOp(",") ? expression() : null;
                    return node(ASSERT, start, null, test, message);
                }
                case "import" -> {
                    next();
                    return importStatement(start);
                }
                case "from" -> {
                    next();
                    return fromImport(start);
                }
                case "print" -> {
                    if (isPython2Statement(peek(1))) {
                        next();
                        return printStatement(start);
                    }
                }
                case "exec" -> {
                    if (isPython2Statement(peek(1)) && !peek(1).isOp(">>")) {
                        next();
                        SyntaxNode code = bitOr();
                        SyntaxNode globals = null;
                        SyntaxNode locals = null;
                        if (acceptKeyword("in")) {
                            globals = expression();
                            locals = acceptOp(",") ? expression() : null;
                        }
                        return node(EXEC, start, null, code, globals, locals);
                    }
                }
                case "type" -> {
                    if (peek(1).is(PyToken.Kind.NAME) && (peek(2).isOp("=") || peek(2).isOp("["))) {
                        next();
                        SyntaxNode name = atom();
                        if (atOp("[")) {
                            typeParams();
                        }
                        expectOp("=");
                        return node(TYPE_ALIAS, start, null, name, expression());
                    }
                }
                default -> {
                }
            }
        }
        return expressionStatement(start);
    }

    /** Whether a Python 2 {@code print}/{@code exec} statement follows (not a call or an assignment). */
    private static boolean isPython2Statement(PyToken next) {
        return next.is(PyToken.Kind.STRING) || next.is(PyToken.Kind.NUMBER) || next.isOp("`") || next.isOp(">>")
                || (next.is(PyToken.Kind.NAME) && !KEYWORDS.contains(next.text()) && !next.isName("if"))
                || next.isName("not") || next.isName("None") || next.isName("True") || next.isName("False")
                || next.isName("lambda");
    }

    private SyntaxNode printStatement(int start) {
        List<SyntaxNode> children = new ArrayList<>();
        SyntaxNode dest = null;
        if (acceptOp(">>")) {
            dest = expression();
            if (!acceptOp(",")) {
                return node(PRINT, start, null, dest);
            }
        }
        children.add(dest);
        while (!endsStatement()) {
            children.add(expression());
            if (!acceptOp(",")) {
                break;
            }
        }
        return node(PRINT, start, null, children);
    }

    private SyntaxNode raiseStatement(int start) {
        if (endsStatement()) {
            return node(RAISE, start, null);
        }
        SyntaxNode exc = expression();
        SyntaxNode cause = null;
        if (acceptKeyword("from")) {
            cause = expression();
        } else if (acceptOp(",")) {
            cause = expression(); // Python 2: raise E, value[, traceback]
            if (acceptOp(",")) {
                expression();
            }
        }
        return node(RAISE, start, null, exc, cause);
    }

    private boolean endsStatement() {
        PyToken t = peek();
        return t.is(PyToken.Kind.NEWLINE) || t.is(PyToken.Kind.END) || t.isOp(";");
    }

    private SyntaxNode importStatement(int start) {
        List<SyntaxNode> aliases = new ArrayList<>();
        do {
            int s = peek().start();
            aliases.add(alias(s, dottedName()));
        } while (acceptOp(","));
        return node(IMPORT, start, null, aliases);
    }

    /** An imported name starting at {@code s}, with its optional {@code as NAME}. */
    private SyntaxNode alias(int s, String name) {
        SyntaxNode as = null;
        if (acceptKeyword("as")) {
            int asStart = peek().start();
            as = node(NAME, asStart, expectName());
        }
        return node(ALIAS, s, name, as);
    }

    private SyntaxNode fromImport(int start) {
        StringBuilder module = new StringBuilder();
        while (atOp(".") || atOp("...")) {
            module.append(next().text());
        }
        if (!atKeyword("import")) {
            module.append(dottedName());
        }
        expectKeyword("import");
        List<SyntaxNode> aliases = new ArrayList<>();
        if (atOp("*")) {
            int s = next().start();
            aliases.add(node(ALIAS, s, "*"));
        } else {
            boolean parens = acceptOp("(");
            do {
                if (parens && atOp(")")) {
                    break;
                }
                int s = peek().start();
                aliases.add(alias(s, expectName()));
            } while (acceptOp(","));
            if (parens) {
                expectOp(")");
            }
        }
        return node(IMPORT_FROM, start, module.toString(), aliases);
    }

    private String dottedName() {
        StringBuilder name = new StringBuilder(expectName());
        while (atOp(".")) {
            next();
            name.append('.').append(expectName());
        }
        return name.toString();
    }

    /** Expression statements, assignments (chained, augmented, annotated). */
    private SyntaxNode expressionStatement(int start) {
        SyntaxNode first = atKeyword("yield") ? yieldExpression() : starExpressions();
        if (atOp("=")) {
            List<SyntaxNode> parts = new ArrayList<>();
            parts.add(first);
            while (acceptOp("=")) {
                parts.add(atKeyword("yield") ? yieldExpression() : starExpressions());
            }
            return node(ASSIGN, start, null, parts);
        }
        PyToken t = peek();
        if (t.is(PyToken.Kind.OP) && AUGMENTED.contains(t.text())) {
            next();
            SyntaxNode value = atKeyword("yield") ? yieldExpression() : starExpressions();
            return node(AUG_ASSIGN, start, t.text(), first, value);
        }
        if (acceptOp(":")) {
            SyntaxNode annotation = expression();
            SyntaxNode value = null;
            if (acceptOp("=")) {
                value = atKeyword("yield") ? yieldExpression() : starExpressions();
            }
            return node(ANN_ASSIGN, start, null, first, annotation, value);
        }
        return node(EXPR, start, null, first);
    }

    // ---- expressions ----------------------------------------------------------------------------

    /** Comma-separated expressions (a tuple without parentheses when there is a comma), stars allowed. */
    private SyntaxNode starExpressions() {
        return commaList(this::starOrNamed, false);
    }

    private SyntaxNode starOrNamed() {
        return starredOr(this::namedExpression);
    }

    /** Assignment targets for 'for', 'del', 'as' and comprehensions: stops before 'in'. */
    private SyntaxNode targetList() {
        return commaList(this::target, true);
    }

    private SyntaxNode target() {
        return starredOr(this::bitOr);
    }

    /** One item, or a parenthesis-less tuple of items when commas follow (a trailing comma allowed). */
    private SyntaxNode commaList(java.util.function.Supplier<SyntaxNode> item, boolean stopAtIn) {
        int start = peek().start();
        SyntaxNode first = item.get();
        if (!atOp(",")) {
            return first;
        }
        List<SyntaxNode> items = new ArrayList<>();
        items.add(first);
        while (acceptOp(",")) {
            if (!startsExpression(peek()) || (stopAtIn && atKeyword("in"))) {
                break;
            }
            items.add(item.get());
        }
        return node(TUPLE, start, null, items);
    }

    /** {@code *expr} (its operand an or-expression), or whatever {@code otherwise} parses. */
    private SyntaxNode starredOr(java.util.function.Supplier<SyntaxNode> otherwise) {
        if (atOp("*")) {
            int start = next().start();
            return node(STARRED, start, null, bitOr());
        }
        return otherwise.get();
    }

    private boolean startsExpression(PyToken t) {
        return switch (t.kind()) {
            case NAME -> !KEYWORDS.contains(t.text()) || t.isName("None") || t.isName("True") || t.isName("False")
                    || t.isName("not") || t.isName("lambda") || t.isName("await") || t.isName("yield");
            case NUMBER, STRING -> true;
            case OP -> switch (t.text()) {
                case "(", "[", "{", "-", "+", "~", "*", "**", "...", "`" -> true;
                default -> false;
            };
            default -> false;
        };
    }

    private SyntaxNode namedExpression() {
        if (peek().is(PyToken.Kind.NAME) && peek(1).isOp(":=")) {
            int start = peek().start();
            SyntaxNode target = node(NAME, start, next().text());
            next();
            return node(NAMED, start, null, target, expression());
        }
        return expression();
    }

    private SyntaxNode expression() {
        enter();
        try {
            if (atKeyword("lambda")) {
                return lambda();
            }
            int start = peek().start();
            SyntaxNode body = orTest();
            if (atKeyword("if") && !peek(1).is(PyToken.Kind.NEWLINE)) {
                next();
                SyntaxNode test = orTest();
                expectKeyword("else");
                SyntaxNode orelse = expression();
                return node(CONDITIONAL, start, null, body, test, orelse);
            }
            return body;
        } finally {
            leave();
        }
    }

    private SyntaxNode lambda() {
        int start = next().start();
        SyntaxNode params = parameters(":", false, peek().start());
        expectOp(":");
        return node(LAMBDA, start, null, params, expression());
    }

    private SyntaxNode orTest() {
        return booleanChain("or");
    }

    private SyntaxNode booleanChain(String op) {
        int start = peek().start();
        SyntaxNode first = op.equals("or") ? booleanChain("and") : notTest();
        if (!atKeyword(op)) {
            return first;
        }
        List<SyntaxNode> operands = new ArrayList<>();
        operands.add(first);
        while (acceptKeyword(op)) {
            operands.add(op.equals("or") ? booleanChain("and") : notTest());
        }
        return node(BOOLEAN, start, op, operands);
    }

    private SyntaxNode notTest() {
        if (atKeyword("not")) {
            int start = next().start();
            enter();
            try {
                return node(UNARY, start, "not", notTest());
            } finally {
                leave();
            }
        }
        return comparison();
    }

    private SyntaxNode comparison() {
        int start = peek().start();
        SyntaxNode first = bitOr();
        List<String> ops = null;
        List<SyntaxNode> operands = null;
        while (true) {
            String op = comparisonOperator();
            if (op == null) {
                break;
            }
            if (ops == null) {
                ops = new ArrayList<>();
                operands = new ArrayList<>();
                operands.add(first);
            }
            ops.add(op);
            operands.add(bitOr());
        }
        return ops == null ? first : node(COMPARE, start, List.copyOf(ops), operands);
    }

    private String comparisonOperator() {
        PyToken t = peek();
        if (t.is(PyToken.Kind.OP) && COMPARISONS.contains(t.text())) {
            next();
            return t.text().equals("<>") ? "!=" : t.text();
        }
        if (t.isName("in")) {
            next();
            return "in";
        }
        if (t.isName("not") && peek(1).isName("in")) {
            next();
            next();
            return "not in";
        }
        if (t.isName("is")) {
            next();
            return acceptKeyword("not") ? "is not" : "is";
        }
        return null;
    }

    private SyntaxNode bitOr() {
        return binary(1);
    }

    /** Precedence climbing over |, ^, &, shifts, + -, * / // % @ (all left-associative). */
    private SyntaxNode binary(int minPrecedence) {
        int start = peek().start();
        SyntaxNode left = unary();
        while (true) {
            PyToken t = peek();
            Integer precedence = t.is(PyToken.Kind.OP) ? BINARY_PRECEDENCE.get(t.text()) : null;
            if (precedence == null || precedence < minPrecedence) {
                return left;
            }
            next();
            SyntaxNode right = binary(precedence + 1);
            left = node(BINARY, start, t.text(), left, right);
        }
    }

    private SyntaxNode unary() {
        PyToken t = peek();
        if (t.isOp("-") || t.isOp("+") || t.isOp("~")) {
            next();
            enter();
            try {
                return node(UNARY, t.start(), t.text(), unary());
            } finally {
                leave();
            }
        }
        return power();
    }

    private SyntaxNode power() {
        int start = peek().start();
        SyntaxNode base;
        if (atKeyword("await")) {
            next();
            base = node(AWAIT, start, null, primary());
        } else {
            base = primary();
        }
        if (acceptOp("**")) {
            enter();
            try {
                return node(BINARY, start, "**", base, unary());
            } finally {
                leave();
            }
        }
        return base;
    }

    /** An atom followed by any number of calls, subscripts and attribute accesses. */
    private SyntaxNode primary() {
        int start = peek().start();
        SyntaxNode e = atom();
        while (true) {
            if (atOp(".")) {
                next();
                PyToken name = peek();
                if (!name.is(PyToken.Kind.NAME)) {
                    throw error(name, "expected an attribute name after '.'");
                }
                next();
                e = node(ATTRIBUTE, start, name.text(), e);
            } else if (atOp("(")) {
                next();
                List<SyntaxNode> args = new ArrayList<>();
                args.add(e);
                arguments(args);
                expectOp(")");
                e = node(CALL, start, null, args);
            } else if (atOp("[")) {
                next();
                SyntaxNode index = subscript();
                expectOp("]");
                e = node(SUBSCRIPT, start, null, e, index);
            } else {
                return e;
            }
        }
    }

    /** Call arguments up to ')': positional, *args, **kwargs, name=value, or a lone generator. */
    private void arguments(List<SyntaxNode> out) {
        while (!atOp(")") && !peek().is(PyToken.Kind.END)) {
            int start = peek().start();
            if (acceptOp("**")) {
                out.add(node(DOUBLE_STARRED, start, null, expression()));
            } else if (acceptOp("*")) {
                out.add(node(STARRED, start, null, expression()));
            } else if (peek().is(PyToken.Kind.NAME) && peek(1).isOp("=")) {
                String name = next().text();
                next();
                out.add(node(KEYWORD, start, name, expression()));
            } else {
                SyntaxNode value = namedExpression();
                if (atComprehension()) {
                    value = comprehension(GENERATOR, start, value, null);
                }
                out.add(value);
            }
            if (!acceptOp(",")) {
                break;
            }
        }
    }

    private SyntaxNode subscript() {
        int start = peek().start();
        SyntaxNode first = sliceItem();
        if (!atOp(",")) {
            return first;
        }
        List<SyntaxNode> items = new ArrayList<>();
        items.add(first);
        while (acceptOp(",")) {
            if (atOp("]")) {
                break;
            }
            items.add(sliceItem());
        }
        return node(TUPLE, start, null, items);
    }

    private SyntaxNode sliceItem() {
        int start = peek().start();
        if (atOp("*")) {
            next();
            return node(STARRED, start, null, bitOr());
        }
        SyntaxNode lower = atOp(":") ? null : namedExpression();
        if (!atOp(":")) {
            return lower;
        }
        next();
        SyntaxNode upper = atOp(":") || atOp("]") || atOp(",") ? null : expression();
        SyntaxNode step = null;
        if (acceptOp(":")) {
            step = atOp("]") || atOp(",") ? null : expression();
        }
        return node(SLICE, start, null, lower, upper, step);
    }

    private SyntaxNode atom() {
        PyToken t = peek();
        int start = t.start();
        switch (t.kind()) {
            case NAME -> {
                String name = t.text();
                if (name.equals("None") || name.equals("True") || name.equals("False")) {
                    next();
                    return node(CONSTANT, start, name);
                }
                if (KEYWORDS.contains(name)) {
                    throw error(t, "unexpected keyword '" + name + "'");
                }
                next();
                return node(NAME, start, name);
            }
            case NUMBER -> {
                next();
                return node(NUMBER, start, t.value());
            }
            case STRING -> {
                return strings();
            }
            case OP -> {
                switch (t.text()) {
                    case "(" -> {
                        return parenthesised();
                    }
                    case "[" -> {
                        return listDisplay();
                    }
                    case "{" -> {
                        return dictOrSet();
                    }
                    case "..." -> {
                        next();
                        return node(CONSTANT, start, "...");
                    }
                    case "`" -> {
                        next();
                        enter();
                        try {
                            SyntaxNode value = starExpressions();
                            expectOp("`");
                            return node(REPR, start, null, value);
                        } finally {
                            leave();
                        }
                    }
                    default -> throw error(t, "unexpected " + describe(t));
                }
            }
            default -> throw error(t, "unexpected " + describe(t));
        }
    }

    /** Adjacent string literals; f-string fields are parsed as expressions. */
    private SyntaxNode strings() {
        int start = peek().start();
        List<SyntaxNode> parts = new ArrayList<>();
        while (peek().is(PyToken.Kind.STRING)) {
            PyToken t = next();
            PyString value = (PyString) t.value();
            if (value.error() != null) {
                errors.add(new SyntaxTree.SyntaxError(t.start(), t.end(), value.error()));
            }
            parts.add(value.isFormatted() ? fstring(t.start(), t.end(), value, value.parts()) : new SyntaxNode(STRING, t.start(), t.end(), value));
        }
        return parts.size() == 1 ? parts.get(0) : node(CONCAT, start, null, parts);
    }

    private SyntaxNode fstring(int start, int end, PyString value, List<PyString.Part> parts) {
        List<SyntaxNode> fields = new ArrayList<>();
        for (PyString.Part part : parts) {
            if (part instanceof PyString.Field f) {
                enter();
                try {
                    SyntaxNode expr = f.end() > f.start()
                            ? parseExpression(src, f.start(), f.end(), errors, depth)
                            : new SyntaxNode(ERROR, f.start(), f.end(), "empty f-string field");
                    SyntaxNode spec = f.spec().isEmpty() ? null
                            : fstring(f.start(), f.end(), new PyString("f", literalText(f.spec()), f.spec(), null), f.spec());
                    fields.add(new SyntaxNode(FIELD, f.start(), f.end(), f.conversion() == 0 ? null : String.valueOf(f.conversion()),
                            expr, spec));
                } finally {
                    leave();
                }
            }
        }
        return new SyntaxNode(FSTRING, start, end, value, fields);
    }

    private static String literalText(List<PyString.Part> parts) {
        StringBuilder sb = new StringBuilder();
        for (PyString.Part part : parts) {
            if (part instanceof PyString.Literal l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    private SyntaxNode parenthesised() {
        int start = next().start();
        if (acceptOp(")")) {
            return node(TUPLE, start, null);
        }
        if (atKeyword("yield")) {
            SyntaxNode y = yieldExpression();
            expectOp(")");
            return y;
        }
        SyntaxNode first = starOrNamed();
        if (atComprehension()) {
            return closedComprehension(GENERATOR, start, first, null, ")");
        }
        if (acceptOp(")")) {
            return first;
        }
        List<SyntaxNode> items = new ArrayList<>();
        items.add(first);
        moreItemsUntil(items, ")");
        return node(TUPLE, start, null, items);
    }

    private SyntaxNode listDisplay() {
        int start = next().start();
        List<SyntaxNode> items = new ArrayList<>();
        if (acceptOp("]")) {
            return node(LIST, start, null, items);
        }
        SyntaxNode first = starOrNamed();
        if (atComprehension()) {
            return closedComprehension(LIST_COMP, start, first, null, "]");
        }
        items.add(first);
        moreItemsUntil(items, "]");
        return node(LIST, start, null, items);
    }

    /** {@code , item} repeated up to {@code closer} (a trailing comma allowed), then the closer itself. */
    private void moreItemsUntil(List<SyntaxNode> items, String closer) {
        while (acceptOp(",")) {
            if (atOp(closer)) {
                break;
            }
            items.add(starOrNamed());
        }
        expectOp(closer);
    }

    private boolean atComprehension() {
        return atKeyword("for") || (atKeyword("async") && peek(1).isName("for"));
    }

    /** A comprehension after its element, and the bracket that closes it. */
    private SyntaxNode closedComprehension(PyKind kind, int start, SyntaxNode element, SyntaxNode value, String closer) {
        SyntaxNode comp = comprehension(kind, start, element, value);
        expectOp(closer);
        return comp;
    }

    private SyntaxNode dictOrSet() {
        int start = next().start();
        if (acceptOp("}")) {
            return node(DICT, start, null);
        }
        List<SyntaxNode> items = new ArrayList<>();
        boolean dict;
        int itemStart = peek().start();
        if (acceptOp("**")) {
            dict = true;
            items.add(node(DOUBLE_STARRED, itemStart, null, bitOr()));
        } else {
            SyntaxNode first = starOrNamed();
            if (acceptOp(":")) {
                dict = true;
                SyntaxNode value = expression();
                if (atComprehension()) {
                    return closedComprehension(DICT_COMP, start, first, value, "}");
                }
                items.add(node(PAIR, itemStart, null, first, value));
            } else {
                dict = false;
                if (atComprehension()) {
                    return closedComprehension(SET_COMP, start, first, null, "}");
                }
                items.add(first);
            }
        }
        while (acceptOp(",")) {
            if (atOp("}")) {
                break;
            }
            int s = peek().start();
            if (dict) {
                if (acceptOp("**")) {
                    items.add(node(DOUBLE_STARRED, s, null, bitOr()));
                } else {
                    SyntaxNode key = expression();
                    expectOp(":");
                    items.add(node(PAIR, s, null, key, expression()));
                }
            } else {
                items.add(starOrNamed());
            }
        }
        expectOp("}");
        return node(dict ? DICT : SET, start, null, items);
    }

    /** One or more 'for … in … [if …]' clauses after an element (and a value, for dicts). */
    private SyntaxNode comprehension(PyKind kind, int start, SyntaxNode element, SyntaxNode value) {
        List<SyntaxNode> children = new ArrayList<>();
        children.add(element);
        if (value != null) {
            children.add(value);
        }
        while (atComprehension()) {
            int s = peek().start();
            String async = acceptKeyword("async") ? "async" : null;
            expectKeyword("for");
            SyntaxNode target = targetList();
            expectKeyword("in");
            List<SyntaxNode> clause = new ArrayList<>();
            clause.add(target);
            clause.add(orTest());
            while (atKeyword("if")) {
                next();
                clause.add(orTestNoConditional());
            }
            children.add(node(COMPREHENSION, s, async, clause));
        }
        return node(kind, start, null, children);
    }

    /** A comprehension condition: an or-test, or a lambda (Python 2 allowed old-style lambdas there). */
    private SyntaxNode orTestNoConditional() {
        return atKeyword("lambda") ? lambda() : orTest();
    }

    private SyntaxNode yieldExpression() {
        int start = next().start();
        if (acceptKeyword("from")) {
            return node(YIELD_FROM, start, null, expression());
        }
        if (endsStatement() || atOp(")") || atOp("=")) {
            return node(YIELD, start, null);
        }
        return node(YIELD, start, null, starExpressions());
    }
}
