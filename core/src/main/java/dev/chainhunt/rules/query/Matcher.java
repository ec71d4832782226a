package dev.chainhunt.rules.query;

import dev.chainhunt.deobf.Value;
import dev.chainhunt.deobf.ValueFormat;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.deobf.python.PyValues;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.python.PyKind;
import dev.chainhunt.model.Trigger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Evaluates a rule's {@link Condition} over one file's model and returns where it holds. A match
 * carries its place, the call (if any), the value that satisfied the rule (its text is the
 * finding's evidence) and that value's decode chain.
 */
final class Matcher {

    /** One place a condition holds. */
    record Match(int offset, PyModel.CallSite site, Value value, String source) {
    }

    static final int TEXT_WINDOW = 1 << 16;

    private final PyModel model;
    private final java.util.function.Function<String, Trigger> triggers;
    private final String path;
    private final dev.chainhunt.model.Provenance provenance;

    /** Positions of the call sites of each callee in {@code model.calls()}, by first name and by last name. */
    private final java.util.Map<String, java.util.Map<String, int[]>> callsByCallee;
    private final java.util.Map<String, java.util.Map<String, int[]>> callsByLastName;

    /**
     * @param callsByCallee positions of each callee's sites in {@code model.calls()}, by the callee's first name
     * @param callsByLastName the same by the callee's last name
     * @param triggers      how the code of a scope runs
     */
    Matcher(PyModel model, java.util.Map<String, java.util.Map<String, int[]>> callsByCallee,
            java.util.Map<String, java.util.Map<String, int[]>> callsByLastName, java.util.function.Function<String, Trigger> triggers,
            String path, dev.chainhunt.model.Provenance provenance) {
        this.model = model;
        this.callsByCallee = callsByCallee;
        this.callsByLastName = callsByLastName;
        this.triggers = triggers;
        this.path = path;
        this.provenance = provenance;
    }

    /** Whether code that runs {@code how} is in {@code context}. */
    static boolean in(Condition.Context context, Trigger how) {
        return switch (context) {
            case ANY -> true;
            case INSTALL -> how == Trigger.INSTALL;
            case IMPORT -> how == Trigger.IMPORT;
            case AUTORUN -> how.automatic();
        };
    }

    List<Match> match(Condition c) {
        if (c instanceof Condition.Call call) {
            return calls(call);
        }
        if (c instanceof Condition.All all) {
            return all(all);
        }
        if (c instanceof Condition.Any any) {
            List<Match> out = new ArrayList<>();
            for (Condition sub : any.conditions()) {
                out.addAll(match(sub));
            }
            return out;
        }
        if (c instanceof Condition.Not not) {
            return match(not.condition()).isEmpty() ? List.of(new Match(0, null, null, null)) : List.of();
        }
        if (c instanceof Condition.Import imp) {
            return imports(imp);
        }
        if (c instanceof Condition.Text text) {
            return texts(text);
        }
        return file((Condition.File) c);
    }

    private List<Match> calls(Condition.Call call) {
        List<Match> out = new ArrayList<>();
        // Sites in source order, taken from the callees that match: each distinct name is tried once.
        java.util.BitSet matching = new java.util.BitSet();
        java.util.function.BiConsumer<String, int[]> test = (callee, positions) -> {
            if (call.callees().matches(callee)) {
                for (int i : positions) {
                    matching.set(i);
                }
            }
        };
        java.util.Set<String> anchors = call.callees().anchors();
        if (anchors == null) {
            callsByCallee.values().forEach(callees -> callees.forEach(test));
        } else {
            for (String anchor : anchors) {
                callsByCallee.getOrDefault(anchor, java.util.Map.of()).forEach(test);
            }
            for (String last : call.callees().lastNames()) {
                callsByLastName.getOrDefault(last, java.util.Map.of()).forEach(test);
            }
        }
        List<PyModel.CallSite> sites = model.calls();
        for (int i = matching.nextSetBit(0); i >= 0; i = matching.nextSetBit(i + 1)) {
            PyModel.CallSite site = sites.get(i);
            if (!in(call.context(), triggers.apply(site.scope()))) {
                continue;
            }
            if (call.receiver() != null && !call.receiver().test(site.receiver())) {
                continue;
            }
            if (call.indirect() && (namedDirectly(site) || model.calledThroughParameters().contains(site.node()))) {
                continue;
            }
            Value witness = null;
            String source = null;
            boolean ok = true;
            for (ValueCondition vc : call.args()) {
                Value found = null;
                for (Value v : vc.select(site)) {
                    if (vc.test(v)) {
                        found = v;
                        break;
                    }
                }
                if (found == null) {
                    ok = false;
                    break;
                }
                if (witness == null) {
                    witness = found;
                    source = vc.from() == null ? null : firstSource(found, vc.from());
                }
            }
            if (ok) {
                out.add(new Match(site.node().start(), site, witness, source));
            }
        }
        return out;
    }

    /** Whether the callee is spelled with its own name ({@code exec(…)}, {@code os.system(…)}). */
    private static boolean namedDirectly(PyModel.CallSite site) {
        SyntaxNode callee = site.node().child(0);
        if (callee == null || !site.node().is(PyKind.CALL)) {
            return true;
        }
        if (site.receiver() instanceof Value.Sym runner && PyEvaluator.runsCode(runner.path())) {
            return true; // timeit.timeit(src), console.runsource(src): exec by a library's own name
        }
        String name = site.callee().substring(site.callee().lastIndexOf('.') + 1);
        return (callee.is(PyKind.NAME) || callee.is(PyKind.ATTRIBUTE)) && name.equals(callee.text());
    }

    private static String firstSource(Value v, Glob from) {
        if (v instanceof Value.Sym s && from.matches(s.path())) {
            return s.path();
        }
        for (String f : v.from()) {
            if (from.matches(f)) {
                return f;
            }
        }
        if (v instanceof Value.Seq s) {
            for (Value item : s.items()) {
                String found = firstSource(item, from);
                if (found != null) {
                    return found;
                }
            }
        }
        if (v instanceof Value.Dict d) {
            for (Value item : d.values()) {
                String found = firstSource(item, from);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private List<Match> all(Condition.All all) {
        // Conditions on the file itself cost nothing: when one fails, the others are not looked at.
        for (Condition sub : all.conditions()) {
            if (sub instanceof Condition.File f && file(f).isEmpty()) {
                return List.of();
            }
        }
        List<List<Match>> parts = new ArrayList<>();
        Set<String> excluded = new java.util.HashSet<>();
        for (Condition sub : all.conditions()) {
            if (all.sameFunction() && sub instanceof Condition.Not not) {
                // Under same: function, a negated part rules out the functions where it holds.
                for (Match x : match(not.condition())) {
                    if (x.site() == null) {
                        return List.of();
                    }
                    excluded.add(x.site().scope());
                }
                continue;
            }
            List<Match> m = match(sub);
            if (m.isEmpty()) {
                return List.of();
            }
            parts.add(m);
        }
        if (parts.isEmpty()) {
            return List.of();
        }
        if (!all.sameFunction()) {
            return primary(parts);
        }
        // Some function (scope) must hold a match of every part that is tied to a call.
        Set<String> scopes = null;
        for (List<Match> m : parts) {
            Set<String> these = new LinkedHashSet<>();
            boolean anywhere = false;
            for (Match x : m) {
                if (x.site() == null) {
                    anywhere = true;
                } else {
                    these.add(x.site().scope());
                }
            }
            if (anywhere) {
                continue;
            }
            if (scopes == null) {
                scopes = these;
            } else {
                scopes.retainAll(these);
            }
        }
        if (scopes != null) {
            scopes.removeAll(excluded);
            if (scopes.isEmpty()) {
                return List.of();
            }
        }
        List<Match> out = new ArrayList<>();
        for (Match m : primary(parts)) {
            if (m.site() == null || (scopes == null || scopes.contains(m.site().scope())) && !excluded.contains(m.site().scope())) {
                out.add(m);
            }
        }
        return out;
    }

    /** The matches of the first part that is tied to a place, or of the first part. */
    private static List<Match> primary(List<List<Match>> parts) {
        for (List<Match> m : parts) {
            if (m.stream().anyMatch(x -> x.site() != null || x.value() != null)) {
                return m;
            }
        }
        return parts.get(0);
    }

    private List<Match> imports(Condition.Import imp) {
        for (String module : model.imports()) {
            if (imp.modules().matches(module)) {
                return List.of(new Match(importOffset(module), null, null, module));
            }
        }
        return List.of();
    }

    private int importOffset(String module) {
        for (SyntaxNode s : model.tree().root().childrenFrom(0)) {
            if ((s.is(PyKind.IMPORT) || s.is(PyKind.IMPORT_FROM)) && model.tree().text(s).contains(module.substring(module.lastIndexOf('.') + 1))) {
                return s.start();
            }
        }
        return 0;
    }

    private List<Match> texts(Condition.Text text) {
        List<Match> out = new ArrayList<>();
        for (PyModel.Decoded d : model.decoded()) {
            String t = d.text();
            if (t != null && matches(text, window(t), null)) {
                out.add(new Match(d.origin(), null, d.value(), null));
            }
        }
        if (text.decodedOnly()) {
            return out;
        }
        for (PyModel.Literal literal : model.literals()) {
            if (matches(text, window(literal.text()), literal)) {
                out.add(new Match(literal.offset(), null, Value.Str.of(literal.text()), null));
            }
        }
        out.sort(java.util.Comparator.comparingInt(Match::offset));
        return out;
    }

    private static boolean matches(Condition.Text text, String window, PyModel.Literal literal) {
        if (!text.keywords().isEmpty()) {
            String lower = literal != null ? literal.lowerWindow() : window.toLowerCase(java.util.Locale.ROOT);
            boolean any = false;
            for (String k : text.keywords()) {
                if (lower.contains(k)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return text.regex().matcher(window).find();
    }

    /**
     * The part of a text that text conditions read: its first {@link #TEXT_WINDOW} characters. Huge
     * literals are encoded payloads, which are judged by what they decode to, not by regexes.
     */
    static String window(String t) {
        return t.length() <= TEXT_WINDOW ? t : t.substring(0, TEXT_WINDOW);
    }

    private List<Match> file(Condition.File file) {
        if (file.path() != null && !file.path().matches(path)) {
            return List.of();
        }
        if (file.decodedStage() != null && file.decodedStage() != provenance.isDecoded()) {
            return List.of();
        }
        if (file.decodedBy() != null && !provenance.decodeChain().contains(file.decodedBy())) {
            return List.of();
        }
        if (file.context() != null && !in(file.context(), triggers.apply(null))) {
            return List.of();
        }
        return List.of(new Match(0, null, null, null));
    }

    /** Evidence for people: the witness value's text (decoded text first), short. */
    static String evidence(Match m) {
        if (m.value() == null) {
            return null;
        }
        String text = ValueCondition.textOf(m.value());
        if (text != null) {
            return text.length() > 400 ? text.substring(0, 400) + "…" : text;
        }
        return ValueFormat.summary(m.value(), 200);
    }

    static String valueText(Value v) {
        return v == null ? null : PyValues.text(v);
    }
}
