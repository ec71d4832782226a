package dev.chainhunt.deobf;

import java.util.List;
import java.util.stream.Collectors;

/** Short, readable renderings of values for people: inspect output and finding messages. */
public final class ValueFormat {

    private ValueFormat() {
    }

    public static String summary(Value v) {
        return summary(v, 80);
    }

    public static String summary(Value v, int width) {
        if (v instanceof Value.Str s) {
            return quote(s.value(), width);
        }
        if (v instanceof Value.Bytes b) {
            return "b" + quote(b.latin1(), width);
        }
        if (v instanceof Value.Int i) {
            String text = i.value().toString();
            return text.length() > width ? text.substring(0, width) + "…" : text;
        }
        if (v instanceof Value.Float f) {
            return Double.toString(f.value());
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? "True" : "False";
        }
        if (v instanceof Value.None) {
            return "None";
        }
        if (v instanceof Value.Seq s) {
            String open = s.kind() == Value.Seq.Kind.LIST ? "[" : s.kind() == Value.Seq.Kind.TUPLE ? "(" : "{";
            String close = s.kind() == Value.Seq.Kind.LIST ? "]" : s.kind() == Value.Seq.Kind.TUPLE ? ")" : "}";
            String items = s.items().stream().limit(6).map(x -> summary(x, 24)).collect(Collectors.joining(", "));
            return open + items + (s.items().size() > 6 ? ", … " + s.items().size() + " items" : "") + close;
        }
        if (v instanceof Value.Dict d) {
            StringBuilder sb = new StringBuilder("{");
            for (int i = 0; i < Math.min(4, d.keys().size()); i++) {
                sb.append(i > 0 ? ", " : "").append(summary(d.keys().get(i), 20)).append(": ").append(summary(d.values().get(i), 24));
            }
            return sb.append(d.keys().size() > 4 ? ", …}" : "}").toString();
        }
        if (v instanceof Value.Sym s) {
            return s.path() + from(s.from());
        }
        if (v instanceof Value.Opaque o) {
            // Known pieces in order, unknown stretches as "…": "ping " … ".example.invalid"
            String pieces = o.fragments().isEmpty() ? "?" : o.fragments().stream().limit(6)
                    .map(p -> quote(p, Math.max(8, width / 3))).collect(java.util.stream.Collectors.joining(" … ", "… ", " …"));
            return pieces + from(o.from());
        }
        if (v instanceof Value.Function f) {
            return "<function " + f.name() + ">";
        }
        if (v instanceof Value.Method m) {
            return "<method " + m.name() + " of " + summary(m.receiver(), 24) + ">";
        }
        if (v instanceof Value.Instance i) {
            return "<" + i.type() + " object>";
        }
        return String.valueOf(v);
    }

    private static String from(java.util.Set<String> from) {
        return from.isEmpty() ? "" : " (from " + String.join(", ", from.stream().limit(4).toList())
                + (from.size() > 4 ? ", …" : "") + ")";
    }

    /** A double-quoted rendering with escapes for the invisible (as syntax dumps write them), cut at {@code width}. */
    public static String quote(String s, int width) {
        StringBuilder sb = new StringBuilder("\"");
        int n = Math.min(s.length(), width);
        for (int i = 0; i < n; i++) {
            dev.chainhunt.lang.SyntaxDump.escape(sb, s.charAt(i));
        }
        sb.append('"');
        if (s.length() > n) {
            sb.append("…(").append(s.length()).append(" chars)");
        }
        return sb.toString();
    }

    /** A decode chain for people: {@code base64 → zlib → python}. */
    public static String chain(List<String> chain) {
        return String.join(" → ", chain);
    }
}
