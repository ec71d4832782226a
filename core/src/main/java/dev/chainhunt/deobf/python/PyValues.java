package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Python semantics for values: truth, str(), repr(), equality, text of bytes. Null means "not known". */
public final class PyValues {

    /** Builtins that Python shows as {@code <class 'x'>} rather than {@code <built-in function x>}. */
    static final Set<String> BUILTIN_CLASSES = Set.of("int", "str", "bytes", "bytearray", "list", "tuple", "dict",
            "set", "frozenset", "float", "complex", "bool", "object", "type", "range", "enumerate", "zip", "map",
            "filter", "reversed", "slice", "property", "staticmethod", "classmethod", "super", "memoryview",
            "Exception", "BaseException", "ValueError", "TypeError", "KeyError", "IndexError", "OSError",
            "RuntimeError", "AttributeError", "ImportError", "NameError", "StopIteration");

    /** Builtins that are functions. */
    static final Set<String> BUILTIN_FUNCTIONS = Set.of("abs", "aiter", "all", "anext", "any", "ascii", "bin",
            "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval", "exec", "format",
            "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter",
            "len", "locals", "max", "min", "next", "oct", "open", "ord", "pow", "print", "repr", "round",
            "setattr", "sorted", "sum", "vars", "__import__", "execfile", "raw_input", "unichr", "reload",
            "unicode", "long", "basestring", "xrange", "file", "apply", "reduce");

    /** Site builtins whose str() obfuscators index into. */
    static final String COPYRIGHT = "Copyright (c) 2001-2023 Python Software Foundation.\nAll Rights Reserved.\n\n"
            + "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n"
            + "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights Reserved.\n\n"
            + "Copyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll Rights Reserved.";
    static final String CREDITS = "    Thanks to CWI, CNRI, BeOpen.com, Zope Corporation and a cast of thousands\n"
            + "    for supporting Python development.  See www.python.org for more information.";
    static final String LICENSE = "Type license() to see the full license text";
    static final String HELP = "Type help() for interactive help, or help(object) for help about object.";

    private PyValues() {
    }

    public static boolean isBuiltinName(String name) {
        return BUILTIN_CLASSES.contains(name) || BUILTIN_FUNCTIONS.contains(name) || name.equals("copyright")
                || name.equals("credits") || name.equals("license") || name.equals("help") || name.equals("exit")
                || name.equals("quit") || name.equals("True") || name.equals("False") || name.equals("None")
                || name.equals("NotImplemented") || name.equals("Ellipsis") || name.equals("__build_class__");
    }

    private static final java.util.regex.Pattern PYTHON_PROGRAM = java.util.regex.Pattern.compile("(?i)(.*[/\\\\])?python[0-9.]*w?(\\.exe)?");

    /** A program name that is a Python interpreter: {@code python3}, {@code /usr/bin/python3.11}, {@code pythonw.exe}. */
    public static boolean isPython(String program) {
        return program != null && PYTHON_PROGRAM.matcher(program).matches();
    }

    /**
     * A word of a command line: its text, with {@code sys.executable} read as {@code python} (the
     * interpreter running the package), or null when unknown.
     */
    public static String commandWord(Value v) {
        return v instanceof Value.Sym s && s.path().equals("sys.executable") ? "python" : text(v);
    }

