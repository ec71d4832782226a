package dev.chainhunt.deobf.python;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a pickle as the Python it runs when loaded. A pickle is a program for a small stack
 * machine: {@code GLOBAL os system} pushes a callable, {@code REDUCE} calls it with a tuple. Loading
 * one runs every such call, which is why a model file or cache shipped in a package can carry a
 * payload. This reads the opcodes of protocols 0 to 5 without running anything and writes each call
 * as a statement ({@code _v1 = os.system('…')}), so the Python rules judge the calls, their
 * arguments and what flows between them like any other code.
 *
 * <p>Linear in the input, bounded in the statements and literal text it writes; malformed or
 * truncated data ends the program where it breaks. Returns null for data that is not a pickle or
 * calls nothing.
 */
public final class PickleDecompiler {

    /** Statements written per pickle; a model with more objects is data, and its first calls are what load first. */
    static final int MAX_CALLS = 5_000;
    /** Characters of literals written in all; longer strings and bytes are written empty. */
    static final int MAX_LITERAL_CHARS = 1 << 20;
    /** One literal longer than this is array data, not a payload, and is written empty. */
    static final int MAX_ONE_LITERAL = 1 << 16;
    private static final int MAX_STACK = 100_000;
    /** Characters of Python written in all. */
    static final int MAX_OUTPUT_CHARS = 4 << 20;
    /** Characters of one expression: a longer list or dict is data, written as None. */
    static final int MAX_EXPR = 1 << 17;

    private final ByteBuffer in;
    private final List<String> statements = new ArrayList<>();
    private final Set<String> imports = new LinkedHashSet<>();
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();
    private int literalChars;
    private long outputChars;
    private int calls;

