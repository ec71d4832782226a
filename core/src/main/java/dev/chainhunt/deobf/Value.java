package dev.chainhunt.deobf;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the partial evaluator knows about an expression. Constants are exact; everything else is
 * symbolic: {@link Sym} names a module, function or call result by its canonical path
 * ({@code os.system}, {@code requests.get().text}), {@link Opaque} is an unknown value. Both
 * remember which calls they derive from, so a rule can follow a value from a source call to a sink.
 */
public sealed interface Value {

    /** The canonical paths of the calls this value was computed from (empty for plain constants). */
    default Set<String> from() {
        return Set.of();
    }

    /** The decode steps that produced this value ({@code base64}, {@code zlib}, …), empty if none. */
    default List<String> chain() {
        return List.of();
    }

    /** Offset of the literal this value was decoded from, or -1. */
    default int origin() {
        return -1;
    }

    /** The largest number of distinct call paths a value remembers. */
    int MAX_FROM = 16;

    /** A Python {@code str}. */
    record Str(String value, List<String> chain, int origin) implements Value {
        public Str {
            chain = List.copyOf(chain);
        }

        public static Str of(String s) {
            return new Str(s, List.of(), -1);
        }
    }

    /** A Python {@code bytes} or {@code bytearray}. The array is never modified. */
    record Bytes(byte[] value, List<String> chain, int origin) implements Value {
        public Bytes {
            chain = List.copyOf(chain);
        }

        public static Bytes of(byte[] b) {
            return new Bytes(b, List.of(), -1);
        }

        /** The bytes as Latin-1 text, one char per byte. */
        public String latin1() {
            return new String(value, StandardCharsets.ISO_8859_1);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes, chain=" + chain + "]";
        }
    }

    record Int(BigInteger value) implements Value {
        public static Int of(long v) {
            return new Int(BigInteger.valueOf(v));
        }
    }

    record Float(double value) implements Value {
    }

    record Bool(boolean value) implements Value {
        public static final Bool TRUE = new Bool(true);
        public static final Bool FALSE = new Bool(false);
    }

    /** Python's {@code None}. */
    record None() implements Value {
        public static final None INSTANCE = new None();
    }

    /** A list, tuple or set of values. */
    record Seq(Kind kind, List<Value> items) implements Value {
        public enum Kind { LIST, TUPLE, SET }

        public Seq {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }
    }

    /** A dict, keys and values in insertion order. */
    record Dict(List<Value> keys, List<Value> values) implements Value {
        public Dict {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    /**
     * Something known by name only: a module ({@code base64}), a function ({@code os.system}), a
     * call result ({@code requests.get()}) or an attribute of one ({@code requests.get().text}).
     */
    record Sym(String path, Set<String> from) implements Value {
        /**
         * Characters of a path kept: a loop that calls a method of its own result
         * ({@code h = h.set(k, v)}) would otherwise grow it by a segment per round, and copy and hash
         * it each time. A longer one keeps its head and its last segments around an ellipsis.
         */
        public static final int MAX_PATH = 1024;

        public Sym {
            from = cap(from);
            if (path.length() > MAX_PATH) {
                path = path.substring(0, MAX_PATH / 2) + "…" + path.substring(path.length() - MAX_PATH / 2);
            }
        }

        public static Sym of(String path) {
            return new Sym(path, Set.of());
        }
    }

    /**
     * An unknown value, remembering the calls it derives from and, when it was built by
     * concatenation or formatting, the constant pieces it is known to contain, in order
     * ({@code path + '/x69.exe'} has the fragment {@code /x69.exe}).
     */
    record Opaque(Set<String> from, List<String> fragments) implements Value {
        public static final Opaque UNKNOWN = new Opaque(Set.of());
        /** Fragments kept per value. */
        public static final int MAX_FRAGMENTS = 8;

        public Opaque {
            from = cap(from);
            fragments = fragments.size() <= MAX_FRAGMENTS ? List.copyOf(fragments) : List.copyOf(fragments.subList(0, MAX_FRAGMENTS));
        }

        public Opaque(Set<String> from) {
            this(from, List.of());
        }
    }

    /** A function the evaluator can call: a user function or lambda, or a builtin by canonical name. */
    record Function(String name, Object definition, Object closure) implements Value {
    }

    /** A value bound to a receiver: {@code "".join}, {@code data.decode}, {@code cipher.decrypt}. */
    record Method(Value receiver, String name) implements Value {
        @Override
        public Set<String> from() {
            return receiver.from();
        }
    }

    /**
     * An object of a known library type whose state matters, such as a Fernet cipher and its key.
     * Its type is the canonical path of the constructor ({@code cryptography.fernet.Fernet}).
     */
    record Instance(String type, List<Value> state, Set<String> from) implements Value {
        public Instance {
            state = List.copyOf(state);
            from = cap(from);
        }
    }

    /**
     * What a value computed from {@code values} derives from: their derivation sets, plus the
     * names of symbols used directly ({@code os.environ}, {@code subprocess.CREATE_NO_WINDOW}).
     */
    static Set<String> union(Value... values) {
        Set<String> out = new LinkedHashSet<>();
        for (Value v : values) {
            collectFrom(v, out, 0);
        }
        return out;
    }

    /** How deep and how wide {@link #union} looks into lists, tuples and dicts. */
    int UNION_DEPTH = 4;
    int UNION_ITEMS = 256;

    /**
     * Adds where {@code v} comes from, including the items of containers: a dict of host names
     * handed to {@code json.dumps} or a tuple formatted with {@code %} still carries its sources.
     */
    private static void collectFrom(Value v, Set<String> out, int depth) {
        if (v == null || out.size() >= 4 * MAX_FROM) {
            return;
        }
        out.addAll(v.from());
        if (v instanceof Sym s) {
            out.add(s.path());
        }
        if (depth >= UNION_DEPTH) {
            return;
        }
        List<Value> items = v instanceof Seq seq ? seq.items() : v instanceof Dict d ? d.values() : List.of();
        for (int i = 0; i < items.size() && i < UNION_ITEMS; i++) {
            collectFrom(items.get(i), out, depth + 1);
        }
    }

    /**
     * At most {@link #MAX_FROM} entries, unmodifiable. When there are more, where a value really
     * comes from is kept before what happened to it on the way: sources such as
     * {@code socket.gethostname} or {@code env:TOKEN} first, then other calls and the names of parameters
     * and attributes of unknown objects, then builtins and
     * methods of intermediate results ({@code builtins.open().read().split}); first-seen order within each.
     */
    private static Set<String> cap(Set<String> from) {
        if (from.isEmpty()) {
            return Set.of();
        }
        if (from.size() <= MAX_FROM) {
            return Collections.unmodifiableSet(new LinkedHashSet<>(from));
        }
        Set<String> capped = new LinkedHashSet<>();
        for (int rank = 0; rank < 3 && capped.size() < MAX_FROM; rank++) {
            for (String s : from) {
                if (capped.size() == MAX_FROM) {
                    break;
                }
                if (rank(s) == rank) {
                    capped.add(s);
                }
            }
        }
        return Collections.unmodifiableSet(capped);
    }

    private static int rank(String source) {
        if (source.startsWith("builtins.")) {
            return 2;
        }
        if (source.startsWith("param:") || source.startsWith("attr:")) {
            return 1;
        }
        return source.contains("()") ? 1 : 0;
    }
}
