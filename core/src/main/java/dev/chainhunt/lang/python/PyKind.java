package dev.chainhunt.lang.python;

import dev.chainhunt.lang.NodeKind;

/**
 * Python node kinds. Each constant documents its value and its children, in order; optional
 * children are null when absent.
 */
public enum PyKind implements NodeKind {
    /** Children: statements. */
    MODULE,
    /** Children: statements (a suite). */
    BLOCK,
    /** A statement or expression that could not be parsed. Value: the message. Children: what was salvaged. */
    ERROR,

    // ---- statements ----
    /** An expression statement. Children: [expression]. */
    EXPR,
    /** {@code a = b = value}. Children: [target..., value]. */
    ASSIGN,
    /** {@code target op= value}. Value: the operator ({@code "+="}). Children: [target, value]. */
    AUG_ASSIGN,
    /** {@code target: annotation [= value]}. Children: [target, annotation, value?]. */
    ANN_ASSIGN,
    /** Children: [targets...]. */
    DEL,
    PASS, BREAK, CONTINUE,
    /** Children: [value?]. */
    RETURN,
    /** Children: [exception?, cause?]. Python 2's {@code raise E, V} gives [E, V]. */
    RAISE,
    /** Value: the list of names. */
    GLOBAL, NONLOCAL,
    /** Children: [test, message?]. */
    ASSERT,
    /** Children: ALIAS nodes. */
    IMPORT,
    /** Value: the module as written, with leading dots for relative imports. Children: ALIAS nodes. */
    IMPORT_FROM,
    /** Value: the dotted name imported ({@code "*"} for a star import). Children: [as-name NAME?]. */
    ALIAS,
    /** Children: [test, body BLOCK, orelse (BLOCK or IF for elif)?]. */
    IF,
    /** Children: [test, body, orelse?]. */
    WHILE,
    /** Value: "async" or null. Children: [target, iterable, body, orelse?]. */
    FOR,
    /** Value: "async" or null. Children: [WITH_ITEM..., body]. */
    WITH,
    /** Children: [context expression, target?]. */
    WITH_ITEM,
    /** Children: [body, HANDLERS, orelse?, finally?]. */
    TRY,
    /** Children: EXCEPT nodes. */
    HANDLERS,
    /** Value: the bound name or null. Children: [type?, body]. */
    EXCEPT,
    /** Value: the name. Children: [DECORATORS, PARAMS, returns?, body]. */
    FUNCTION,
    /** Value: the name. Children: [DECORATORS, ARGUMENTS (bases and keywords), body]. */
    CLASS,
    /** Children: decorator expressions. */
    DECORATORS,
    /** Children: [subject, CASE...]. */
    MATCH,
    /** Children: [pattern, guard?, body]. */
    CASE,
    /** A pattern's {@code p as name}. Value: the name. Children: [pattern]. */
    AS_PATTERN,
    /** Python 2 {@code print [>>dest,] values}. Children: [dest?, values...]. */
    PRINT,
    /** Python 2 {@code exec code [in globals[, locals]]}. Children: [code, globals?, locals?]. */
    EXEC,
    /** {@code type X = value}. Children: [name, value]. */
    TYPE_ALIAS,

    // ---- expressions ----
    /** Value: the identifier (NFKC-normalised). */
    NAME,
    /** Value: a BigInteger, a Double or a {@link PyLexer.Imaginary}. */
    NUMBER,
    /** Value: a {@link PyString} (str or bytes, escapes undone). */
    STRING,
    /** An f-string. Value: its {@link PyString}. Children: FIELD nodes, one per replacement field in order. */
    FSTRING,
    /** A replacement field. Value: the conversion character or null. Children: [expression, spec FSTRING?]. */
    FIELD,
    /** Implicitly concatenated literals ({@code 'a' f'b'}). Children: STRING and FSTRING nodes. */
    CONCAT,
    /** Value: "None", "True", "False" or "...". */
    CONSTANT,
    /** Value: the attribute name. Children: [object]. */
    ATTRIBUTE,
    /** Children: [object, index] (index may be a SLICE or a TUPLE of them). */
    SUBSCRIPT,
    /** Children: [lower?, upper?, step?]. */
    SLICE,
    /** Children: [callee, arguments...] (expressions, STARRED, KEYWORD, DOUBLE_STARRED). */
    CALL,
    /** {@code name=value} in a call. Value: the name. Children: [value]. */
    KEYWORD,
    /** Class bases and keywords. Children: as a call's arguments. */
    ARGUMENTS,
    /** Value: the operator. Children: [left, right]. */
    BINARY,
    /** Value: "-", "+", "~" or "not". Children: [operand]. */
    UNARY,
    /** Value: "and" or "or". Children: operands. */
    BOOLEAN,
    /** Value: the list of operators ("in", "not in", "is not", "<", …). Children: operands. */
    COMPARE,
    /** {@code body if test else orelse}. Children: [body, test, orelse]. */
    CONDITIONAL,
    /** Children: [PARAMS, body expression]. */
    LAMBDA,
    /** {@code target := value}. Children: [target, value]. */
    NAMED,
    /** Children: elements. */
    TUPLE, LIST, SET,
    /** Children: PAIR and DOUBLE_STARRED nodes. */
    DICT,
    /** Children: [key, value]. */
    PAIR,
    /** Children: [element, COMPREHENSION...]. */
    LIST_COMP, SET_COMP, GENERATOR,
    /** Children: [key, value, COMPREHENSION...]. */
    DICT_COMP,
    /** Value: "async" or null. Children: [target, iterable, conditions...]. */
    COMPREHENSION,
    /** Children: [operand]. */
    AWAIT, STARRED, DOUBLE_STARRED,
    /** Children: [value?]. */
    YIELD,
    /** Children: [value]. */
    YIELD_FROM,
    /** Python 2 backticks. Children: [value]. */
    REPR,
    /** Children: PARAM, VAR_PARAM, KW_PARAM and PARAM_MARKER nodes. */
    PARAMS,
    /** Value: the name. Children: [annotation?, default?]. */
    PARAM,
    /** {@code *args}. Value: the name. Children: [annotation?]. */
    VAR_PARAM,
    /** {@code **kwargs}. Value: the name. Children: [annotation?]. */
    KW_PARAM,
    /** A bare {@code /} or {@code *} in a parameter list. Value: the marker. */
    PARAM_MARKER
}
