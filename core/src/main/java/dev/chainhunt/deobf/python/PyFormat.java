package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Value;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * String formatting as far as obfuscators use it: format specs for f-strings and
 * {@code format()}, {@code str.format} with positional and named fields, and {@code %}
 * formatting with mapping keys, flags, width and precision for %s, %r, %a, %d, %o, %x, %c.
 * Anything fancier (floats) is "not known" (null).
 */
final class PyFormat {

    private PyFormat() {
    }

    private static final java.util.regex.Pattern FORMAT_SPEC = java.util.regex.Pattern.compile(
            "(?:(.)?([<>^=]))?([+\\- ])?(#)?(0)?(\\d+)?([,_])?(?:\\.(\\d+))?([bcdeEfFgGnosxX%])?");

    /** Applies a format spec ({@code >10}, {@code 02x}, {@code c}) to a value whose str() is {@code text}. */
    static String format(Value v, String text, String spec) {
        java.util.regex.Matcher m = FORMAT_SPEC.matcher(spec);
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

    /**
     * One conversion of a %-template, {@code %(key)-#08.3x}: where it starts and ends, the mapping
     * key (or null), flags, width and precision ({@link #STAR} when taken from the arguments,
     * -1 when absent) and the conversion letter.
     */
    record PercentSpec(int start, int end, String key, String flags, int width, int precision, char type) {
    }

    static final int STAR = -2;

    /** Longest mapping key or width a conversion may have; longer is malformed, so parsing stays linear. */
    private static final int MAX_SPEC = 128;

    /** The conversion starting at {@code t[i] == '%'}, or null when it is malformed or unsupported. */
    static PercentSpec percentSpec(String t, int i) {
        int j = i + 1;
        String key = null;
        if (j < t.length() && t.charAt(j) == '(') {
            int depth = 1;
            int k = j + 1;
            for (; k < t.length() && k - j <= MAX_SPEC && depth > 0; k++) {
                depth += t.charAt(k) == '(' ? 1 : t.charAt(k) == ')' ? -1 : 0;
            }
            if (depth != 0) {
                return null;
            }
            key = t.substring(j + 1, k - 1);
            j = k;
        }
        int flagsStart = j;
        while (j < t.length() && "-+ #0".indexOf(t.charAt(j)) >= 0 && j - flagsStart < MAX_SPEC) {
            j++;
        }
        String flags = t.substring(flagsStart, j);
        int width = -1;
        if (j < t.length() && t.charAt(j) == '*') {
            width = STAR;
            j++;
        } else {
            int w = j;
            j = digitsEnd(t, j);
            width = j > w ? Integer.parseInt(t.substring(w, j)) : -1;
        }
        int precision = -1;
        if (j < t.length() && t.charAt(j) == '.') {
            j++;
            if (j < t.length() && t.charAt(j) == '*') {
                precision = STAR;
                j++;
            } else {
                int p = j;
                j = digitsEnd(t, j);
                precision = j > p ? Integer.parseInt(t.substring(p, j)) : 0;
            }
        }
        if (j < t.length() && "hlL".indexOf(t.charAt(j)) >= 0) {
            j++;
        }
        if (j >= t.length() || "diouxXeEfFgGcrsab%".indexOf(t.charAt(j)) < 0) {
            return null;
        }
        return new PercentSpec(i, j + 1, key, flags, width, precision, t.charAt(j));
    }

    /** One conversion of a known value with its flags, width and precision applied, or null. */
    static String converted(PercentSpec spec, Value v, int width, int precision, boolean bytes) {
        String body = converted(spec.type(), v, bytes);
        if (body == null || width > 100_000 || precision > 100_000) {
            return null;
        }
        boolean numeric = "diouxX".indexOf(spec.type()) >= 0;
        String sign = "";
        if (numeric) {
            if (body.startsWith("-")) {
                sign = "-";
                body = body.substring(1);
            } else if (spec.flags().indexOf('+') >= 0) {
                sign = "+";
            } else if (spec.flags().indexOf(' ') >= 0) {
                sign = " ";
            }
            if (precision > body.length()) {
                body = "0".repeat(precision - body.length()) + body;
            }
            if (spec.flags().indexOf('#') >= 0 && "xXo".indexOf(spec.type()) >= 0) {
                sign += "0" + spec.type();
            }
        } else if (precision >= 0 && precision < body.length() && "sra".indexOf(spec.type()) >= 0) {
            body = body.substring(0, precision);
        }
        int pad = Math.max(0, width - sign.length() - body.length());
        if (spec.flags().indexOf('-') >= 0) {
            return sign + body + " ".repeat(pad);
        }
        return numeric && spec.flags().indexOf('0') >= 0 ? sign + "0".repeat(pad) + body : " ".repeat(pad) + sign + body;
    }

    /** One {@code %} conversion letter of a known value ({@code bytes}: in a bytes template), or null. */
    static String converted(char type, Value v, boolean bytes) {
        return switch (type) {
            case 's', 'b' -> v instanceof Value.Bytes b && bytes ? b.latin1() : type == 's' ? PyValues.str(v) : null;
            case 'r', 'a' -> PyValues.repr(v);
            case 'd', 'i', 'u' -> PyValues.toInt(v) == null ? null : PyValues.toInt(v).toString();
            case 'o' -> PyValues.toInt(v) == null ? null : PyValues.toInt(v).toString(8);
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

    /** {@code template % args} for str and bytes templates, or null when any part is not known. */
    static Value percent(Value template, Value args) {
        boolean bytes = template instanceof Value.Bytes;
        String t = bytes ? ((Value.Bytes) template).latin1() : ((Value.Str) template).value();
        List<Value> values = args instanceof Value.Seq s && s.kind() == Value.Seq.Kind.TUPLE ? s.items() : List.of(args);
        StringBuilder sb = new StringBuilder();
        int[] next = {0};
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            PercentSpec spec = percentSpec(t, i);
            if (spec == null) {
                return null;
            }
            i = spec.end() - 1;
            if (spec.type() == '%') {
                sb.append('%');
                continue;
            }
            Argument argument = take(spec, args, values, next);
            String piece = argument == null ? null : converted(spec, argument, bytes);
            if (piece == null) {
                return null;
            }
            sb.append(piece);
        }
        if (next[0] != values.size() && !(args instanceof Value.Dict)) {
            return null;
        }
        List<String> chain = template.chain();
        for (Value v : values) {
            chain = PyValues.mergeChains(chain, v.chain());
        }
        return bytes ? new Value.Bytes(sb.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), chain, template.origin())
                : new Value.Str(sb.toString(), chain, template.origin());
    }

    /** The argument of one conversion with its width and precision resolved. */
    record Argument(Value value, int width, int precision) {
    }

    /**
     * Takes the argument of one conversion ({@code *} width and precision first) from the mapping
     * or from {@code values} at {@code next[0]}, which moves on; null when one of them is missing or not known.
     */
    static Argument take(PercentSpec spec, Value args, List<Value> values, int[] next) {
        int width = spec.width() == STAR ? starred(values, next) : spec.width();
        int precision = spec.precision() == STAR ? starred(values, next) : spec.precision();
        Value v = spec.key() != null ? mapped(args, spec.key()) : next[0] < values.size() ? values.get(next[0]++) : null;
        return v == null || width == STAR || precision == STAR ? null : new Argument(v, width, precision);
    }

    /** The text one conversion makes of its known argument, or null. */
    static String converted(PercentSpec spec, Argument a, boolean bytes) {
        return converted(spec, a.value(), a.width(), a.precision(), bytes);
    }

    private static Value mapped(Value args, String key) {
        if (args instanceof Value.Dict d) {
            for (int i = 0; i < d.keys().size(); i++) {
                if (d.keys().get(i) instanceof Value.Str k && k.value().equals(key)) {
                    return d.values().get(i);
                }
            }
        }
        return null;
    }

    private static int starred(List<Value> values, int[] next) {
        BigInteger n = next[0] < values.size() ? PyValues.toInt(values.get(next[0]++)) : null;
        return n == null || n.bitLength() > 20 ? STAR : Math.abs(n.intValue());
    }

    /** Where a run of at most six digits starting at {@code from} ends (a width or precision). */
    private static int digitsEnd(String t, int from) {
        int j = from;
        while (j < t.length() && Character.isDigit(t.charAt(j)) && j - from < 6) {
            j++;
        }
        return j;
    }
}