    private PickleDecompiler(byte[] data) {
        this.in = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether data starts like a pickle of protocol 2 or later (a PROTO opcode). */
    public static boolean looksLikePickle(byte[] head) {
        return head.length >= 3 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
    }

    /** How a protocol 0 pickle (printable text) starts: a GLOBAL, or a MARK before a container or a GLOBAL. */
    private static final java.util.regex.Pattern TEXT_PICKLE = java.util.regex.Pattern.compile(
            "\\A(c[A-Za-z_][\\w.]*\n[A-Za-z_][\\w.]*\n|\\((d|l|t|c[A-Za-z_]|i[A-Za-z_]|V|S'|I\\d|N))");

    /**
     * Whether text starts like a protocol 0 pickle and holds a STOP (loaders read it up to there,
     * whatever follows); the decompiler decides whether it calls anything.
     */
    public static boolean looksLikeTextPickle(byte[] data) {
        if (data.length < 4 || data[0] != 'c' && data[0] != '(' || !holdsStop(data)) {
            return false;
        }
        String head = new String(data, 0, Math.min(data.length, 256), StandardCharsets.ISO_8859_1);
        return TEXT_PICKLE.matcher(head).find();
    }

    private static boolean holdsStop(byte[] data) {
        for (byte b : data) {
            if (b == '.') {
                return true;
            }
        }
        return false;
    }

    /** The Python a pickle runs when loaded, or null if it is not one or calls nothing. */
    public static String decompile(byte[] data) {
        PickleDecompiler d = new PickleDecompiler(data);
        try {
            d.run();
        } catch (RuntimeException e) {
            // Truncated or malformed: what was read so far is what a loader would have run.
        }
        if (d.statements.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (String module : d.imports) {
            out.append("import ").append(module).append('\n');
        }
        for (String s : d.statements) {
            out.append(s).append('\n');
        }
        return out.toString();
    }

    /** An expression already written as Python source; one grown past the limit is written as None. */
    private record Expr(String code) {
        Expr {
            code = code.length() > MAX_EXPR ? "None" : code;
        }
    }

    /** A tuple built by the pickle, kept as items so a call can pass them as arguments. */
    private record Tuple(List<Object> items) {
    }

    private void run() {
        while (in.hasRemaining() && calls < MAX_CALLS && stack.size() < MAX_STACK) {
            int op = in.get() & 0xff;
            switch (op) {
                case 0x80 -> in.get(); // PROTO
                case 0x95 -> in.getLong(); // FRAME
                case '.' -> { return; } // STOP
                case '(' -> marks.add(stack.size()); // MARK
                case '0' -> pop(); // POP
                case '1' -> popMark(); // POP_MARK
                case '2' -> push(peek()); // DUP
                case 'N' -> push(new Expr("None"));
                case 0x88 -> push(new Expr("True"));
                case 0x89 -> push(new Expr("False"));
                case 'I' -> push(intLine(line()));
                case 'J' -> push(new Expr(Integer.toString(in.getInt())));
                case 'K' -> push(new Expr(Integer.toString(in.get() & 0xff)));
                case 'M' -> push(new Expr(Integer.toString(in.getShort() & 0xffff)));
                case 'L' -> push(new Expr(integer(line().replaceAll("L$", ""))));
                case 0x8a -> push(longBytes(in.get() & 0xff));
                case 0x8b -> push(longBytes(length(in.getInt())));
                case 'F' -> push(new Expr(floatText(line())));
                case 'G' -> push(new Expr(floatText(Double.toString(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))))));
                case 'S' -> push(str(quoted(line())));
                case 'T' -> push(bytesAsStr(bytes(length(in.getInt()))));
                case 'U' -> push(bytesAsStr(bytes(in.get() & 0xff)));
                case 'V' -> push(str(dev.chainhunt.lang.python.PyEncoding.unescape(line(), false)));
                case 'X' -> push(str(new String(bytes(length(in.getInt())), StandardCharsets.UTF_8)));
                case 0x8c -> push(str(new String(bytes(in.get() & 0xff), StandardCharsets.UTF_8)));
                case 0x8d -> push(str(new String(bytes(length(in.getLong())), StandardCharsets.UTF_8)));
                case 'B' -> push(bytesLiteral(bytes(length(in.getInt()))));
                case 'C' -> push(bytesLiteral(bytes(in.get() & 0xff)));
                case 0x8e, 0x96 -> push(bytesLiteral(bytes(length(in.getLong()))));
                case 0x97, 0x98 -> push(new Expr("None")); // NEXT_BUFFER, READONLY_BUFFER: out of band
                case ']' -> push(new Expr("[]"));
                case ')' -> push(new Tuple(List.of()));
                case '}' -> push(new Expr("{}"));
                case 0x8f -> push(new Expr("set()"));
                case 'l' -> push(new Expr("[" + join(popMark()) + "]"));
                case 't' -> push(new Tuple(popMark()));
                case 0x85 -> push(new Tuple(List.of(pop())));
                case 0x86 -> { Object b = pop(); push(new Tuple(List.of(pop(), b))); }
                case 0x87 -> { Object c = pop(); Object b = pop(); push(new Tuple(List.of(pop(), b, c))); }
                case 'd' -> push(new Expr("{" + pairs(popMark()) + "}"));
                case 0x91 -> push(new Expr("frozenset([" + join(popMark()) + "])"));
                case 'a' -> { Object item = pop(); extend(List.of(item), "append"); }
                case 'e' -> extend(popMark(), "extend");
                case 's' -> { Object v = pop(); Object k = pop(); update(List.of(k, v)); }
                case 'u' -> update(popMark());
                case 0x90 -> extend(popMark(), "update");
                case 'g' -> push(memoGet(Long.parseLong(line().trim())));
                case 'h' -> push(memoGet(in.get() & 0xff));
                case 'j' -> push(memoGet(in.getInt() & 0xffffffffL));
                case 'p' -> memo.put(Long.parseLong(line().trim()), peek());
                case 'q' -> memo.put((long) (in.get() & 0xff), peek());
                case 'r' -> memo.put(in.getInt() & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
                case 'c' -> { String module = line(); push(global(module, line())); }
                case 0x93 -> { Object name = pop(); push(global(text(pop()), text(name))); }
                case 0x82 -> { in.get(); push(new Expr("None")); } // EXT1..4: the copyreg registry, empty by default
                case 0x83 -> { in.getShort(); push(new Expr("None")); }
                case 0x84 -> { in.getInt(); push(new Expr("None")); }
                case 'R' -> { Object args = pop(); push(call(pop(), args)); }
                case 0x81 -> { Object args = pop(); push(call(pop(), args)); } // NEWOBJ
                case 0x92 -> { Object kwargs = pop(); Object args = pop(); push(call(pop(), args, kwargs)); }
                case 'i' -> { String module = line(); Object cls = global(module, line());
                    push(call(cls, new Tuple(popMark()))); } // INST
                case 'o' -> { List<Object> items = popMark(); // OBJ
                    push(call(items.get(0), new Tuple(items.subList(1, items.size())))); }
                case 'b' -> pop(); // BUILD: state set on the object; __setstate__ of a class named by GLOBAL
                case 'P' -> { line(); push(new Expr("None")); } // PERSID: the loader's own objects
                case 'Q' -> { pop(); push(new Expr("None")); }
                default -> { return; } // not a pickle opcode: data after the pickle, or not a pickle
            }
        }
    }

    private Object call(Object callable, Object args) {
        return call(callable, args, null);
    }

    private Object call(Object callable, Object args, Object kwargs) {
        String arguments = args instanceof Tuple t ? join(t.items()) : "*" + code(args);
        if (kwargs != null) {
            arguments += (arguments.isEmpty() ? "" : ", ") + "**" + code(kwargs);
        }
        String name = "_v" + (++calls);
        add(name + " = " + code(callable) + "(" + arguments + ")");
        return new Expr(name);
    }

    /** Items added to a list or set: written as a statement when the object is a call's result. */
    private void extend(List<Object> items, String method) {
        Object target = peek();
        if (target instanceof Expr e && e.code().startsWith("_v") && !items.isEmpty()) {
            String arg = method.equals("append") ? code(items.get(0)) : "[" + join(items) + "]";
            add(e.code() + "." + method + "(" + arg + ")");
        } else if (target instanceof Expr e && (e.code().startsWith("[") || e.code().startsWith("set("))) {
            String inner = e.code().startsWith("[") ? e.code().substring(1, e.code().length() - 1)
                    : e.code().substring(5, e.code().length() - 2);
            String all = inner.isEmpty() ? join(items) : inner + ", " + join(items);
            replaceTop(new Expr(e.code().startsWith("[") ? "[" + all + "]" : "set([" + all + "])"));
        }
    }

    private void update(List<Object> kv) {
        Object target = peek();
        if (target instanceof Expr e && e.code().startsWith("{") && e.code().endsWith("}")) {
            String inner = e.code().substring(1, e.code().length() - 1);
            String more = pairs(kv);
            replaceTop(new Expr("{" + (inner.isEmpty() ? more : more.isEmpty() ? inner : inner + ", " + more) + "}"));
        } else if (target instanceof Expr e && e.code().startsWith("_v") && !kv.isEmpty()) {
            add(e.code() + ".update({" + pairs(kv) + "})");
        }
    }

    /** Writes a statement; past the output limit, the program ends there. */
    private void add(String statement) {
        outputChars += statement.length();
        if (outputChars > MAX_OUTPUT_CHARS) {
            calls = MAX_CALLS;
            return;
        }
        statements.add(statement);
    }

    private Object global(String module, String name) {
        module = module.trim();
        name = name.trim();
        if (!module.matches("[A-Za-z_][\\w.]*") || !name.matches("[A-Za-z_][\\w.]*")) {
            return new Expr("None");
        }
        return new Expr(qualified(module, name, imports));
    }

    /**
     * How Python source names {@code module.name} a serialised object refers to, adding the module
     * to import: builtins bare ({@code exec}), posix and nt as the os that re-exports them.
     */
    static String qualified(String module, String name, Set<String> imports) {
        if (module.equals("builtins") || module.equals("__builtin__")) {
            return name;
        }
        String m = module.equals("posix") || module.equals("nt") ? "os" : module;
        imports.add(m);
        return m + "." + name;
    }

    private Object memoGet(long key) {
        Object v = memo.get(key);
        return v == null ? new Expr("None") : v;
    }

    private Expr str(String s) {
        if (s.length() > MAX_ONE_LITERAL || literalChars + s.length() > MAX_LITERAL_CHARS) {
            return new Expr("''");
        }
        literalChars += s.length();
        return new Expr(PyValues.reprStr(s));
    }

    /** Protocol 0–2 strings are bytes that Python 3 loads as str (latin-1 by the default encoding rule). */
    private Expr bytesAsStr(byte[] b) {
        return str(new String(b, StandardCharsets.ISO_8859_1));
    }

    private Expr bytesLiteral(byte[] b) {
        if (b.length > MAX_ONE_LITERAL || literalChars + b.length > MAX_LITERAL_CHARS) {
            return new Expr("b''");
        }
        literalChars += b.length;
        return new Expr(PyValues.reprBytes(b));
    }

    private Expr longBytes(int n) {
        byte[] be = PyBuiltins.reversed(bytes(n));
        return new Expr(be.length == 0 ? "0" : be.length > 4096 ? "0" : new BigInteger(be).toString());
    }

    private static Expr intLine(String s) {
        String t = s.trim();
        return new Expr(t.equals("01") ? "True" : t.equals("00") ? "False" : integer(t));
    }

    private static String integer(String s) {
        String t = s.trim();
        return t.matches("[-+]?\\d{1,4000}") ? new BigInteger(t).toString() : "0";
    }

    private static String floatText(String s) {
        String t = s.trim();
        if (t.equals("NaN") || t.equals("nan")) {
            return "float('nan')";
        }
        if (t.contains("Infinity") || t.contains("inf")) {
            return t.startsWith("-") ? "float('-inf')" : "float('inf')";
        }
        return t.matches("[-+]?[\\d.]+([eE][-+]?\\d+)?") ? t : "0.0";
    }

    /** A protocol-0 STRING argument: a quoted repr with backslash escapes. */
    private static String quoted(String s) {
        String t = s.trim();
        if (t.length() >= 2 && (t.charAt(0) == '\'' || t.charAt(0) == '"') && t.charAt(t.length() - 1) == t.charAt(0)) {
            t = t.substring(1, t.length() - 1);
        }
        return dev.chainhunt.lang.python.PyEncoding.unescape(t, true);
    }

    private String line() {
        StringBuilder sb = new StringBuilder();
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                return sb.toString();
            }
            if (sb.length() < MAX_ONE_LITERAL) {
                sb.append((char) (b & 0xff));
            }
        }
        throw new IllegalStateException("truncated line");
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        in.get(b);
        return b;
    }

    private int length(long n) {
        if (n < 0 || n > in.remaining()) {
            throw new IllegalStateException("length beyond the data");
        }
        return (int) n;
    }

    private void push(Object v) {
        stack.add(v);
    }

    private Object pop() {
        if (stack.isEmpty() || (!marks.isEmpty() && marks.get(marks.size() - 1) >= stack.size())) {
            throw new IllegalStateException("stack underflow");
        }
        return stack.remove(stack.size() - 1);
    }

    private Object peek() {
        if (stack.isEmpty()) {
            throw new IllegalStateException("empty stack");
        }
        return stack.get(stack.size() - 1);
    }

    private void replaceTop(Object v) {
        stack.set(stack.size() - 1, v);
    }

    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new IllegalStateException("no mark");
        }
        int at = marks.remove(marks.size() - 1);
        List<Object> items = new ArrayList<>(stack.subList(at, stack.size()));
        stack.subList(at, stack.size()).clear();
        return items;
    }

    private static String text(Object v) {
        String c = code(v);
        return c.length() >= 2 && (c.charAt(0) == '\'' || c.charAt(0) == '"') ? c.substring(1, c.length() - 1) : "";
    }

    private static String code(Object v) {
        return v instanceof Tuple t ? (t.items().size() == 1 ? "(" + code(t.items().get(0)) + ",)" : "(" + join(t.items()) + ")")
                : ((Expr) v).code();
    }

    private static String join(List<Object> items) {
        StringBuilder sb = new StringBuilder();
        for (Object o : items) {
            if (sb.length() > MAX_EXPR) {
                break; // too long to be anything but data: the Expr it goes into is written as None
            }
            sb.append(sb.length() == 0 ? "" : ", ").append(code(o));
        }
        return sb.toString();
    }

    private static String pairs(List<Object> kv) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i + 1 < kv.size() && sb.length() <= MAX_EXPR; i += 2) {
            sb.append(sb.length() == 0 ? "" : ", ").append(code(kv.get(i))).append(": ").append(code(kv.get(i + 1)));
        }
        return sb.toString();
    }
}
