package dev.chainhunt.deobf.python;

import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.chainhunt.lang.python.PyKind.ANN_ASSIGN;
import static dev.chainhunt.lang.python.PyKind.ASSIGN;
import static dev.chainhunt.lang.python.PyKind.ATTRIBUTE;
import static dev.chainhunt.lang.python.PyKind.CALL;
import static dev.chainhunt.lang.python.PyKind.CLASS;
import static dev.chainhunt.lang.python.PyKind.FOR;
import static dev.chainhunt.lang.python.PyKind.FUNCTION;
import static dev.chainhunt.lang.python.PyKind.LAMBDA;
import static dev.chainhunt.lang.python.PyKind.NAME;
import static dev.chainhunt.lang.python.PyKind.PARAM;
import static dev.chainhunt.lang.python.PyKind.SUBSCRIPT;
import static dev.chainhunt.lang.python.PyKind.TUPLE;

/**
 * A module's registries of callables, read from its syntax: a module-level list, set or dict that
 * one function fills with a parameter ({@code def on_load(fn): _LOADERS.append(fn); return fn},
 * a decorator that registers) and another calls the items of ({@code for fn in _LOADERS: fn()}).
 * A function of another module registered there runs when the caller runs, which is what a plugin
 * loader does and what a payload spread over three modules hides behind.
 */
final class Registries {

    /** Statements looked at in one function: registrars and runners are short. */
    private static final int MAX_NODES = 2_000;
    private static final Set<String> ADDERS = Set.of("append", "add", "insert", "appendleft", "setdefault", "extend");
    private static final Set<String> VIEWS = Set.of("values", "items", "copy");

    private Registries() {
    }

    static List<PyModel.Registry> of(SyntaxTree tree) {
        if (tree == null || tree.root() == null) {
            return List.of();
        }
        Set<String> globals = new HashSet<>();
        List<SyntaxNode> functions = new ArrayList<>();
        for (SyntaxNode s : tree.root().children()) {
            if (s == null) {
                continue;
            }
            if (s.is(ASSIGN)) {
                for (int i = 0; i < s.childCount() - 1; i++) {
                    if (s.child(i) != null && s.child(i).is(NAME)) {
                        globals.add(s.child(i).text());
                    }
                }
            } else if (s.is(ANN_ASSIGN) && s.child(0) != null && s.child(0).is(NAME)) {
                globals.add(s.child(0).text());
            } else if (s.is(FUNCTION)) {
                functions.add(s);
            }
        }
        if (globals.isEmpty()) {
            return List.of();
        }
        Map<String, Set<String>> registrars = new LinkedHashMap<>();
        Map<String, Set<String>> runners = new LinkedHashMap<>();
        for (SyntaxNode f : functions) {
            Set<String> params = new HashSet<>();
            for (SyntaxNode p : f.child(1) == null ? List.<SyntaxNode>of() : f.child(1).children()) {
                if (p != null && p.is(PARAM)) {
                    params.add(p.text());
                }
            }
            scan(f.child(f.childCount() - 1), f.text(), params, globals, registrars, runners);
        }
        // Calls of a registry's items at module level run when the module does.
        List<SyntaxNode> top = tree.root().children().stream().filter(s -> s != null && !s.is(FUNCTION) && !s.is(CLASS)).toList();
        for (SyntaxNode s : top) {
            scan(s, PyEvaluator.MODULE, Set.of(), globals, registrars, runners);
        }
        List<PyModel.Registry> out = new ArrayList<>();
        registrars.forEach((container, adders) -> {
            Set<String> calling = runners.get(container);
            if (calling != null) {
                out.add(new PyModel.Registry(container, List.copyOf(adders), List.copyOf(calling)));
            }
        });
        return out;
    }

