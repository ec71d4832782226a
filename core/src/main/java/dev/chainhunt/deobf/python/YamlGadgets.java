package dev.chainhunt.deobf.python;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites PyYAML's Python tags as the calls they make when a document is loaded with an unsafe
 * loader: {@code !!python/object/apply:subprocess.Popen [[sh, -c, "curl … | sh"]]} is
 * {@code subprocess.Popen(['sh', '-c', 'curl … | sh'])}. Arguments are read in flow style
 * ({@code [a, "b"]}, nested tags included), as a block sequence of scalars on the lines below,
 * or from an {@code args:} key; anything else is a call without arguments, which still names
 * the callable. Linear in the text; never throws.
 */
public final class YamlGadgets {

    private static final Pattern TAG = Pattern.compile(
            "(?:!!|!<?tag:yaml\\.org,2002:)python/object/(?:apply|new):([A-Za-z_][\\w.]*)>?");
    private static final Pattern DOCUMENTS_AND_CODE = Pattern.compile(
            "\\.(?:pyw?|pyi|pyx|md|markdown|rst|txt|html?|ipynb|js|ts|c|h|cpp|java|rb|go|rs)$");
    private static final int MAX_CALLS = 1_000;
    private static final int MAX_DEPTH = 32;

    private final String text;
    private final List<String> statements = new ArrayList<>();
    private final Set<String> imports = new LinkedHashSet<>();
    private int pos;
    private int depth;

    private YamlGadgets(String text) {
        this.text = text;
    }

