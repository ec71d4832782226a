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
 * @param keyword  keyword argument the condition is about, or null; neither means "any argument"
 */
public record ValueCondition(int at, String keyword, Glob from, Pattern text, Pattern fragment, Boolean decoded,
                             Glob sym, ValueCondition not) {

    /** Whether {@code v} satisfies this condition. */
    public boolean test(Value v) {
        if (v == null) {
            return false;
        }
        if (from != null && !derivesFrom(v, from)) {
            return false;
        }
        if (sym != null && !(v instanceof Value.Sym s && sym.matches(s.path()))) {
            return false;
        }
        if (decoded != null && decoded != !v.chain().isEmpty() && !(decoded && anyItemDecoded(v))) {
            return false;
        }
        if (text != null) {
            String t = textOf(v);
            if (t == null || !text.matcher(t).find()) {
                return false;
            }
        }
        if (fragment != null && !anyFragment(v)) {
            return false;
        }
        return not == null || !not.test(v);
    }

    private boolean anyFragment(Value v) {
        String t = textOf(v);
        if (t != null) {
            return fragment.matcher(t).find();
        }
        if (v instanceof Value.Opaque o && !o.fragments().isEmpty()) {
            for (String piece : o.fragments()) {
                if (fragment.matcher(piece).find()) {
                    return true;
                }
            }
            // Pieces in order, with the unknown parts between them marked: 'curl ' … ' | sh'.
            return fragment.matcher(String.join(" … ", o.fragments())).find();
        }
        if (v instanceof Value.Seq s) {
            for (Value item : s.items()) {
                if (anyFragment(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean anyItemDecoded(Value v) {
        if (v instanceof Value.Seq s) {
            for (Value item : s.items()) {
                if (!item.chain().isEmpty()) {
                    return true;
                }
            }
        }
        return false;
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
     * joined by spaces (when all are known), the keys and values of a dict.
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
                String p = textOf(item);
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
        if (keyword != null) {
            Value v = site.keywords().get(keyword);
            if (v != null) {
                out.add(v);
            }
            if (at >= 0 && at < site.args().size()) {
                out.add(site.args().get(at));
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