    /** Notes, for one scope, the containers it adds a parameter to and those whose items it calls. */
    private static void scan(SyntaxNode body, String scope, Set<String> params, Set<String> globals,
                             Map<String, Set<String>> registrars, Map<String, Set<String>> runners) {
        Deque<SyntaxNode> work = new ArrayDeque<>();
        work.push(body);
        int seen = 0;
        while (!work.isEmpty() && seen++ < MAX_NODES) {
            SyntaxNode n = work.pop();
            if (n == null || n.is(FUNCTION) || n.is(CLASS) || n.is(LAMBDA)) {
                continue;
            }
            String added = added(n, params, globals);
            if (added != null) {
                registrars.computeIfAbsent(added, k -> new LinkedHashSet<>()).add(scope);
            }
            String called = calledItems(n, globals);
            if (called != null) {
                runners.computeIfAbsent(called, k -> new LinkedHashSet<>()).add(scope);
            }
            for (SyntaxNode c : n.children()) {
                if (c != null) {
                    work.push(c);
                }
            }
        }
    }

    /** {@code C.append(p)}, {@code C[k] = p}: the module-level container a parameter is put in, or null. */
    private static String added(SyntaxNode n, Set<String> params, Set<String> globals) {
        if (params.isEmpty()) {
            return null;
        }
        if (n.is(CALL) && n.child(0) != null && n.child(0).is(ATTRIBUTE) && ADDERS.contains(n.child(0).text())) {
            SyntaxNode container = n.child(0).child(0);
            boolean handsParam = n.childrenFrom(1).stream().anyMatch(a -> a != null && a.is(NAME) && params.contains(a.text()));
            return handsParam && isGlobal(container, globals) ? container.text() : null;
        }
        if (n.is(ASSIGN)) {
            SyntaxNode value = n.child(n.childCount() - 1);
            if (value == null || !value.is(NAME) || !params.contains(value.text())) {
                return null;
            }
            for (int i = 0; i < n.childCount() - 1; i++) {
                SyntaxNode t = n.child(i);
                if (t != null && t.is(SUBSCRIPT) && isGlobal(t.child(0), globals)) {
                    return t.child(0).text();
                }
            }
        }
        return null;
    }

    /**
     * {@code for fn in C: fn()}, {@code for k, fn in C.items(): fn(k)}, {@code C[name]()}: the
     * module-level container whose items this node calls, or null.
     */
    private static String calledItems(SyntaxNode n, Set<String> globals) {
        if (n.is(CALL) && n.child(0) != null && n.child(0).is(SUBSCRIPT) && isGlobal(n.child(0).child(0), globals)) {
            return n.child(0).child(0).text();
        }
        if (!n.is(FOR) || n.childCount() < 3) {
            return null;
        }
        SyntaxNode iterated = n.child(1);
        if (iterated != null && iterated.is(CALL) && iterated.child(0) != null && iterated.child(0).is(ATTRIBUTE)
                && VIEWS.contains(iterated.child(0).text())) {
            iterated = iterated.child(0).child(0); // C.items(), C.values()
        } else if (iterated != null && iterated.is(CALL) && iterated.childCount() == 2 && iterated.child(0) != null
                && iterated.child(0).is(NAME) && Set.of("list", "tuple", "sorted", "reversed").contains(iterated.child(0).text())) {
            iterated = iterated.child(1); // list(C), sorted(C)
        }
        if (!isGlobal(iterated, globals)) {
            return null;
        }
        Set<String> targets = new HashSet<>();
        SyntaxNode target = n.child(0);
        if (target != null && target.is(NAME)) {
            targets.add(target.text());
        } else if (target != null && target.is(TUPLE)) {
            target.children().stream().filter(t -> t != null && t.is(NAME)).forEach(t -> targets.add(t.text()));
        }
        return callsAny(n.child(2), targets) ? iterated.text() : null;
    }

    private static boolean callsAny(SyntaxNode body, Set<String> names) {
        Deque<SyntaxNode> work = new ArrayDeque<>();
        work.push(body);
        int seen = 0;
        while (!work.isEmpty() && seen++ < MAX_NODES) {
            SyntaxNode n = work.pop();
            if (n == null || n.is(FUNCTION) || n.is(CLASS)) {
                continue;
            }
            if (n.is(CALL) && n.child(0) != null && n.child(0).is(NAME) && names.contains(n.child(0).text())) {
                return true;
            }
            n.children().stream().filter(java.util.Objects::nonNull).forEach(work::push);
        }
        return false;
    }

    private static boolean isGlobal(SyntaxNode n, Set<String> globals) {
        return n != null && n.is(NAME) && globals.contains(n.text());
    }
}
