package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Value;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * String formatting as far as obfuscators use it: format specs for f-strings and
 * {@code format()}, {@code str.format} with positional and named fields, and {@code %}
 * formatting with %s, %r, %d, %c, %x. Anything fancier is "not known" (null).
 */
final class PyFormat {

    private PyFormat() {
    }

    /** Applies a format spec ({@code >10}, {@code 02x}, {@code c}) to a value whose str() is {@code text}. */
    static String format(Value v, String text, String spec) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                "(?:(.)?([<>^=]))?([+\\- ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?").matcher(spec);
        if (!m.matches()) {
            return null;
        }
        String fill = m.group(1) != null ? m.group(1) : m.group(5) != null ? "0" : " ";
        String align = m.group(2);
        int width = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        String type = m.group(9);
        String body = text;
        BigInteger i = PyValues.toInt(v);
        if (type != null) {
            switch (type) {
                case "x", "X", "o", "b", "d", "n" -> {
                    if (i == null) {
                        return null;
                    }
                    int radix = type.equalsIgnoreCase("x") ? 16 : type.equals("o") ? 8 : type.equals("b") ? 2 : 10;
                    body = i.toString(radix);
                    if (type.equals("X")) {
                        body = body.toUpperCase(java.util.Locale.ROOT);
                    }
                    if (m.group(4) != null && radix != 10) {
                        body = (radix == 16 ? "0" + type : radix == 8 ? "0o" : "0b") + body;
                    }
                }
                case "c" -> {
                    if (i == null) {
                        return null;
                    }
                    body = new String(Character.toChars(i.intValue()));
                }
                case "s" -> body = text;
                default -> {
                    return null;
                }
            }
        }
        if (width > 100_000) {
            return null;
        }
        int pad = Math.max(0, width - body.length());
        if (pad == 0) {
            return body;
        }
        String a = align != null ? align : (i != null && type != null && !type.equals("s") && !type.equals("c")) || v instanceof Value.Int ? ">" : "<";
        return switch (a) {
            case ">", "=" -> fill.repeat(pad) + body;
            case "^" -> fill.repeat(pad / 2) + body + fill.repeat(pad - pad / 2);
            default -> body + fill.repeat(pad);
        };
    }

    /** {@code "…{0}…{name}…".format(args, **kwargs)}. */
    static String braces(String template, List<Value> args, Map<String, Value> kw) {
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '{') {
                sb.append('{');
                i += 2;
                continue;
            }
            if (c == '}' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                sb.append('}');
                i += 2;
                continue;
            }
            if (c != '{') {
                sb.append(c);
                i++;
                continue;
            }
            int close = template.indexOf('}', i);
            if (close < 0) {
                return null;
            }
            String field = template.substring(i + 1, close);
            String spec = "";
            int colon = field.indexOf(':');
            if (colon >= 0) {
                spec = field.substring(colon + 1);
                field = field.substring(0, colon);
            }
            char conversion = 0;
            int bang = field.indexOf('!');
            if (bang >= 0) {
                conversion = bang + 1 < field.length() ? field.charAt(bang + 1) : 0;
                field = field.substring(0, bang);
            }
            Value v;
            if (field.isEmpty()) {
                v = auto < args.size() ? args.get(auto++) : null;
            } else if (field.chars().allMatch(Character::isDigit)) {
                int k = Integer.parseInt(field);
                v = k < args.size() ? args.get(k) : null;
            } else {
                v = kw.get(field);
            }
            if (v == null) {
                return null;
            }
            String text = conversion == 'r' ? PyValues.repr(v) : PyValues.str(v);
            if (text == null) {
                return null;
            }
            String formatted = spec.isEmpty() ? text : format(v, text, spec);
            if (formatted == null) {
                return null;
            }
            sb.append(formatted);
            i = close + 1;
        }
        return sb.toString();
    }

    /** {@code template % args} for str and bytes templates. */
    /** One {@code %} conversion of a known value ({@code bytes}: in a bytes template), or null. */
    static String converted(char type, Value v, boolean bytes) {
        return switch (type) {
            case 's' -> v instanceof Value.Bytes b && bytes ? b.latin1() : PyValues.str(v);
            case 'r', 'a' -> PyValues.repr(v);
            case 'd', 'i', 'u' -> PyValues.toInt(v) == null ? null : PyValues.toInt(v).toString();
            case 'x' -> PyValues.toInt(v) == null ? null : PyValues.toInt(v).toString(16);
            case 'X' -> PyValues.toInt(v) == null ? null : PyValues.toInt(v).toString(16).toUpperCase(java.util.Locale.ROOT);
            case 'c' -> PyValues.toInt(v) != null ? character(PyValues.toInt(v)) : v instanceof Value.Str s ? s.value() : null;
            default -> null;
        };
    }

    private static String character(java.math.BigInteger code) {
        return code.signum() >= 0 && code.bitLength() <= 21 && code.intValue() <= Character.MAX_CODE_POINT
                ? new String(Character.toChars(code.intValue())) : null;
    }

    static Value percent(Value template, Value args) {
        boolean bytes = template instanceof Value.Bytes;
        String t = bytes ? ((Value.Bytes) template).latin1() : ((Value.Str) template).value();
        List<Value> values = args instanceof Value.Seq s && s.kind() == Value.Seq.Kind.TUPLE ? s.items() : List.of(args);
        StringBuilder sb = new StringBuilder();
        int next = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i + 1 >= t.length()) {
                return null;
            }
            char type = t.charAt(++i);
            if (type == '%') {
                sb.append('%');
                continue;
            }
            if (next >= values.size()) {
                return null;
            }
            String piece = converted(type, values.get(next++), bytes);
            if (piece == null) {
                return null;
            }
            sb.append(piece);
        }
        if (next != values.size() && !(args instanceof Value.Dict)) {
            return null;
        }
        List<String> chain = template.chain();
        for (Value v : values) {
            chain = PyValues.mergeChains(chain, v.chain());
        }
        return bytes ? new Value.Bytes(sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), chain, template.origin())
                : new Value.Str(sb.toString(), chain, template.origin());
    }
}