    /** Text of a str, or of bytes decoded as UTF-8 when valid (else one char per byte); null otherwise. */
    public static String text(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Bytes b) {
            return utf8OrLatin1(b.value());
        }
        return null;
    }

    /**
     * Text of a value, or for a partly known one its known pieces in order with {@code _} between
     * them for the unknown stretches ({@code "exec(get(%r).read())" % url} reads {@code exec(get(_).read())}):
     * code built around a value the program computes is still the code it runs. Null when nothing
     * of it is known.
     */
    public static String textWithHoles(Value v) {
        String text = text(v);
        if (text != null || !(v instanceof Value.Opaque o) || o.fragments().isEmpty()) {
            return text;
        }
        return String.join("_", o.fragments());
    }

    public static String utf8OrLatin1(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** Python truthiness, or null when unknown. */
    public static Boolean truth(Value v) {
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        if (v instanceof Value.None) {
            return false;
        }
        if (v instanceof Value.Int i) {
            return i.value().signum() != 0;
        }
        if (v instanceof Value.Float f) {
            return f.value() != 0.0;
        }
        if (v instanceof Value.Str s) {
            return !s.value().isEmpty();
        }
        if (v instanceof Value.Bytes b) {
            return b.value().length > 0;
        }
        if (v instanceof Value.Seq s) {
            return !s.items().isEmpty();
        }
        if (v instanceof Value.Dict d) {
            return !d.keys().isEmpty();
        }
        if (v instanceof Value.Function) {
            return true;
        }
        return null;
    }

    /** Python {@code str(v)}, or null when unknown. */
    public static String str(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Sym sym && sym.path().startsWith("builtins.") && sym.path().indexOf('.', 9) < 0) {
            String name = sym.path().substring(9);
            return switch (name) {
                case "copyright" -> COPYRIGHT;
                case "credits" -> CREDITS;
                case "license" -> LICENSE;
                case "help" -> HELP;
                case "exit", "quit" -> "Use " + name + "() or Ctrl-D (i.e. EOF) to exit";
                default -> BUILTIN_CLASSES.contains(name) ? "<class '" + name + "'>"
                        : BUILTIN_FUNCTIONS.contains(name) ? "<built-in function " + name + ">" : null;
            };
        }
        return repr(v);
    }

    /** Python {@code repr(v)}, or null when unknown. */
    public static String repr(Value v) {
        if (v instanceof Value.Str s) {
            return reprStr(s.value());
        }
        if (v instanceof Value.Bytes b) {
            return reprBytes(b.value());
        }
        if (v instanceof Value.Int i) {
            return i.value().toString();
        }
        if (v instanceof Value.Float f) {
            return formatFloat(f.value());
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? "True" : "False";
        }
        if (v instanceof Value.None) {
            return "None";
        }
        if (v instanceof Value.Seq s) {
            List<String> parts = new ArrayList<>();
            for (Value item : s.items()) {
                String r = repr(item);
                if (r == null) {
                    return null;
                }
                parts.add(r);
            }
            String joined = String.join(", ", parts);
            return switch (s.kind()) {
                case LIST -> "[" + joined + "]";
                case TUPLE -> "(" + joined + (parts.size() == 1 ? ",)" : ")");
                case SET -> parts.isEmpty() ? "set()" : "{" + joined + "}";
            };
        }
        if (v instanceof Value.Sym sym && sym.path().startsWith("builtins.") && sym.path().indexOf('.', 9) < 0) {
            return str(v);
        }
        return null;
    }

    static String reprStr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (int i = 0; i < s.length(); i++) {
            reprChar(sb, s.charAt(i), quote, false);
        }
        return sb.append(quote).toString();
    }

    /** One character as repr() writes it; bytes also escape everything from 0x7f up. */
    private static void reprChar(StringBuilder sb, int c, char quote, boolean bytes) {
        if (c == quote || c == '\\') {
            sb.append('\\').append((char) c);
        } else if (c == '\n') {
            sb.append("\\n");
        } else if (c == '\r') {
            sb.append("\\r");
        } else if (c == '\t') {
            sb.append("\\t");
        } else if (c < 0x20 || c == 0x7f || (bytes && c > 0x7f)) {
            sb.append(String.format("\\x%02x", c));
        } else {
            sb.append((char) c);
        }
    }

    static String reprBytes(byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        char quote = hasSingle && !hasDouble ? '"' : '\'';
        StringBuilder sb = new StringBuilder("b").append(quote);
        for (byte x : b) {
            reprChar(sb, x & 0xff, quote, true);
        }
        return sb.append(quote).toString();
    }

    /** Python's repr of a float: shortest round-trip digits, plain between 1e-4 and 1e16. */
    static String formatFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        double abs = Math.abs(d);
        if (abs >= 1e-4 && abs < 1e16) {
            String plain = new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String java = Double.toString(d);
        int e = java.indexOf('E');
        String mantissa = java.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exponent = Integer.parseInt(java.substring(e + 1));
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** Python equality for constants, or null when unknown. */
    public static Boolean equal(Value a, Value b) {
        if (!isConstant(a) || !isConstant(b)) {
            return null;
        }
        if (a instanceof Value.Int x && b instanceof Value.Int y) {
            return x.value().equals(y.value());
        }
        if ((a instanceof Value.Int || a instanceof Value.Float || a instanceof Value.Bool)
                && (b instanceof Value.Int || b instanceof Value.Float || b instanceof Value.Bool)) {
            return toDouble(a) == toDouble(b);
        }
        if (a instanceof Value.Str x && b instanceof Value.Str y) {
            return x.value().equals(y.value());
        }
        if (a instanceof Value.Bytes x && b instanceof Value.Bytes y) {
            return java.util.Arrays.equals(x.value(), y.value());
        }
        if (a instanceof Value.None && b instanceof Value.None) {
            return true;
        }
        if (a instanceof Value.Seq x && b instanceof Value.Seq y) {
            if (x.items().size() != y.items().size()) {
                return false;
            }
            for (int i = 0; i < x.items().size(); i++) {
                Boolean e = equal(x.items().get(i), y.items().get(i));
                if (e == null || !e) {
                    return e;
                }
            }
            return true;
        }
        return a.getClass() == b.getClass() ? null : false;
    }

    static boolean isConstant(Value v) {
        return v instanceof Value.Str || v instanceof Value.Bytes || v instanceof Value.Int || v instanceof Value.Float
                || v instanceof Value.Bool || v instanceof Value.None || v instanceof Value.Seq;
    }

    static double toDouble(Value v) {
        if (v instanceof Value.Int i) {
            return i.value().doubleValue();
        }
        if (v instanceof Value.Float f) {
            return f.value();
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? 1 : 0;
        }
        throw new IllegalArgumentException(String.valueOf(v));
    }

    static BigInteger toInt(Value v) {
        if (v instanceof Value.Int i) {
            return i.value();
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? BigInteger.ONE : BigInteger.ZERO;
        }
        return null;
    }

    /** Chains merged in order of first appearance. */
    static List<String> mergeChains(List<String> a, List<String> b) {
        if (b.isEmpty()) {
            return a;
        }
        if (a.isEmpty()) {
            return b;
        }
        Set<String> merged = new LinkedHashSet<>(a);
        merged.addAll(b);
        return List.copyOf(merged);
    }

    static List<String> append(List<String> chain, String step) {
        List<String> out = new ArrayList<>(chain.size() + 1);
        out.addAll(chain);
        out.add(step);
        return out;
    }
}
