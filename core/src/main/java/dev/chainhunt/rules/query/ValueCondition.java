package dev.chainhunt.rules.query;

import dev.chainhunt.deobf.Value;
import dev.chainhunt.deobf.python.PyValues;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A condition on one value (an argument, a receiver): where it comes from ({@code from}: the
 * canonical names of calls it derives from, or its own symbolic name), what its text says
 * ({@code text}: a regex over the whole string, bytes, or the items of a list joined by spaces),
 * what it is known to contain ({@code fragment}: a regex over the whole text or any constant piece
 * of a partly unknown value, such as the {@code .exe} of {@code folder + '/x.exe'}), whether it was
 * decoded, whether it is a given symbol. All given parts must hold.
 *
 * @param at       positional index the condition is about, or -1
 * @param keywords keyword arguments the condition is about (any of them), or empty; neither these
 *                 nor {@code at} means "any argument"
 * @param command  when the value is a list-form command line, look only at what decides what runs:
 *                 the program and the code handed to {@code -c}, {@code /c} or {@code -Command}
 *                 (so a version number fetched from an index and passed to {@code pip install}
 *                 is not "a command from the network")
 */
public record ValueCondition(int at, List<String> keywords, boolean command, Glob from, Pattern text, Pattern fragment,
                             Boolean decoded, Glob sym, ValueCondition not) {

    /**
     * How much of one text a rule's regex reads: command lines, URLs and paths are far shorter, and
     * an attacker's megabyte string must not make a pattern with backtracking crawl.
     */
    static final int MAX_MATCHED = 64 * 1024;

    /** {@code text}, cut to what a rule's regex reads. */
    static CharSequence capped(String text) {
        return text.length() <= MAX_MATCHED ? text : text.substring(0, MAX_MATCHED);
    }

    private static final Pattern CODE_FLAG = Pattern.compile("(?i)-c|/c|/k|-e|-command|-encodedcommand|-enc|-ec|--eval");

    /** Whether {@code v} satisfies this condition. */
    public boolean test(Value v) {
        if (v == null) {
            return false;
        }
        if (command && v instanceof Value.Seq s) {
            v = commandParts(s);
        }
        if (from != null && !derivesFrom(v, from)) {
            return false;
        }
        if (sym != null && !(v instanceof Value.Sym s && sym.matches(s.path()))) {
            return false;
        }
        if (decoded != null && decoded == (decoded ? decodeChain(v) : v.chain()).isEmpty()) {
            return false;
        }
        if (text != null) {
            String t = textOf(v);
            if (t == null || !text.matcher(capped(t)).find()) {
                return false;
            }
        }
        if (fragment != null && !anyFragment(v)) {
            return false;
        }
        return not == null || !not.test(v);
    }

    /**
     * The program of a list-form command line and any code given to it with a code flag. A program
     * the code names by a path it builds ({@code cache / version / "chromedriver"}) is a file in a
     * folder, whatever picked the folder: what it holds, not where it lies, decides what runs
     * (running a download is {@code py-run-downloaded-file}), so only its known pieces count.
     */
    static Value.Seq commandParts(Value.Seq argv) {
        List<Value> items = argv.items();
        Value program = items.isEmpty() ? null : items.get(0);
        if (program != null && (program.from().contains("pathlib.Path") || program.from().contains("os.path.join"))) {
            program = new Value.Opaque(java.util.Set.of(), program instanceof Value.Opaque o ? o.fragments() : List.of());
        }
        List<Value> parts = new ArrayList<>(program == null ? List.of() : List.of(program));
        for (int i = 1; i + 1 < items.size(); i++) {
            String flag = PyValues.text(items.get(i));
            if (flag != null && CODE_FLAG.matcher(flag.strip()).matches()) {
                parts.add(items.get(++i));
            }
        }
        return new Value.Seq(argv.kind(), parts);
    }

    private boolean anyFragment(Value v) {
        String t = textOf(v);
        if (t != null) {
            return fragment.matcher(capped(t)).find();
        }
        if (v instanceof Value.Opaque o && !o.fragments().isEmpty()) {
            for (String piece : o.fragments()) {
                if (fragment.matcher(capped(piece)).find()) {
                    return true;
                }
            }
            // Pieces in order, with the unknown parts between them marked: 'curl ' … ' | sh'.
            return fragment.matcher(capped(String.join(" … ", o.fragments()))).find();
        }
        if (v instanceof Value.Seq s) {
            List<String> known = new ArrayList<>();
            for (Value item : s.items()) {
                if (anyFragment(item)) {
                    return true;
                }
                String part = textOf(item);
                known.add(part != null ? part : item instanceof Value.Opaque o && !o.fragments().isEmpty()
                        ? "… " + String.join(" … ", o.fragments()) + " …" : "…");
            }
            // A list-form command line with unknown parts: [python, '-m', 'pip', 'install', name].
            return fragment.matcher(capped(String.join(" ", known))).find();
        }
        if (v instanceof Value.Dict d) {
            // An environment or a form: any value's known pieces.
            for (Value item : d.values()) {
                if (anyFragment(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** How a value was decoded: its own decode chain, or for a list (a command line) that of its first decoded item. */
    static List<String> decodeChain(Value v) {
        if (v.chain().isEmpty() && v instanceof Value.Seq s) {
            for (Value item : s.items()) {
                if (!item.chain().isEmpty()) {
                    return item.chain();
                }
            }
        }
        return v.chain();
    }

    static boolean derivesFrom(Value v, Glob glob) {
        if (v instanceof Value.Sym s && glob.matches(s.path())) {
            return true;
        }
        if (glob.matchesAny(v.from())) {
            return true;
        }
        if (v instanceof Value.Seq s) {
            for (Value item : s.items()) {
                if (derivesFrom(item, glob)) {
                    return true;
                }
            }
        }
        if (v instanceof Value.Dict d) {
            for (Value item : d.values()) {
                if (derivesFrom(item, glob)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The text a regex is matched against: a string, bytes, a number, the texts of a sequence
     * joined by spaces (when all are known; {@code sys.executable} reads as {@code python}), the
     * keys and values of a dict.
     */
    public static String textOf(Value v) {
        String t = PyValues.text(v);
        if (t != null) {
            return t;
        }
        if (v instanceof Value.Int i) {
            return i.value().toString();
        }
        if (v instanceof Value.Seq s) {
            // A command line given as a list: known only if every part is known.
            List<String> parts = new ArrayList<>();
            for (Value item : s.items()) {
                String p = item instanceof Value.Sym ? PyValues.commandWord(item) : textOf(item);
                if (p == null) {
                    return null;
                }
                parts.add(p);
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
        if (v instanceof Value.Dict d) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < d.keys().size(); i++) {
                String k = textOf(d.keys().get(i));
                String val = textOf(d.values().get(i));
                if (k != null) {
                    parts.add(k);
                }
                if (val != null) {
                    parts.add(val);
                }
            }
            return parts.isEmpty() ? null : String.join(" ", parts);
        }
        return null;
    }

    /** The values of a call this condition looks at. */
    List<Value> select(dev.chainhunt.deobf.python.PyModel.CallSite site) {
        List<Value> out = new ArrayList<>();
        if (!keywords.isEmpty()) {
            for (String keyword : keywords) {
                Value v = site.keywords().get(keyword);
                if (v != null) {
                    out.add(v);
                }
            }
            if (at >= 0 && at < site.args().size()) {
                out.add(site.args().get(at));
            }
            return out;
        }
        if (command && at == 0) {
            Value line = site.commandLine();
            if (line != null) {
                out.add(line);
            }
            return out;
        }
        if (at >= 0) {
            if (at < site.args().size()) {
                out.add(site.args().get(at));
            }
            return out;
        }
        out.addAll(site.args());
        out.addAll(site.keywords().values());
        return out;
    }
}