    /**
     * Whether a file may hold a Python tag that calls something: a data file (not source code or
     * documentation, where such tags are quoted, not loaded) that names one. A cheap test before
     * {@link #decompile}.
     */
    public static boolean mayHold(String path, byte[] bytes) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        if (DOCUMENTS_AND_CODE.matcher(name).find()) {
            return false;
        }
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("python/object/");
    }

    /** The calls a YAML text makes when loaded unsafely, as Python, or null if it makes none. */
    public static String decompile(String text) {
        YamlGadgets y = new YamlGadgets(text);
        Matcher m = TAG.matcher(text);
        int from = 0;
        while (y.statements.size() < MAX_CALLS && m.find(from)) {
            y.pos = m.start();
            String call = y.tagged();
            y.statements.add("_v" + (y.statements.size() + 1) + " = " + call);
            from = Math.max(y.pos, m.end());
        }
        if (y.statements.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        y.imports.forEach(i -> out.append("import ").append(i).append('\n'));
        y.statements.forEach(s -> out.append(s).append('\n'));
        return out.toString();
    }

    /** A tag at {@link #pos} and its arguments, as a call expression; leaves pos after what it read. */
    private String tagged() {
        Matcher m = TAG.matcher(text).region(pos, text.length());
        if (!m.lookingAt()) {
            return "None";
        }
        String callee = callee(m.group(1));
        pos = m.end();
        skipSpaces();
        if (pos < text.length() && (text.charAt(pos) == '[' || text.charAt(pos) == '{')) {
            String args = flow();
            return callee + (args.startsWith("[") ? "(*" + args + ")" : "(**" + args + ")");
        }
        List<String> block = block(lineIndent(m.start()));
        return callee + "(" + String.join(", ", block) + ")";
    }

    private String callee(String dotted) {
        int dot = dotted.lastIndexOf('.');
        if (dot < 0) {
            return dotted; // a builtin: exec, eval
        }
        return PickleDecompiler.qualified(dotted.substring(0, dot), dotted.substring(dot + 1), imports);
    }

    /** A flow collection at pos: {@code [..]} as a Python list, {@code {..}} as a dict. */
    private String flow() {
        char open = text.charAt(pos++);
        char close = open == '[' ? ']' : '}';
        List<String> items = new ArrayList<>();
        if (++depth > MAX_DEPTH) {
            depth--;
            pos = text.length(); // nested past any real document: stop reading
            return open == '[' ? "[]" : "{}";
        }
        try {
            while (pos < text.length()) {
                skipBlank();
                if (pos >= text.length()) {
                    break;
                }
                char c = text.charAt(pos);
                if (c == close) {
                    pos++;
                    break;
                }
                if (c == ',') {
                    pos++;
                    continue;
                }
                if (open == '{' && c == ':') {
                    pos++;
                    items.add(":");
                    continue;
                }
                int before = pos;
                items.add(scalar(true));
                if (pos == before) {
                    pos++; // a character no scalar starts with (": " in a sequence): step over it
                }
            }
        } finally {
            depth--;
        }
        if (open == '[') {
            return "[" + String.join(", ", items) + "]";
        }
        StringBuilder dict = new StringBuilder("{");
        for (int i = 0; i + 2 < items.size(); i++) {
            if (items.get(i + 1).equals(":") && !items.get(i).equals(":") && !items.get(i + 2).equals(":")) {
                dict.append(dict.length() > 1 ? ", " : "").append(items.get(i)).append(": ").append(items.get(i + 2));
                i += 2;
            }
        }
        return dict.append('}').toString();
    }

    /** Arguments on the lines below a tag: {@code - item} lines, or an {@code args:} key. */
    private List<String> block(int tagIndent) {
        List<String> args = new ArrayList<>();
        skipToNextLine();
        while (pos < text.length()) {
            int lineStart = pos;
            int indent = skipIndent();
            if (pos >= text.length() || text.charAt(pos) == '\n' || text.charAt(pos) == '#') {
                skipToNextLine();
                continue;
            }
            if (indent < tagIndent || (indent == tagIndent && text.charAt(pos) != '-' && !text.startsWith("args:", pos))) {
                pos = lineStart;
                break;
            }
            if (text.startsWith("- - ", pos)) {
                pos += 2;
                args.add(nestedSequence(indent + 2));
                continue;
            }
            if (text.startsWith("- ", pos)) {
                pos += 2;
                args.add(scalar(false));
                skipToNextLine();
                continue;
            }
            if (text.startsWith("args:", pos)) {
                pos += 5;
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '[') {
                    String list = flow();
                    args.add("*" + list);
                    skipToNextLine();
                } else if (depth < MAX_DEPTH) {
                    depth++;
                    args.addAll(block(indent));
                    depth--;
                }
                continue;
            }
            skipToNextLine();
        }
        return args;
    }

    /** {@code - - a} then {@code   - b} lines: one list argument. */
    private String nestedSequence(int itemIndent) {
        List<String> items = new ArrayList<>();
        pos += 2;
        items.add(scalar(false));
        skipToNextLine();
        while (pos < text.length()) {
            int lineStart = pos;
            int indent = skipIndent();
            if (indent != itemIndent || !text.startsWith("- ", pos)) {
                pos = lineStart;
                break;
            }
            pos += 2;
            items.add(scalar(false));
            skipToNextLine();
        }
        return "[" + String.join(", ", items) + "]";
    }

    /** One scalar (quoted, plain, a nested tag or flow collection) as a Python expression. */
    private String scalar(boolean inFlow) {
        skipSpaces();
        if (pos >= text.length()) {
            return "None";
        }
        char c = text.charAt(pos);
        if (c == '!' && TAG.matcher(text).region(pos, text.length()).lookingAt()) {
            if (++depth > MAX_DEPTH) {
                depth--;
                return "None";
            }
            try {
                return tagged();
            } finally {
                depth--;
            }
        }
        if (c == '[' || c == '{') {
            return flow();
        }
        if (c == '"') {
            return PyValues.reprStr(doubleQuoted());
        }
        if (c == '\'') {
            return PyValues.reprStr(singleQuoted());
        }
        int start = pos;
        while (pos < text.length()) {
            char d = text.charAt(pos);
            if (d == '\n' || (inFlow && (d == ',' || d == ']' || d == '}'))
                    || (d == '#' && pos > start && text.charAt(pos - 1) == ' ')
                    || (inFlow && d == ':' && pos + 1 < text.length() && text.charAt(pos + 1) == ' ')) {
                break;
            }
            pos++;
        }
        String plain = text.substring(start, pos).strip();
        if (plain.matches("[-+]?\\d{1,18}")) {
            return Long.toString(Long.parseLong(plain));
        }
        return switch (plain) {
            case "true", "True" -> "True";
            case "false", "False" -> "False";
            case "null", "~", "" -> "None";
            default -> PyValues.reprStr(plain);
        };
    }

    private String doubleQuoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length() && text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c == '\\' && pos < text.length()) {
                char n = text.charAt(pos++);
                sb.append(switch (n) { case 'n' -> '\n'; case 't' -> '\t'; case 'r' -> '\r'; case '0' -> '\0'; default -> n; });
            } else {
                sb.append(c);
            }
        }
        pos = Math.min(text.length(), pos + 1);
        return sb.toString();
    }

    private String singleQuoted() {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '\'') {
                if (pos < text.length() && text.charAt(pos) == '\'') {
                    sb.append('\'');
                    pos++;
                    continue;
                }
                break;
            }
            sb.append(c);
        }
        return sb.toString();
    }

    private int lineIndent(int at) {
        int start = text.lastIndexOf('\n', at - 1) + 1;
        int i = start;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        return i - start;
    }

    /** Steps over a line's leading spaces; returns how many. */
    private int skipIndent() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) == ' ') {
            pos++;
        }
        return pos - start;
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) {
            pos++;
        }
    }

    private void skipBlank() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private void skipToNextLine() {
        int nl = text.indexOf('\n', pos);
        pos = nl < 0 ? text.length() : nl + 1;
    }
}
