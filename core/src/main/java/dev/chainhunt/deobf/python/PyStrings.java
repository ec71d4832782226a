package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.HexCodec;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.SyntaxNode;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Methods of str and bytes constants, as Python defines them; null where a result is not known. */
final class PyStrings {

    private PyStrings() {
    }

    static Value strMethod(PyBuiltins b, Value.Str s, String name, List<Value> args, Map<String, Value> kw, SyntaxNode at) {
        String v = s.value();
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() > 1 ? args.get(1) : null;
        String t0 = a0 == null ? null : PyValues.text(a0);
        switch (name) {
            case "join" -> {
                List<Value> items = b.iterate(a0);
                return items == null ? null : b.joinAll(v, items, s, at, false);
            }
            case "replace" -> {
                String t1 = a1 == null ? null : PyValues.text(a1);
                if (t0 != null && !t0.isEmpty() && a1 != null && t1 == null && a0 instanceof Value.Str && args.size() == 2) {
                    if (!v.contains(t0)) {
                        return s; // nothing to replace: the text stays what it is
                    }
                    // A template filled with a value not known here: its text around the placeholder is.
                    // Only the first few pieces are looked for, so a long text costs no more than one.
                    List<String> pieces = new ArrayList<>();
                    int from = 0;
                    while (pieces.size() < Value.Opaque.MAX_FRAGMENTS) {
                        int next = v.indexOf(t0, from);
                        String piece = next < 0 ? v.substring(from) : v.substring(from, next);
                        if (!piece.isEmpty()) {
                            pieces.add(piece);
                        }
                        if (next < 0) {
                            break;
                        }
                        pieces.addAll(PyBuiltins.fragments(a1));
                        from = next + t0.length();
                    }
                    b.evaluator().budget.steps(v.length() / 64 + 1);
                    return new Value.Opaque(Value.union(s, a1), pieces);
                }
                if (t0 == null || t1 == null || !(a0 instanceof Value.Str)) {
                    return null;
                }
                int count = args.size() > 2 && PyValues.toInt(args.get(2)) != null ? PyValues.toInt(args.get(2)).intValue() : -1;
                String replaced = replace(v, t0, t1, count);
                if (!b.evaluator().budget.allows(replaced.length())) {
                    return null;
                }
                List<String> chain = replaced.equals(v) ? s.chain() : PyValues.mergeChains(s.chain(), a1.chain());
                return new Value.Str(replaced, chain, s.origin());
            }
            case "partition", "rpartition" -> {
                if (t0 == null || t0.isEmpty()) {
                    return null;
                }
                int i = name.equals("partition") ? v.indexOf(t0) : v.lastIndexOf(t0);
                String head = i < 0 ? (name.equals("partition") ? v : "") : v.substring(0, i);
                String sep = i < 0 ? "" : t0;
                String tail = i < 0 ? (name.equals("partition") ? "" : v) : v.substring(i + t0.length());
                return new Value.Seq(Value.Seq.Kind.TUPLE, List.of(new Value.Str(head, s.chain(), s.origin()),
                        new Value.Str(sep, s.chain(), s.origin()), new Value.Str(tail, s.chain(), s.origin())));
            }
            case "split", "rsplit" -> {
                List<Value> parts = new ArrayList<>();
                if (t0 == null) {
                    for (String p : v.strip().split("\\s+")) {
                        if (!p.isEmpty()) {
                            parts.add(new Value.Str(p, s.chain(), s.origin()));
                        }
                    }
                } else if (!t0.isEmpty()) {
                    int from = 0;
                    int i;
                    while ((i = v.indexOf(t0, from)) >= 0) {
                        parts.add(new Value.Str(v.substring(from, i), s.chain(), s.origin()));
                        from = i + t0.length();
                    }
                    parts.add(new Value.Str(v.substring(from), s.chain(), s.origin()));
                } else {
                    return null;
                }
                return new Value.Seq(Value.Seq.Kind.LIST, parts);
            }
            case "splitlines" -> {
                List<Value> parts = new ArrayList<>();
                for (String line : v.split("\r\n|\r|\n", -1)) {
                    parts.add(new Value.Str(line, s.chain(), s.origin()));
                }
                if (!parts.isEmpty() && ((Value.Str) parts.get(parts.size() - 1)).value().isEmpty()) {
                    parts.remove(parts.size() - 1);
                }
                return new Value.Seq(Value.Seq.Kind.LIST, parts);
            }
            case "strip", "lstrip", "rstrip" -> {
                return new Value.Str(strip(v, t0, name), s.chain(), s.origin());
            }
            case "upper" -> {
                return new Value.Str(v.toUpperCase(Locale.ROOT), s.chain(), s.origin());
            }
            case "lower", "casefold" -> {
                return new Value.Str(v.toLowerCase(Locale.ROOT), s.chain(), s.origin());
            }
            case "swapcase" -> {
                StringBuilder sb = new StringBuilder(v.length());
                v.chars().forEach(c -> sb.append(Character.isUpperCase(c) ? Character.toLowerCase((char) c) : Character.toUpperCase((char) c)));
                return new Value.Str(sb.toString(), s.chain(), s.origin());
            }
            case "capitalize" -> {
                return v.isEmpty() ? s : new Value.Str(v.substring(0, 1).toUpperCase(Locale.ROOT) + v.substring(1).toLowerCase(Locale.ROOT), s.chain(), s.origin());
            }
            case "encode" -> {
                String encoding = t0 == null ? (kw.containsKey("encoding") ? PyValues.text(kw.get("encoding")) : "utf-8") : t0;
                if (encoding == null) {
                    return null;
                }
                try {
                    String e = encoding.toLowerCase(Locale.ROOT).replace('_', '-');
                    Charset cs = e.equals("utf8") ? StandardCharsets.UTF_8 : e.equals("latin1") ? StandardCharsets.ISO_8859_1 : Charset.forName(e);
                    return new Value.Bytes(v.getBytes(cs), s.chain(), s.origin());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
            case "format" -> {
                String formatted = PyFormat.braces(v, args, kw);
                if (formatted == null) {
                    // Some field is unknown: the template's own text stays known, piece by piece.
                    java.util.Set<String> from = new java.util.LinkedHashSet<>(Value.union(args.toArray(Value[]::new)));
                    from.addAll(Value.union(kw.values().toArray(Value[]::new)));
                    from.add("builtins.str.format");
                    return new Value.Opaque(from, bracePieces(v, args, kw));
                }
                return new Value.Str(formatted, mergeArgChains(s.chain(), args), s.origin());
            }
            case "translate" -> {
                if (!(a0 instanceof Value.Dict table)) {
                    return null;
                }
                StringBuilder sb = new StringBuilder(v.length());
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    Value mapped = null;
                    for (int k = 0; k < table.keys().size(); k++) {
                        BigInteger key = PyValues.toInt(table.keys().get(k));
                        if (key != null && key.intValue() == c) {
                            mapped = table.values().get(k);
                            break;
                        }
                    }
                    if (mapped == null) {
                        sb.append(c);
                    } else if (mapped instanceof Value.Int m) {
                        sb.appendCodePoint(m.value().intValue());
                    } else if (mapped instanceof Value.Str m) {
                        sb.append(m.value());
                    } else if (!(mapped instanceof Value.None)) {
                        return null;
                    }
                }
                return new Value.Str(sb.toString(), PyValues.append(s.chain(), "translate"), s.origin());
            }
            case "startswith", "endswith" -> {
                if (t0 == null) {
                    return null;
                }
                return (name.equals("startswith") ? v.startsWith(t0) : v.endsWith(t0)) ? Value.Bool.TRUE : Value.Bool.FALSE;
            }
            case "find", "index", "rfind" -> {
                if (t0 == null) {
                    return null;
                }
                int i = name.equals("rfind") ? v.lastIndexOf(t0) : v.indexOf(t0);
                return name.equals("index") && i < 0 ? null : Value.Int.of(i);
            }
            case "count" -> {
                if (t0 == null || t0.isEmpty()) {
                    return null;
                }
                int n = 0;
                for (int i = v.indexOf(t0); i >= 0; i = v.indexOf(t0, i + t0.length())) {
                    n++;
                }
                return Value.Int.of(n);
            }
            case "zfill", "center", "ljust", "rjust" -> {
                BigInteger width = PyValues.toInt(a0);
                if (width == null || width.bitLength() > 20) {
                    return null;
                }
                int w = width.intValue();
                String fill = a1 == null ? " " : PyValues.text(a1);
                if (fill == null || fill.length() != 1) {
                    return null;
                }
                int pad = Math.max(0, w - v.length());
                String out = switch (name) {
                    case "zfill" -> "0".repeat(pad) + v;
                    case "ljust" -> v + fill.repeat(pad);
                    case "rjust" -> fill.repeat(pad) + v;
                    default -> fill.repeat(pad / 2) + v + fill.repeat(pad - pad / 2);
                };
                return new Value.Str(out, s.chain(), s.origin());
            }
            case "isdigit", "isalpha", "isalnum", "isupper", "islower", "isspace" -> {
                if (v.isEmpty()) {
                    return Value.Bool.FALSE;
                }
                boolean all = v.chars().allMatch(c -> switch (name) {
                    case "isdigit" -> Character.isDigit(c);
                    case "isalpha" -> Character.isLetter(c);
                    case "isalnum" -> Character.isLetterOrDigit(c);
                    case "isupper" -> !Character.isLowerCase(c);
                    case "islower" -> !Character.isUpperCase(c);
                    default -> Character.isWhitespace(c);
                });
                return all ? Value.Bool.TRUE : Value.Bool.FALSE;
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A {@code string.Template} text as a {@code str.format} one: {@code $name} and {@code ${name}}
     * become {@code {name}}, {@code $$} a dollar, braces are doubled. Null for a lone {@code $}
     * that names nothing (substitute raises on it).
     */
    static String templateAsFormat(String t) {
        StringBuilder sb = new StringBuilder(t.length() + 8);
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '{' || c == '}') {
                sb.append(c).append(c);
            } else if (c != '$') {
                sb.append(c);
            } else if (i + 1 < t.length() && t.charAt(i + 1) == '$') {
                sb.append('$');
                i++;
            } else {
                boolean braced = i + 1 < t.length() && t.charAt(i + 1) == '{';
                int start = braced ? i + 2 : i + 1;
                int end = start;
                while (end < t.length() && (Character.isLetterOrDigit(t.charAt(end)) || t.charAt(end) == '_')) {
                    end++;
                }
                if (end == start || Character.isDigit(t.charAt(start)) || (braced && (end >= t.length() || t.charAt(end) != '}'))) {
                    return null;
                }
                sb.append('{').append(t, start, end).append('}');
                i = braced ? end : end - 1;
            }
        }
        return sb.toString();
    }

    static Value bytesMethod(PyBuiltins b, Value.Bytes bytes, String name, List<Value> args, Map<String, Value> kw, SyntaxNode at) {
        byte[] v = bytes.value();
        Value a0 = args.isEmpty() ? null : args.get(0);
        switch (name) {
            case "decode" -> {
                String encoding = a0 == null ? (kw.containsKey("encoding") ? PyValues.text(kw.get("encoding")) : "utf-8") : PyValues.text(a0);
                return encoding == null ? null : b.decodeBytes(bytes, encoding);
            }
            case "hex" -> {
                return Value.Str.of(HexCodec.encode(v));
            }
            case "join" -> {
                List<Value> items = b.iterate(a0);
                return items == null ? null : b.joinAll(bytes.latin1(), items, bytes, at, true);
            }
            case "replace", "strip", "lstrip", "rstrip", "upper", "lower", "split", "startswith", "endswith", "find",
                 "translate" -> {
                List<Value> latinArgs = new ArrayList<>();
                for (Value a : args) {
                    latinArgs.add(a instanceof Value.Bytes x ? new Value.Str(x.latin1(), x.chain(), x.origin()) : a);
                }
                Value r = strMethod(b, new Value.Str(bytes.latin1(), bytes.chain(), bytes.origin()), name, latinArgs, kw, at);
                return toBytes(r);
            }
            default -> {
                return null;
            }
        }
    }

    /** A str result of a bytes method computed as Latin-1 text, back to bytes. */
    private static Value toBytes(Value r) {
        if (r instanceof Value.Str s) {
            return new Value.Bytes(s.value().getBytes(StandardCharsets.ISO_8859_1), s.chain(), s.origin());
        }
        if (r instanceof Value.Seq seq) {
            List<Value> items = new ArrayList<>();
            for (Value item : seq.items()) {
                items.add(toBytes(item));
            }
            return new Value.Seq(seq.kind(), items);
        }
        return r;
    }

    private static List<String> mergeArgChains(List<String> chain, List<Value> args) {
        List<String> out = chain;
        for (Value a : args) {
            out = PyValues.mergeChains(out, a.chain());
        }
        return out;
    }

    static String replace(String v, String old, String replacement, int count) {
        if (count < 0) {
            return old.isEmpty() ? insertEverywhere(v, replacement) : v.replace(old, replacement);
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int done = 0;
        int i;
        while (done < count && !old.isEmpty() && (i = v.indexOf(old, from)) >= 0) {
            sb.append(v, from, i).append(replacement);
            from = i + old.length();
            done++;
        }
        return sb.append(v.substring(from)).toString();
    }

    private static String insertEverywhere(String v, String insert) {
        StringBuilder sb = new StringBuilder(insert);
        for (int i = 0; i < v.length(); i++) {
            sb.append(v.charAt(i)).append(insert);
        }
        return sb.toString();
    }

    /**
     * {@code textwrap.dedent}: the leading whitespace all non-blank lines share removed, blank lines
     * emptied; or, for {@code inspect.cleandoc}, tabs expanded, the first line's indent and the
     * other lines' common indent removed, and blank lines at either end dropped.
     */
    static String dedent(String text, boolean cleandoc) {
        String[] lines = (cleandoc ? text.replace("\t", "        ") : text).split("\n", -1);
        String margin = null;
        for (int i = cleandoc ? 1 : 0; i < lines.length; i++) {
            String line = lines[i];
            int indent = 0;
            while (indent < line.length() && (line.charAt(indent) == ' ' || line.charAt(indent) == '\t')) {
                indent++;
            }
            if (indent == line.length()) {
                continue; // blank
            }
            String own = line.substring(0, indent);
            while (margin != null && !own.startsWith(margin)) {
                margin = margin.substring(0, margin.length() - 1);
            }
            margin = margin == null ? own : margin;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.isEmpty() && line.chars().allMatch(c -> c == ' ' || c == '\t')) {
                out.add("");
            } else if (cleandoc && i == 0) {
                out.add(line.stripLeading());
            } else {
                out.add(margin != null && line.startsWith(margin) ? line.substring(margin.length()) : line);
            }
        }
        if (cleandoc) {
            while (!out.isEmpty() && out.get(out.size() - 1).isBlank()) {
                out.remove(out.size() - 1);
            }
            while (!out.isEmpty() && out.get(0).isBlank()) {
                out.remove(0);
            }
        }
        return String.join("\n", out);
    }

    private static String strip(String v, String chars, String how) {
        int start = 0;
        int end = v.length();
        if (!how.equals("rstrip")) {
            while (start < end && (chars == null ? Character.isWhitespace(v.charAt(start)) : chars.indexOf(v.charAt(start)) >= 0)) {
                start++;
            }
        }
        if (!how.equals("lstrip")) {
            while (end > start && (chars == null ? Character.isWhitespace(v.charAt(end - 1)) : chars.indexOf(v.charAt(end - 1)) >= 0)) {
                end--;
            }
        }
        return v.substring(start, end);
    }

    private static final java.util.regex.Pattern BRACE_FIELD = java.util.regex.Pattern.compile("\\{[^{}]*\\}");

    /**
     * The known text of a str.format whose fields are not all known: the template's literal text
     * with the fields whose values are known filled in ({{ and }} read as braces), split where a
     * field is unknown or formatted by a spec, conversion, attribute or index.
     */
    static List<String> bracePieces(String template, List<Value> args, Map<String, Value> kw) {
        // Escaped braces are literal text, never fields: hide them from the field pattern.
        String t = template.replace("{{", "\u0000").replace("}}", "\u0001");
        KnownPieces pieces = new KnownPieces();
        java.util.regex.Matcher field = BRACE_FIELD.matcher(t);
        int last = 0;
        int next = 0;
        while (field.find()) {
            pieces.known(literal(t.substring(last, field.start())));
            last = field.end();
            String inside = t.substring(field.start() + 1, field.end() - 1);
            int cut = 0;
            while (cut < inside.length() && "!:.[".indexOf(inside.charAt(cut)) < 0) {
                cut++;
            }
            String name = inside.substring(0, cut);
            Value value = null;
            if (name.isEmpty()) {
                value = next < args.size() ? args.get(next) : null;
                next++; // an automatic field takes the next argument whatever it is formatted with
            } else if (name.chars().allMatch(Character::isDigit) && name.length() < 4) {
                int i = Integer.parseInt(name);
                value = i < args.size() ? args.get(i) : null;
            } else if (name.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_')) {
                value = kw.get(name);
            }
            // A conversion, spec, attribute or index changes the text: only a plain field is known.
            String text = value == null || cut < inside.length() ? null : PyValues.text(value);
            if (text != null) {
                pieces.known(text);
            } else {
                // What is known inside the value stays known, whatever it is formatted with.
                pieces.unknown(value == null ? List.of() : PyBuiltins.fragments(value));
            }
        }
        return pieces.known(literal(t.substring(last))).pieces();
    }

    private static String literal(String hidden) {
        return hidden.replace('\u0000', '{').replace('\u0001', '}');
    }
}
