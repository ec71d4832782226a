package dev.chainhunt.deobf.python;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a compiled module ({@code .pyc}) names without running it: the names its code uses (globals,
 * attributes, imports: {@code co_names}) and its string constants, read from the marshal data of
 * every code object. A module shipped only in this form hides its source from review; its names
 * and strings still say what it does ({@code system}, {@code urlopen}, a {@code curl … | sh} line).
 *
 * <p>Reads CPython 3.0–3.13 headers and code objects; bounded in depth, objects and text, never
 * throws. Returns null for data that is not a compiled module.
 */
public record CompiledModule(String version, Set<String> names, List<String> strings) {

    private static final int MAX_DEPTH = 64;
    private static final int MAX_OBJECTS = 200_000;
    private static final int MAX_STRING_CHARS = 4 << 20;

    /** Whether the first bytes are a CPython 3 bytecode header: a version number, then {@code \r\n}. */
    public static boolean looksCompiled(byte[] head) {
        if (head.length < 16 || head[2] != '\r' || head[3] != '\n') {
            return false;
        }
        int magic = (head[0] & 0xff) | (head[1] & 0xff) << 8;
        return magic >= 3000 && magic < 4000;
    }

    /** The names and strings of a compiled module, or null if the data is not one. */
    public static CompiledModule read(byte[] data) {
        if (!looksCompiled(data)) {
            return null;
        }
        int magic = (data[0] & 0xff) | (data[1] & 0xff) << 8;
        int header = magic >= 3392 ? 16 : magic >= 3210 ? 12 : 8; // 3.7 added flags; 3.3 added the source size
        Reader r = new Reader(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).position(header), magic);
        try {
            r.object(0);
        } catch (RuntimeException e) {
            // Truncated or not marshal data after all: what was read is what there is.
        }
        if (r.names.isEmpty() && r.strings.isEmpty()) {
            return null;
        }
        return new CompiledModule(version(magic), r.names, r.strings);
    }

    /**
     * The names and strings of the code object in bare marshal data, what {@code marshal.loads} is
     * given (no header says the version), or null if it holds no code object. The layout is the
     * first of 3.11+, 3.8–3.10 and 3.0–3.7 that reads the data to its last byte.
     */
    public static CompiledModule fromMarshal(byte[] data) {
        if (data.length < 16 || (data[0] & 0x7f) != 'c') {
            return null;
        }
        for (int magic : new int[] {3495, 3413, 3394}) {
            Reader r = new Reader(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), magic);
            try {
                r.object(0);
            } catch (RuntimeException e) {
                continue; // another version's layout, or not marshal data
            }
            if (!r.in.hasRemaining() && !(r.names.isEmpty() && r.strings.isEmpty())) {
                return new CompiledModule(magic >= 3450 ? "3.11+" : magic >= 3400 ? "3.8-3.10" : "3.0-3.7", r.names, r.strings);
            }
        }
        return null;
    }

    /** The text of bare marshal data that holds one string ({@code marshal.dumps(source)}), else null. */
    public static String marshalledText(byte[] data) {
        if (data.length < 2 || "uatAzZs".indexOf(data[0] & 0x7f) < 0) {
            return null;
        }
        Reader r = new Reader(ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN), 3495);
        try {
            return r.object(0) instanceof String s && !r.in.hasRemaining() ? s : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The module's names and strings written as Python literals, so rules read them as the
     * strings of a stage: {@code names = ('system', 'urlopen')} and {@code strings = ('curl … | sh',)}.
     * Nothing is said about how they are used; no call is invented.
     */
    public String listing() {
        StringBuilder sb = new StringBuilder("# compiled for Python ").append(version)
                .append(": the names its code uses and its string constants\nnames = (");
        names.forEach(n -> sb.append(PyValues.reprStr(n)).append(", "));
        sb.append(")\nstrings = (\n");
        strings.forEach(t -> sb.append("    ").append(PyValues.reprStr(t)).append(",\n"));
        return sb.append(")\n").toString();
    }

    /** The Python version a magic number belongs to ("3.11"), as far as the ranges go. */
    static String version(int magic) {
        int[][] ranges = {{3550, 13}, {3500, 12}, {3450, 11}, {3430, 10}, {3420, 9}, {3400, 8}, {3390, 7}, {3360, 6},
                {3320, 5}, {3250, 4}, {3190, 3}, {3160, 2}, {3130, 1}, {3000, 0}};
        for (int[] r : ranges) {
            if (magic >= r[0]) {
                return "3." + r[1];
            }
        }
        return "3";
    }

    private static final class Reader {
        private final ByteBuffer in;
        private final int magic;
        private final List<Object> refs = new ArrayList<>();
        private final Set<String> names = new LinkedHashSet<>();
        private final List<String> strings = new ArrayList<>();
        private int objects;
        private int stringChars;

        Reader(ByteBuffer in, int magic) {
            this.in = in;
            this.magic = magic;
        }

        /** One object; strings come back as String, code objects as null, everything else as a marker. */
        Object object(int depth) {
            if (depth > MAX_DEPTH || ++objects > MAX_OBJECTS) {
                throw new IllegalStateException("too deep or too many objects");
            }
            int code = in.get() & 0xff;
            boolean ref = (code & 0x80) != 0;
            int type = code & 0x7f;
            int slot = -1;
            if (ref && type != 'r') {
                slot = refs.size();
                refs.add(null);
            }
            Object value = switch (type) {
                case '0', 'N', 'F', 'T', 'S', '.' -> Boolean.TRUE;
                case 'i' -> in.getInt();
                case 'l' -> { in.position(in.position() + 2 * Math.abs(in.getInt())); yield Boolean.TRUE; }
                case 'g' -> { in.getDouble(); yield Boolean.TRUE; }
                case 'y' -> { in.getDouble(); in.getDouble(); yield Boolean.TRUE; }
                case 'f' -> { skip(in.get() & 0xff); yield Boolean.TRUE; }
                case 'x' -> { skip(in.get() & 0xff); skip(in.get() & 0xff); yield Boolean.TRUE; }
                case 's' -> text(length(in.getInt()), StandardCharsets.ISO_8859_1);
                case 't', 'u', 'a', 'A' -> text(length(in.getInt()), StandardCharsets.UTF_8);
                case 'z', 'Z' -> text(in.get() & 0xff, StandardCharsets.UTF_8);
                case '(', '[', '<', '>' -> sequence(length(in.getInt()), depth);
                case ')' -> sequence(in.get() & 0xff, depth);
                case '{' -> {
                    while (in.get(in.position()) != '0') {
                        object(depth + 1);
                        object(depth + 1);
                    }
                    in.get();
                    yield Boolean.TRUE;
                }
                case 'r' -> {
                    int i = in.getInt();
                    yield i >= 0 && i < refs.size() && refs.get(i) != null ? refs.get(i) : Boolean.TRUE;
                }
                case 'c' -> code(depth);
                default -> throw new IllegalStateException("unknown marshal type " + type);
            };
            if (slot >= 0) {
                refs.set(slot, value);
            }
            return value;
        }

        private List<Object> sequence(int n, int depth) {
            List<Object> items = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                items.add(object(depth + 1));
            }
            return items;
        }

        /** A code object: its names go to {@link #names}, its string constants to {@link #strings}. */
        private Object code(int depth) {
            boolean v311 = magic >= 3450;
            int ints = v311 ? 5 : magic >= 3400 ? 6 : 5; // 3.8 added posonlyargcount, 3.11 dropped nlocals
            in.position(in.position() + 4 * ints);
            object(depth + 1); // bytecode
            Object consts = object(depth + 1);
            Object coNames = object(depth + 1);
            if (coNames instanceof List<?> list) {
                for (Object n : list) {
                    if (n instanceof String s) {
                        names.add(s);
                    }
                }
            }
            constants(consts, 0);
            // 3.11+: localsplusnames, localspluskinds, filename, name, qualname; before: varnames,
            // freevars, cellvars, filename, name. Then firstlineno and the line (and exception) tables.
            for (int i = 0; i < 5; i++) {
                object(depth + 1);
            }
            in.getInt();
            object(depth + 1);
            if (v311) {
                object(depth + 1);
            }
            return null;
        }

        /** String constants, also inside constant tuples and frozensets. */
        private void constants(Object value, int depth) {
            if (value instanceof String s && !s.isEmpty() && stringChars + s.length() <= MAX_STRING_CHARS) {
                stringChars += s.length();
                strings.add(s);
            } else if (value instanceof List<?> list && depth < 4) {
                list.forEach(item -> constants(item, depth + 1));
            }
        }

        private String text(int n, java.nio.charset.Charset charset) {
            byte[] b = new byte[n];
            in.get(b);
            return new String(b, charset);
        }

        private void skip(int n) {
            in.position(in.position() + n);
        }

        private int length(int n) {
            if (n < 0 || n > in.remaining()) {
                throw new IllegalStateException("length beyond the data");
            }
            return n;
        }
    }
}
