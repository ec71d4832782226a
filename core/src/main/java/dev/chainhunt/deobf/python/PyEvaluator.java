package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.lang.python.PyKind;
import dev.chainhunt.lang.python.PyLexer;
import dev.chainhunt.lang.python.PyString;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.chainhunt.lang.python.PyKind.*;

/**
 * A partial evaluator (abstract interpreter) for one Python file. It runs the module top to
 * bottom, binding names to {@link Value}s: constants where they can be computed, canonical
 * symbols for imported modules, functions and call results, and opaque values that remember
 * which calls they derive from. Branches with unknown conditions run both ways and merge; loops
 * over known sequences run for real, within the {@link Budget}; small user functions are
 * inlined when called with known arguments, and every function body is also analysed once on its
 * own. The result is a {@link PyModel}: resolved call sites, decoded values and code stages.
 */
public final class PyEvaluator {

    /** User functions inlined inside each other at most this deep. */
    static final int MAX_INLINE = 8;
    /**
     * The source a process call's argument gets when the process runs a file that was downloaded,
     * and what is read back from such a file: rules match it ({@code from: [file.downloaded]}) next
     * to the network call it came from.
     */
    public static final String DOWNLOADED_FILE = "file.downloaded";
    /** The synthetic source of an environment variable's value, followed by its name: {@code env:GITHUB_TOKEN}. */
    public static final String ENVIRONMENT = "env:";
    /**
     * The receiver of a call site that applies a decorator of the file to a function: the
     * decorator's own body runs then, the wrapper it defines only when the function is called.
     */
    public static final String DECORATES = "<decorates>";
    /** The scope of module-level code, and of code under {@code if __name__ == '__main__':}. */
    public static final String MODULE = "<module>";
    public static final String MAIN = "<main>";
    /**
     * The synthetic sources of what a caller passes in and of data read off an unknown object,
     * followed by the name: {@code param:private_key}, {@code attr:access_key_secret}. Rules match the
     * names of secrets that should never leave the machine.
     */
    public static final String PARAMETER = "param:";
    /** The synthetic source of what is read from a file, followed by its path as far as it is known: {@code file:~/.aws/credentials}. */
    public static final String FILE = "file:";
    public static final String ATTRIBUTE_OF_UNKNOWN = "attr:";
    /**
     * What is read of the program that runs the package's code: its {@code __main__} module, or the
     * file of a caller's frame ({@code open(inspect.stack()[1].filename).read()}).
     */
    public static final String CALLER_SOURCE = "file:<calling program>";
    /**
     * The source of a path put on the import path that names an archive the package ships under
     * another file type's name: {@code sys.path.insert(0, here + '/_websocket.typed')}.
     */
    public static final String DISGUISED_ARCHIVE = "file.disguised-archive";
    /** How deeply eval of a known string may nest, and the longest string evaluated that way. */
    static final int MAX_EVAL_DEPTH = 16;
    static final int MAX_EVAL_TEXT = 1 << 20;
    private static final SyntaxNode NOT_AN_EXPRESSION = new SyntaxNode(PyKind.ERROR, 0, 0, null, List.of());
    /** Known text pieces a function's summary keeps of what it may return. */
    static final int MAX_SUMMARY_PIECES = 32;
    /** User function calls inlined per file. */
    static final int MAX_INLINED_CALLS = 5_000;
    /** Concrete loop iterations per loop. */
    static final int MAX_ITERATIONS = 100_000;
    /** Items a comprehension with an unknown filter collects before its result is only where it came from. */
    static final int MAX_UNCERTAIN_ITEMS = 32;
    /** Instance attributes remembered per file. */
    static final int MAX_FIELDS = 4_096;
    /** Distinct argument sets recorded per call node. */
    static final int MAX_SITES_PER_NODE = 16;
    static final int MAX_DECODED = 500;
    /** How {@link PyModel#stopped()} starts when the evaluator itself failed. */
    public static final String INTERNAL_ERROR = "internal error: ";

    private final SyntaxTree tree;
    final Budget budget;
    /** The module's own path and the files shipped beside it. */
    final ModuleFiles files;
    private final Scope module = new Scope(null, "<module>", false);
    private final List<PyModel.CallSite> calls = new ArrayList<>();
    private final Map<SyntaxNode, List<PyModel.CallSite>> sitesByNode = new IdentityHashMap<>();
    private final List<PyModel.Decoded> decoded = new ArrayList<>();
    private final List<PyModel.Stage> stages = new ArrayList<>();
    private final Set<String> stagedTexts = new HashSet<>();
    private final List<PyModel.ClassInfo> classes = new ArrayList<>();
    private final Set<String> imports = new LinkedHashSet<>();
    private final List<PyModel.ImportSite> importSites = new ArrayList<>();
    private final List<String> starImports = new ArrayList<>();
    private final Deque<Def> pendingBodies = new ArrayDeque<>();
    private final Set<SyntaxNode> analysedBodies = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final PyBuiltins builtins = new PyBuiltins(this);
    private int inlineDepth;
    /** Nesting of eval of known strings; while positive, nothing is recorded (see evalConstant). */
    private int evalDepth;
    private final Map<String, SyntaxNode> expressions = new HashMap<>();
    /** Set once the budget ran out: loops run once and functions are not inlined any more. */
    private boolean structural;
    private String stoppedEarly;
    private int inlined;
    /** Results of inlined calls by function (its node and the scope it closes over) and arguments. */
    private final Map<MemoKey, Map<List<Value>, Value>> inlineMemo = new HashMap<>();

    /**
     * A function as a closure: a nested function or lambda defined in another call of its outer
     * function reads other variables ({@code iter(lambda: f.read(n), b'')}), so it is another function.
     * Both parts compare by identity.
     */
    private record MemoKey(SyntaxNode node, Scope closure) {
    }
    private final Map<SyntaxNode, Value.Opaque> summaries = new IdentityHashMap<>();
    /** Functions whose summarised result is one piece of data, not several values or an object: see {@link #isWhole}. */
    private final Set<SyntaxNode> wholeResults = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** The callee expression of the call being evaluated: an attribute there is a method, not data. */
    private SyntaxNode callee;
    /** Counts branches taken with an unknown condition; a loop that meets one stops running concretely. */
    private int uncertainty;
    /** Counts bindings; a loop iteration that binds nothing makes no progress and ends the loop. */
    private long bindings;
    private String stopped;
    /** How many modules deep this evaluator is: 0 for the module scanned, 1 for one whose function it calls. */
    private final int importDepth;
    /** How deep calls into other modules of the package nest. */
    static final int MAX_IMPORT_DEPTH = 2;
    /** Other modules whose functions one module's evaluation may run, in all. */
    static final int MAX_IMPORTED_MODULES = 16;
    /** The one budget for all of them: what a module of this many characters gets. */
    static final int IMPORT_BUDGET_CHARS = 100_000;
    /**
     * The other modules of the package whose functions the scanned module calls, by file, with
     * their top-level names bound; shared with those modules' evaluators, as is one budget for all
     * of them, so that however modules call each other the extra work stays bounded.
     */
    private final Map<String, PyEvaluator> importedModules;
    private final Budget importBudget;

    private PyEvaluator(SyntaxTree tree, Budget budget, ModuleFiles files, int importDepth,
                        Map<String, PyEvaluator> importedModules, Budget importBudget) {
        this.tree = tree;
        this.budget = budget;
        this.files = files;
        this.importDepth = importDepth;
        this.importedModules = importedModules;
        this.importBudget = importBudget;
    }

    /** Evaluates {@code tree} within {@code budget}. Never throws for any input. */
    public static PyModel evaluate(SyntaxTree tree, Budget budget) {
        return evaluate(tree, budget, ModuleFiles.NONE);
    }

    /** Evaluates {@code tree}, the module {@code files} names, whose own package files it may read. */
    public static PyModel evaluate(SyntaxTree tree, Budget budget, ModuleFiles files) {
        PyEvaluator e = new PyEvaluator(tree, budget, files, 0, new HashMap<>(), Budget.forSource(IMPORT_BUDGET_CHARS));
        e.run();
        return e.model();
    }

    /**
     * Evaluates the module statement by statement, then every function body. When the budget runs
     * out, evaluation does not stop: it switches to a cheap structural mode (loops run once, no
     * inlining) with a fresh allowance, so code after an endless loop is still seen. Only running
     * out again in that mode ends it.
     */
    private void run() {
        Frame moduleFrame = new Frame(module);
        try {
            for (SyntaxNode statement : tree.root().childrenFrom(0)) {
                // A call at the top level (Kramer(BLOB)) is seen again in structural mode when its
                // evaluation ran out: what it calls is what runs on import. Loops are not run again.
                guardedStatement(() -> statement(statement, moduleFrame), statement.is(EXPR));
            }
            globalsFilledByFunctions();
            while (!pendingBodies.isEmpty()) {
                Def next = pendingBodies.poll();
                if (next.closure().isClass && next.closure().vars.get("__init__") instanceof Value.Function init
                        && init.definition() instanceof Def constructor && !analysedBodies.contains(constructor.node())) {
                    // The constructor sets up what the other methods read from self: analyse it first.
                    pendingBodies.addFirst(next);
                    next = constructor;
                }
                Def def = next;
                if (analysedBodies.add(def.node())) {
                    analysedDefs.putIfAbsent(def.node(), def); // once, though a handler may be analysed again
                    guardedStatement(() -> {
                        analyseBody(def);
                        return Flow.NORMAL;
                    });
                }
            }
            rereadGrownGlobals();
        } catch (Budget.Exceeded e) {
            stopped = e.getMessage();
        } catch (StackOverflowError e) {
            stopped = "evaluation too deep for the stack";
        } catch (RuntimeException e) {
            // A bug must not cost the file its other results; tests fail on this message.
            stopped = INTERNAL_ERROR + e;
        }
        stageDecodedCode();
    }

    /** Function bodies in the order they were analysed on their own. */
    private final Map<SyntaxNode, Def> analysedDefs = new LinkedHashMap<>();
    /** Module-level containers that a function body analysed on its own filled with data from somewhere. */
    private final Set<String> grownGlobals = new LinkedHashSet<>();

    /**
     * Bodies are analysed once each, in order, so one that reads a module-level container (a
     * buffer it sends) may come before the one that fills it (a hook that appends what it catches).
     * Those that read a container some body filled are analysed once more, now that it holds it.
     */
    private void rereadGrownGlobals() {
        if (grownGlobals.isEmpty() || structural) {
            return;
        }
        Set<String> grown = Set.copyOf(grownGlobals);
        for (Def def : List.copyOf(analysedDefs.values())) {
            if (mentions(def.node(), grown, 0)) {
                guardedStatement(() -> {
                    analyseBody(def);
                    return Flow.NORMAL;
                });
            }
        }
    }

    private static boolean mentions(SyntaxNode node, Set<String> names, int depth) {
        if (node == null || depth > 64) {
            return false;
        }
        if (node.is(NAME) && names.contains(node.text())) {
            return true;
        }
        for (int i = 0; i < node.childCount(); i++) {
            if (mentions(node.child(i), names, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private void guardedStatement(java.util.function.Supplier<Flow> work) {
        guardedStatement(work, false);
    }

    /** @param again whether to run {@code work} once more in structural mode when the budget ran out during it */
    private void guardedStatement(java.util.function.Supplier<Flow> work, boolean again) {
        try {
            work.get();
        } catch (Budget.Exceeded e) {
            if (structural) {
                throw e;
            }
            structural = true;
            budget.extend();
            stoppedEarly = e.getMessage();
            inlineDepth = 0;
            if (again) {
                work.get();
            }
        }
    }

    private PyModel model() {
        String why = stopped != null ? stopped : stoppedEarly == null ? null
                : stoppedEarly + "; the rest was analysed without running loops or inlining";
        return new PyModel(tree, List.copyOf(calls), List.copyOf(decoded), List.copyOf(stages), List.copyOf(classes),
                List.copyOf(imports), List.copyOf(importSites), literals(tree),
                java.util.Collections.unmodifiableSet(calledThroughParameters), java.util.Collections.unmodifiableSet(optedIn),
                Registries.of(tree), why);
    }

    /** Every string literal of the tree, f-strings included, in source order (one walk, shared by all text rules). */
    private static List<PyModel.Literal> literals(SyntaxTree tree) {
        List<PyModel.Literal> out = new ArrayList<>();
        Deque<SyntaxNode> pending = new ArrayDeque<>();
        pending.push(tree.root());
        while (!pending.isEmpty()) {
            SyntaxNode n = pending.pop();
            // An f-string counts with its constant text: rf"C:\Users\{user}\...\Startup" still names Startup.
            if ((n.is(STRING) || n.is(FSTRING)) && n.value() instanceof PyString s) {
                out.add(new PyModel.Literal(n.start(), s.value()));
            }
            for (int i = n.childCount() - 1; i >= 0; i--) {
                if (n.child(i) != null) {
                    pending.push(n.child(i));
                }
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    // ---- scopes and frames ------------------------------------------------------------------------

    /** A namespace: the module, a function call, or a class body. */
    static final class Scope {
        final Scope parent;
        final String path;
        final boolean isClass;
        final Map<String, Value> vars = new HashMap<>();
        final Set<String> globals = new HashSet<>();

        Scope(Scope parent, String path, boolean isClass) {
            this.parent = parent;
            this.path = path;
            this.isClass = isClass;
        }
    }

    /** A user function or lambda as the evaluator keeps it. */
    record Def(SyntaxNode node, Scope closure, Map<String, Value> defaults, String path) {
    }

    /** Per-execution state: the scope, and what a return statement produced. */
    static final class Frame {
        final Scope scope;
        /** Inside {@code if __name__ == '__main__':} at module level: the code runs when the file is run. */
        boolean mainBlock;
        /** A function body analysed on its own: the module's mutable state may hold anything by the time it runs. */
        boolean onItsOwn;
        Value returned;
        boolean returnedUncertainly;
        boolean generator;
        /** What a generator yields: where its values come from and the known text in them. */
        Set<String> yieldedFrom;
        List<String> yieldedPieces;
        /** The parameters of the function this frame runs, if any. */
        Set<String> parameters = Set.of();
        /** In a method: the name of its first parameter (self), and the class it belongs to. */
        String self;
        Scope cls;
        /** In a function put in place of a library's sending method: that method ({@code requests.Session.send}). */
        String replaces;
        /** Inside that many ifs whose body runs only when the user sets a build option. */
        int optIn;

        Frame(Scope scope) {
            this.scope = scope;
        }

        /** A frame for a comprehension's own scope that still knows the method it runs in ({@code self.PARTS}). */
        Frame within(Scope inner) {
            Frame f = new Frame(inner);
            f.mainBlock = mainBlock;
            f.onItsOwn = onItsOwn;
            f.parameters = parameters;
            f.self = self;
            f.cls = cls;
            f.replaces = replaces;
            f.optIn = optIn;
            return f;
        }
    }

    private enum Flow { NORMAL, BREAK, CONTINUE, RETURN }

    Value lookup(String name, Scope scope) {
        for (Scope s = scope; s != null; s = s.parent) {
            if (s.isClass && s != scope) {
                continue; // class bodies are not enclosing scopes for their methods
            }
            Value v = s.vars.get(name);
            if (v != null) {
                return v;
            }
        }
        return global(name);
    }

    /** A name not bound in any scope: a builtin, something from a star import, or an unknown global. */
    private Value global(String name) {
        if (name.equals("__builtins__")) {
            return Value.Sym.of("builtins");
        }
        if (name.equals("__name__")) {
            String dotted = files.moduleName();
            return dotted == null ? Value.Opaque.UNKNOWN : Value.Str.of(dotted);
        }
        if (name.equals("__file__") && files.file() != null) {
            return Value.Str.of(files.file());
        }
        if (name.equals("__doc__")) {
            // The module's docstring: text that code can be hidden in and read back from.
            SyntaxNode first = tree.root().childCount() == 0 ? null : tree.root().child(0);
            return first != null && first.is(EXPR) && first.child(0) != null && first.child(0).is(STRING)
                    ? eval(first.child(0), new Frame(module)) : Value.None.INSTANCE;
        }
        if (PyValues.isBuiltinName(name)) {
            return switch (name) {
                case "True" -> Value.Bool.TRUE;
                case "False" -> Value.Bool.FALSE;
                case "None" -> Value.None.INSTANCE;
                default -> Value.Sym.of("builtins." + name);
            };
        }
        if (starImports.size() == 1) {
            return Value.Sym.of(starImports.get(0) + "." + name);
        }
        return Value.Sym.of(name);
    }

    private void bind(String name, Value value, Scope scope) {
        Scope target = scope;
        if (scope.globals.contains(name)) {
            target = module;
        }
        if (!sameValue(target.vars.put(name, value), value)) {
            bindings++; // a loop whose body binds only what its names already hold has reached its fixpoint
        }
    }

    /**
     * The scope whose variable {@code name} a change in place ({@code d[k] = v},
     * {@code buf.append(x)}) changes: the nearest that holds it, as {@link #lookup} finds it, so a
     * module-level dict filled in a function is the one another function reads.
     */
    private Scope holder(String name, Frame frame) {
        for (Scope s = frame.scope; s != null; s = s.parent) {
            if (s.isClass && s != frame.scope) {
                continue;
            }
            if (s.vars.containsKey(name)) {
                return s;
            }
        }
        return frame.scope;
    }

    /**
     * An unknown container that code fills ({@code _state["code"] = r.content}, {@code _loot.append(data)},
     * {@code report["f"] = files} with report built from a parameter): from then on it holds what
     * any of them put there. A module-level one is noted for {@link #rereadGrownGlobals}.
     */
    private void grow(String name, Value.Opaque held, Value added, Frame frame) {
        Scope holder = holder(name, frame);
        if (held.from().containsAll(Value.union(added))) {
            return;
        }
        bind(name, new Value.Opaque(Value.union(held, added), held.fragments()), holder);
        if (holder == module) {
            grownGlobals.add(name);
        }
    }

    /**
     * A registry of functions (a decorator's {@code _HOOKS.append(fn)}) filled by a body analysed on
     * its own with what its caller passes: the functions registered where the decorator is applied
     * are known, and an unknown one added would make the whole registry unknown, so that the loop
     * that later calls every hook calls none.
     */
    private boolean registersUnknown(Value.Seq registry, Value added, String name, Frame frame) {
        return frame.onItsOwn && holder(name, frame) != frame.scope && isRegistry(registry)
                && added instanceof Value.Opaque o && !o.from().isEmpty() && o.from().stream().allMatch(f -> f.startsWith(PARAMETER));
    }

    /**
     * What a class of another module of the package returns when called, when its {@code __new__}
     * returns text instead of an instance ({@code exec(Kramer(BLOB, KEY))} with Kramer kept in a
     * helper module); null otherwise.
     */
    private Value allocated(ModuleFiles definer, String module, String name, List<Value> args, Map<String, Value> keywords) {
        PyEvaluator other = importedModule(definer);
        if (other == null || !(other.module.vars.get(name) instanceof Value.Function cls && cls.definition() instanceof SyntaxNode
                && cls.closure() instanceof Scope scope && scope.vars.get("__new__") instanceof Value.Function f && f.definition() instanceof Def allocator)) {
            return null;
        }
        // The blob and key imported from the class's own module are what that module holds.
        List<Value> given = new ArrayList<>();
        for (Value a : args) {
            Value held = a instanceof Value.Sym sym && sym.path().startsWith(module + ".")
                    ? other.module.vars.get(sym.path().substring(module.length() + 1)) : null;
            given.add(held != null && !(held instanceof Value.Function) ? held : a);
        }
        try {
            Value made = other.invoke(allocator, prepended(cls, given), keywords);
            return isText(made) ? made : null;
        } catch (RuntimeException | StackOverflowError e) {
            importedModules.put(definer.path(), null); // spent (its budget), or that module's own scan reports what went wrong
            return null;
        }
    }

    /** A method called with its own class as the first argument, which then stands for self. */
    private static boolean givesItsClass(Def method, List<Value> args) {
        return !args.isEmpty() && args.get(0) instanceof Value.Function given && given.closure() == method.closure();
    }

    /** A list or set of functions only, not empty: the hooks or handlers registered so far. */
    private static boolean isRegistry(Value v) {
        return v instanceof Value.Seq seq && seq.kind() != Value.Seq.Kind.TUPLE && !seq.items().isEmpty()
                && seq.items().stream().allMatch(x -> x instanceof Value.Function);
    }

    /**
     * The same value for a loop's fixpoint, tested shallowly so that binding stays cheap: the same
     * object, an equal scalar or short string, or a short list of such items.
     */
    private static boolean sameValue(Value a, Value b) {
        if (a instanceof Value.Seq x && b instanceof Value.Seq y && x != y) {
            if (x.kind() != y.kind() || x.items().size() != y.items().size() || x.items().size() > 16) {
                return false;
            }
            for (int i = 0; i < x.items().size(); i++) {
                if (!sameScalar(x.items().get(i), y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return sameScalar(a, b);
    }

    private static boolean sameScalar(Value a, Value b) {
        if (a == b) {
            return true;
        }
        if (a instanceof Value.Str x) {
            return b instanceof Value.Str y && x.value().length() <= 4096 && x.equals(y);
        }
        return (a instanceof Value.Int || a instanceof Value.None || a instanceof Value.Bool) && a.equals(b);
    }

    // ---- statements --------------------------------------------------------------------------------

    private Flow block(List<SyntaxNode> statements, Frame frame) {
        for (SyntaxNode s : statements) {
            Flow flow = statement(s, frame);
            if (flow != Flow.NORMAL) {
                return flow;
            }
        }
        return Flow.NORMAL;
    }

    private Flow body(SyntaxNode block, Frame frame) {
        return block == null ? Flow.NORMAL : block(block.childrenFrom(0), frame);
    }

    private Flow statement(SyntaxNode s, Frame frame) {
        budget.step();
        Scope scope = frame.scope;
        switch ((PyKind) s.kind()) {
            case EXPR -> eval(s.child(0), frame);
            case ASSIGN -> {
                int n = s.childCount();
                Value value = eval(s.child(n - 1), frame);
                for (int i = 0; i < n - 1; i++) {
                    assign(s.child(i), value, frame);
                }
            }
            case AUG_ASSIGN -> {
                SyntaxNode target = s.child(0);
                Value value = eval(s.child(1), frame);
                Value old = eval(target, frame);
                String op = s.text().substring(0, s.text().length() - 1);
                assign(target, builtins.binary(op, old, value, s), frame);
            }
            case ANN_ASSIGN -> {
                if (s.child(2) != null) {
                    assign(s.child(0), eval(s.child(2), frame), frame);
                }
            }
            case DEL -> {
                for (SyntaxNode t : s.childrenFrom(0)) {
                    if (t.is(NAME)) {
                        scope.vars.remove(t.text());
                    }
                }
            }
            case RETURN -> {
                Value value = s.child(0) == null ? Value.None.INSTANCE : eval(s.child(0), frame);
                // After a return in a branch that may or may not have run, the result is either value.
                frame.returned = frame.returnedUncertainly && frame.returned != null ? merge(frame.returned, value) : value;
                return Flow.RETURN;
            }
            case BREAK -> {
                return Flow.BREAK;
            }
            case CONTINUE -> {
                return Flow.CONTINUE;
            }
            case RAISE, ASSERT -> s.childrenFrom(0).forEach(c -> eval(c, frame));
            case GLOBAL -> {
                @SuppressWarnings("unchecked")
                List<String> names = (List<String>) s.value();
                scope.globals.addAll(names);
            }
            case IMPORT -> importNames(s, scope, site(frame));
            case IMPORT_FROM -> importFrom(s, scope, site(frame));
            case IF -> {
                return ifStatement(s, frame);
            }
            case WHILE -> {
                return whileStatement(s, frame);
            }
            case FOR -> {
                return forStatement(s, frame);
            }
            case WITH -> {
                int n = s.childCount();
                for (int i = 0; i < n - 1; i++) {
                    SyntaxNode item = s.child(i);
                    Value context = eval(item.child(0), frame);
                    if (item.child(1) != null) {
                        assign(item.child(1), context, frame);
                    }
                }
                return body(s.child(n - 1), frame);
            }
            case TRY -> {
                return tryStatement(s, frame);
            }
            case FUNCTION -> define(s, frame);
            case CLASS -> classDef(s, frame);
            case MATCH -> {
                eval(s.child(0), frame);
                for (SyntaxNode c : s.childrenFrom(1)) {
                    if (c.is(CASE)) {
                        uncertain(frame, () -> body(c.child(2), frame));
                    }
                }
            }
            case PRINT -> s.childrenFrom(0).forEach(c -> eval(c, frame));
            case EXEC -> {
                Value code = eval(s.child(0), frame);
                if (s.child(1) != null) {
                    eval(s.child(1), frame);
                }
                execute("builtins.exec", code, s, site(frame));
                record(s, "builtins.exec", null, List.of(code), Map.of(), frame, Value.None.INSTANCE);
            }
            case ERROR -> {
                for (SyntaxNode c : s.childrenFrom(0)) {
                    if (c.is(BLOCK)) {
                        body(c, frame);
                    }
                }
            }
            default -> {
                // PASS, NONLOCAL, TYPE_ALIAS and the like change nothing the evaluator tracks.
            }
        }
        return Flow.NORMAL;
    }

    private void importNames(SyntaxNode s, Scope scope, String site) {
        for (SyntaxNode alias : s.childrenFrom(0)) {
            String module = alias.text();
            imports.add(module);
            importSites.add(new PyModel.ImportSite(module, site));
            if (alias.child(0) != null) {
                bind(alias.child(0).text(), Value.Sym.of(module), scope);
            } else {
                String top = module.contains(".") ? module.substring(0, module.indexOf('.')) : module;
                bind(top, Value.Sym.of(top), scope);
            }
        }
    }

    private void importFrom(SyntaxNode s, Scope scope, String site) {
        String module = s.text();
        if (!module.startsWith(".")) {
            imports.add(module);
        }
        importSites.add(new PyModel.ImportSite(module, site));
        for (SyntaxNode alias : s.childrenFrom(0)) {
            String name = alias.text();
            if (name.equals("*")) {
                starImports.add(module);
                continue;
            }
            String path = module.isEmpty() || module.chars().allMatch(c -> c == '.') ? name : module + "." + name;
            if (!module.startsWith(".")) {
                imports.add(path);
            }
            // The name may be a submodule: from . import util, from pkg import core.
            importSites.add(new PyModel.ImportSite(module.endsWith(".") ? module + name : module + "." + name, site));
            String constant = files.constant(module, name);
            Value computed = constant == null ? importedConstant(module, name) : null;
            if (constant == null && computed == null) {
                // The name may be a module of the package (from . import _templates): its string
                // constants are known where they are read (_templates.PROBE).
                siblingModules.put(path, module.endsWith(".") ? module + name : module + "." + name);
            }
            // A string constant of another module of the package is known here too.
            bind(alias.child(0) != null ? alias.child(0).text() : name,
                    constant != null ? Value.Str.of(constant) : computed != null ? computed : Value.Sym.of(path), scope);
        }
    }

    /** The scope a call, import or exec at this point is recorded in: {@code <main>} in a main block. */
    static String site(Frame frame) {
        return frame.mainBlock && frame.scope.path.equals(MODULE) ? MAIN : frame.scope.path;
    }

    /**
     * {@code __name__ == '__main__'} (either way round), alone or as a part of an {@code and}
     * ({@code __name__ == "__main__" and os.name == "nt"}): code that runs when the file is run.
     */
    private static boolean isMainTest(SyntaxNode test) {
        if (test != null && test.is(BOOLEAN) && "and".equals(test.value())) {
            for (SyntaxNode part : test.childrenFrom(0)) {
                if (isMainComparison(part)) {
                    return true;
                }
            }
            return false;
        }
        return isMainComparison(test);
    }

    /** Whether {@code test} compares {@code __name__} with something, in any part of it. */
    private static boolean comparesName(SyntaxNode test, int depth) {
        if (test == null || depth > 6) {
            return false;
        }
        if (test.is(COMPARE)) {
            return test.childrenFrom(0).stream().anyMatch(n -> isName(n, "__name__"));
        }
        return (test.is(BOOLEAN) || test.is(UNARY)) && test.childrenFrom(0).stream().anyMatch(n -> comparesName(n, depth + 1));
    }

    private static boolean isMainComparison(SyntaxNode test) {
        if (test == null || !test.is(COMPARE) || test.childCount() != 2 || !"==".equals(String.valueOf(
                test.value() instanceof List<?> ops && ops.size() == 1 ? ops.get(0) : null))) {
            return false;
        }
        SyntaxNode a = test.child(0);
        SyntaxNode b = test.child(1);
        return a != null && b != null && (isName(a, "__name__") && isMainString(b) || isName(b, "__name__") && isMainString(a));
    }

    private static boolean isName(SyntaxNode n, String name) {
        return n.is(NAME) && name.equals(n.text());
    }

    private static boolean isMainString(SyntaxNode n) {
        return n.is(STRING) && n.value() instanceof dev.chainhunt.lang.python.PyString ps && !ps.isBytes()
                && "__main__".equals(ps.value());
    }

    private Flow ifStatement(SyntaxNode s, Frame frame) {
        if (!frame.mainBlock && frame.scope.path.equals(MODULE) && isMainTest(s.child(0)) && !module.vars.containsKey("__name__")) {
            frame.mainBlock = true;
            try {
                Flow a = uncertain(frame, () -> body(s.child(1), frame));
                frame.mainBlock = false;
                Flow b = uncertain(frame, () -> orElse(s.child(2), frame));
                return a == b ? a : Flow.NORMAL;
            } finally {
                frame.mainBlock = false;
            }
        }
        Value tested = eval(s.child(0), frame);
        // if __name__ == '__main__': inside a function, or any other test of the module's name: the
        // module may be run or imported, so both ways.
        Boolean test = comparesName(s.child(0), 0) ? null : PyValues.truth(tested);
        if (test != null && frame.onItsOwn && readsMutableGlobal(s.child(0), frame)) {
            test = null; // if len(_buf) >= 100: the buffer fills while the program runs
        }
        if (test != null && frame.generator) {
            // After a yield the consumer has had what was yielded: a context manager's `with` body
            // sets the flag that the code after its yield tests (state['dirty'] = True).
            test = null;
        }
        if (test != null) {
            return test ? body(s.child(1), frame) : orElse(s.child(2), frame);
        }
        boolean optIn = isBuildOption(s.child(0), tested);
        frame.optIn += optIn ? 1 : 0;
        Flow a;
        try {
            a = uncertain(frame, () -> narrowedBody(s.child(0), s.child(1), frame));
        } finally {
            frame.optIn -= optIn ? 1 : 0;
        }
        Flow b = uncertain(frame, () -> orElse(s.child(2), frame));
        return a == b ? a : Flow.NORMAL;
    }

    /**
     * The body of an {@code if} whose test pins a name not otherwise known to known text
     * ({@code if n in FILES:}, {@code if n == 'Login Data':}, several joined by {@code or}):
     * within the body the name holds that text as pieces, with where
     * it came from kept, so a walk that keeps only a browser's password database is seen to copy it.
     */
    private Flow narrowedBody(SyntaxNode test, SyntaxNode body, Frame frame) {
        Map<String, List<String>> pinned = new LinkedHashMap<>();
        if (!pins(test, pinned, frame) || pinned.size() != 1) {
            return body(body, frame);
        }
        String name = pinned.keySet().iterator().next();
        Value was = frame.scope.vars.get(name);
        if (!(was instanceof Value.Opaque)) {
            return body(body, frame); // a constant is known already; a library object keeps its name
        }
        Value pin = new Value.Opaque(was.from(), pinned.get(name));
        frame.scope.vars.put(name, pin);
        try {
            return body(body, frame);
        } finally {
            if (frame.scope.vars.get(name) == pin) {
                frame.scope.vars.put(name, was);
            }
        }
    }

    /** Adds to {@code pinned} the texts a test pins a name to; false when the test is not only that. */
    private boolean pins(SyntaxNode test, Map<String, List<String>> pinned, Frame frame) {
        if (test.is(BOOLEAN) && "or".equals(test.value())) {
            for (SyntaxNode c : test.childrenFrom(0)) {
                if (c == null || !pins(c, pinned, frame)) {
                    return false;
                }
            }
            return true;
        }
        // Only equality: a suffix test (url.endswith('.whl')) says what kind of thing a name holds,
        // not which one, and reading it as the thing itself turns a dependency fetcher into a dropper.
        if (!(test.is(COMPARE) && test.value() instanceof List<?> ops && ops.size() == 1
                && (ops.get(0).equals("in") || ops.get(0).equals("==")) && test.child(0).is(NAME))) {
            return false;
        }
        SyntaxNode subject = test.child(0);
        Value known = eval(test.child(1), frame);
        List<Value> items = known instanceof Value.Str ? List.of(known) : builtins.iterate(known);
        if (items == null || items.isEmpty() || items.size() > 64) {
            return false;
        }
        List<String> into = pinned.computeIfAbsent(subject.text(), k -> new ArrayList<>());
        for (Value item : items) {
            String text = PyValues.text(item);
            if (text == null) {
                return false;
            }
            into.add(text);
        }
        return true;
    }

    /** Environment variables that say where the code runs, not what its user asked for. */
    private static final java.util.regex.Pattern MACHINE_VARIABLE = java.util.regex.Pattern.compile(
            "(?i)^(CI|CONTINUOUS_INTEGRATION|BUILD_ID|BUILD_NUMBER|BUILD_URL|BUILD_TAG|BUILDKITE.*|DOCKER_BUILDKIT|"
                    + "GITHUB_.*|GITLAB_.*|JENKINS_.*|TRAVIS.*|CIRCLE.*|CODEBUILD_.*|TF_BUILD|TEAMCITY_.*|BITBUCKET_.*|"
                    + "APPVEYOR.*|DRONE.*|READTHEDOCS.*)$|TOKEN|SECRET|PASS|CRED|AUTH|KEY|COOKIE|SESSION");
    /** What a build option of a project is called: STATIC_DEPS, WITH_CYTHON, SKIP_DOWNLOAD, STATICBUILD. */
    private static final java.util.regex.Pattern OPTION_VARIABLE = java.util.regex.Pattern.compile(
            "(?i)BUILD|STATIC|WITH|USE_|ENABLE|DISABLE|SKIP|FORCE|DOWNLOAD|FETCH|VENDOR|BUNDLE");

    /**
     * An {@code if} whose body runs only when the user asks for it: the test is the truth of build
     * options read from environment variables named as options ({@code if OPTION_STATIC_DEPS:} after
     * {@code STATIC_DEPS = os.environ.get('STATIC_DEPS')}). Unset, they are false, so by default the
     * body does not run. A test that negates or compares, or reads where the code runs (CI) or a
     * secret, is not one.
     */
    private static boolean isBuildOption(SyntaxNode test, Value tested) {
        if (test == null || test.is(UNARY) || test.is(COMPARE)) {
            return false;
        }
        boolean option = false;
        for (String source : tested.from()) {
            if (source.startsWith("env:")) {
                String name = source.substring(4);
                if (MACHINE_VARIABLE.matcher(name).find() || !OPTION_VARIABLE.matcher(name).find()) {
                    return false;
                }
                option = true;
            }
        }
        return option;
    }

    /** Whether {@code test} reads a list, dict or set of the module (state that changes between calls). */
    private boolean readsMutableGlobal(SyntaxNode test, Frame frame) {
        Set<String> names = new HashSet<>();
        collectNames(test, names, 0);
        for (String name : names) {
            if (frame.parameters.contains(name)) {
                continue;
            }
            // Module state, even where this body's own mutations (_buf.append) rebound it locally.
            Value v = module.vars.get(name);
            if ((v instanceof Value.Seq seq && seq.kind() != Value.Seq.Kind.TUPLE) || v instanceof Value.Dict) {
                return true;
            }
        }
        return false;
    }

    /**
     * A flattened state machine: {@code while state: if state == 86892: ... elif ...}, a loop whose
     * body dispatches on a variable of its own condition.
     */
    private static boolean isStateMachine(SyntaxNode loop) {
        Set<String> names = new HashSet<>();
        collectNames(loop.child(0), names, 0);
        for (SyntaxNode statement : loop.child(1).childrenFrom(0)) {
            if (statement.is(IF) && statement.child(0) != null && statement.child(0).is(COMPARE)) {
                for (SyntaxNode operand : statement.child(0).childrenFrom(0)) {
                    if (operand != null && operand.is(NAME) && names.contains(operand.text())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void collectNames(SyntaxNode e, Set<String> names, int depth) {
        if (e == null || depth > 8) {
            return;
        }
        if (e.is(NAME)) {
            names.add(e.text());
        }
        for (SyntaxNode child : e.childrenFrom(0)) {
            collectNames(child, names, depth + 1);
        }
    }

    /**
     * A statement run with every branch of an if/elif chain taken once, whatever its tests say: the
     * last pass over a loop whose state became unknown, so each state of a flattened state machine
     * ({@code if state == 86892: ... elif state == 61499: ...}) is seen.
     */
    private void everyBranch(SyntaxNode s, Frame frame) {
        if (!s.is(IF)) {
            uncertain(frame, () -> statement(s, frame));
            return;
        }
        eval(s.child(0), frame);
        uncertain(frame, () -> body(s.child(1), frame));
        SyntaxNode orelse = s.child(2);
        if (orelse != null && orelse.is(IF)) {
            everyBranch(orelse, frame);
        } else if (orelse != null) {
            uncertain(frame, () -> body(orelse, frame));
        }
    }

    private Flow orElse(SyntaxNode orelse, Frame frame) {
        if (orelse == null) {
            return Flow.NORMAL;
        }
        return orelse.is(IF) ? statement(orelse, frame) : body(orelse, frame);
    }

    /**
     * Runs a branch that may or may not execute: afterwards each variable it changed holds the merge
     * of its old and new value, and a return inside it makes the function's result uncertain.
     */
    private Flow uncertain(Frame frame, java.util.function.Supplier<Flow> branch) {
        uncertainty++;
        Map<String, Value> before = new HashMap<>(frame.scope.vars);
        // A function's globals (global flag; flag = False) change the module's variables.
        Map<String, Value> globalsBefore = new HashMap<>();
        if (frame.scope != module) {
            frame.scope.globals.forEach(g -> globalsBefore.put(g, module.vars.get(g)));
        }
        Value returnedBefore = frame.returned;
        boolean alreadyUncertain = frame.returnedUncertainly;
        Flow flow = branch.get();
        mergeBranch(before, frame.scope.vars);
        if (!globalsBefore.isEmpty()) {
            mergeBranch(globalsBefore, module.vars);
        }
        if (flow == Flow.RETURN) {
            if (!alreadyUncertain) {
                // (when returns were already uncertain, the return statement merged its value itself)
                frame.returned = returnedBefore == null ? frame.returned : merge(returnedBefore, frame.returned);
            }
            frame.returnedUncertainly = true;
            return Flow.NORMAL;
        }
        return flow == Flow.BREAK || flow == Flow.CONTINUE ? flow : Flow.NORMAL;
    }

    /** What a branch left in {@code after} merged with what was there {@code before} it, variable by variable. */
    private static void mergeBranch(Map<String, Value> before, Map<String, Value> after) {
        for (Map.Entry<String, Value> e : new HashMap<>(after).entrySet()) {
            Value old = before.get(e.getKey());
            if (old != null && old != e.getValue()) {
                after.put(e.getKey(), merge(old, e.getValue()));
            }
        }
    }

    /**
     * Two possible values of one variable. Equal values stay; a placeholder (None, an unknown
     * without history) gives way to the informative one; different informative values keep the
     * first but inherit both histories, so flows through either branch are kept.
     */
    static Value merge(Value a, Value b) {
        if (a == null) {
            return b;
        }
        if (b == null || a == b || Boolean.TRUE.equals(PyValues.equal(a, b))) {
            return a;
        }
        if (isPlaceholder(b)) {
            return a;
        }
        if (isPlaceholder(a)) {
            return b;
        }
        if (a instanceof Value.Seq sa && b instanceof Value.Seq sb && sa.kind() == Value.Seq.Kind.TUPLE
                && sb.kind() == Value.Seq.Kind.TUPLE && sa.items().size() == sb.items().size()) {
            // Either tuple of one shape ((copy, paste) of one platform or another): place by place,
            // as it is unpacked.
            List<Value> items = new ArrayList<>();
            for (int i = 0; i < sa.items().size(); i++) {
                items.add(merge(sa.items().get(i), sb.items().get(i)));
            }
            return new Value.Seq(Value.Seq.Kind.TUPLE, items);
        }
        if (a instanceof Value.Seq sa && b instanceof Value.Seq sb && sa.kind() == sb.kind()) {
            // Either list: iterating it should see every item either may hold.
            List<Value> items = new ArrayList<>(sa.items());
            for (Value item : sb.items()) {
                if (!items.contains(item)) {
                    items.add(item);
                }
            }
            return items.size() <= MAX_MERGED_ITEMS ? new Value.Seq(sa.kind(), items) : new Value.Opaque(Value.union(a, b));
        }
        if (a instanceof Value.Dict da && b instanceof Value.Dict db) {
            // Either dict (out[name] = read(p) under an unknown if): every key either may hold.
            if (da.keys().size() + db.keys().size() > MAX_MERGED_ITEMS) {
                return new Value.Opaque(Value.union(a, b));
            }
            List<Value> keys = new ArrayList<>(da.keys());
            List<Value> values = new ArrayList<>(da.values());
            for (int i = 0; i < db.keys().size(); i++) {
                int at = -1;
                for (int k = 0; k < keys.size() && at < 0; k++) {
                    if (Boolean.TRUE.equals(PyValues.equal(keys.get(k), db.keys().get(i)))) {
                        at = k;
                    }
                }
                if (at < 0) {
                    keys.add(db.keys().get(i));
                    values.add(db.values().get(i));
                } else {
                    values.set(at, merge(values.get(at), db.values().get(i)));
                }
            }
            return keys.size() <= MAX_MERGED_ITEMS ? new Value.Dict(keys, values) : new Value.Opaque(Value.union(a, b));
        }
        if (a instanceof Value.Sym sa && !b.from().isEmpty()) {
            Set<String> from = new LinkedHashSet<>(sa.from());
            from.addAll(b.from());
            return new Value.Sym(sa.path(), from);
        }
        if (PyValues.isConstant(a) && PyValues.isConstant(b)) {
            // Either constant: each stays known as a piece (a helper returning one of two paths),
            // and the result is no placeholder: a counter that may have grown in a nested loop
            // must not fall back to its first value when it is merged again.
            List<String> pieces = pieces(PyBuiltins.fragments(a), b);
            return new Value.Opaque(pieces.isEmpty() ? Set.of(MERGED) : Value.union(a, b), pieces);
        }
        if (PyValues.isConstant(a) && !b.from().isEmpty()) {
            // A constant on one path, something fetched or computed on the other: keep the history.
            List<String> pieces = new ArrayList<>(PyBuiltins.fragments(a));
            pieces.addAll(PyBuiltins.fragments(b));
            return new Value.Opaque(Value.union(a, b), pieces);
        }
        if (a instanceof Value.Opaque o && PyValues.isConstant(b) && !o.fragments().isEmpty()) {
            // One of several constants, or another: the pieces of all stay known.
            return new Value.Opaque(Value.union(a, b), pieces(o.fragments(), b));
        }
        if (a instanceof Value.Opaque o && !o.from().containsAll(b.from())) {
            // Two unknowns: either may flow on, so the merge keeps both histories.
            return new Value.Opaque(Value.union(a, b), o.fragments());
        }
        return a;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The source of a value that is one of several constants with no text (0 or 1, True or False). */
    static final String MERGED = "<either>";

    /** {@code pieces} and the text of {@code b}, or none when that makes too many to stay linear. */
    private static List<String> pieces(List<String> pieces, Value b) {
        List<String> all = new ArrayList<>(pieces);
        for (String piece : PyBuiltins.fragments(b)) {
            if (!all.contains(piece)) {
                all.add(piece);
            }
        }
        return all.size() <= MAX_SUMMARY_PIECES ? all : List.of();
    }

    /** The most items a list merged from two branches keeps before it becomes an unknown. */
    static final int MAX_MERGED_ITEMS = 256;

    private static boolean isPlaceholder(Value v) {
        return v instanceof Value.None || (v instanceof Value.Opaque o && o.fragments().isEmpty() && namesOnly(o));
    }

    /** An unknown whose only history is names (a parameter, an attribute): nothing known of its data. */
    static boolean namesOnly(Value.Opaque o) {
        return o.from().stream().allMatch(PyEvaluator::isName);
    }

    /** A synthetic source that only names a value ({@code param:key}), not where its data comes from. */
    private static boolean isName(String source) {
        return source.startsWith(PARAMETER) || source.startsWith(ATTRIBUTE_OF_UNKNOWN);
    }

    /**
     * Runs a while loop concretely while its condition is known and nothing inside it depends on
     * an unknown; otherwise one more pass runs as an uncertain branch and the loop ends.
     */
    private Flow whileStatement(SyntaxNode s, Frame frame) {
        if (structural) {
            eval(s.child(0), frame);
            Flow flow = uncertain(frame, () -> body(s.child(1), frame));
            return flow == Flow.RETURN ? Flow.RETURN : Flow.NORMAL;
        }
        int iterations = 0;
        while (iterations++ < MAX_ITERATIONS) {
            int uncertainBefore = uncertainty;
            Boolean test = PyValues.truth(eval(s.child(0), frame));
            if (test == null) {
                Flow flow = uncertain(frame, () -> body(s.child(1), frame));
                return flow == Flow.RETURN ? Flow.RETURN : Flow.NORMAL;
            }
            if (!test) {
                return orElse(s.child(2), frame);
            }
            long bindingsBefore = bindings;
            Flow flow = body(s.child(1), frame);
            if (flow == Flow.BREAK) {
                return Flow.NORMAL;
            }
            if (flow == Flow.RETURN) {
                return flow;
            }
            if (uncertainty != uncertainBefore) {
                if (isStateMachine(s)) {
                    // The machine's state is no longer known (it took a branch on something
                    // unknown): one more pass with every branch taken reaches each state once.
                    for (SyntaxNode statement : s.child(1).childrenFrom(0)) {
                        everyBranch(statement, frame);
                    }
                }
                return Flow.NORMAL;
            }
            if (bindings == bindingsBefore) {
                return Flow.NORMAL;
            }
        }
        return Flow.NORMAL;
    }

    private Flow forStatement(SyntaxNode s, Frame frame) {
        Value iterable = eval(s.child(1), frame);
        List<Value> items = structural ? null : builtins.iterate(iterable);
        if (items == null) {
            // An item of what is not known: it comes from the same places, and holds its known
            // text if any (what a generator yields).
            Value selected = environmentSelection(iterable, s.child(0), loopGuard(s.child(2)), frame);
            assign(s.child(0), selected != null ? selected : new Value.Opaque(Value.union(iterable), PyBuiltins.fragments(iterable)), frame);
            widenCounters(s.child(2), frame);
            Flow flow = uncertain(frame, () -> body(s.child(2), frame));
            return flow == Flow.RETURN ? Flow.RETURN : Flow.NORMAL;
        }
        int n = 0;
        for (Value item : items) {
            if (n++ >= MAX_ITERATIONS) {
                break;
            }
            int uncertainBefore = uncertainty;
            assign(s.child(0), item, frame);
            Flow flow = body(s.child(2), frame);
            if (flow == Flow.BREAK) {
                return Flow.NORMAL;
            }
            if (flow == Flow.RETURN) {
                return flow;
            }
            if (uncertainty != uncertainBefore && items.size() - n > 8) {
                // The body depends on unknowns: more concrete passes would only repeat that pass.
                return Flow.NORMAL;
            }
        }
        return orElse(s.child(3), frame);
    }

    /**
     * The test a loop body filters its items with: {@code if not TEST: continue} first, as the
     * negation of TEST; or a body that is one {@code if TEST:} without else.
     */
    private static SyntaxNode loopGuard(SyntaxNode body) {
        SyntaxNode first = body == null ? null : body.child(0);
        if (first == null || !first.is(IF) || first.child(2) != null) {
            return null;
        }
        SyntaxNode then = first.child(1);
        if (then != null && then.childCount() == 1 && then.child(0).is(CONTINUE)) {
            return first.child(0).is(UNARY) && "not".equals(first.child(0).text()) ? first.child(0).child(0) : null;
        }
        return body.childCount() == 1 ? first.child(0) : null;
    }

    /** Names of variables that hold secrets: a walk that picks them is a credential harvest. */
    private static final java.util.regex.Pattern SECRET_NAMES =
            java.util.regex.Pattern.compile("(?i)(token|secret|key|pass|pwd|cred|auth|session|cookie|aws|github|gh_|npm|pypi|twine|azure|gcp|google|slack|discord|stripe|private)");

    /**
     * {@code '[Filtered]' if any(s in k.upper() for s in ('KEY', 'TOKEN')) else v}: a value of the
     * environment replaced by a constant when its name, read in the test, looks like a secret's
     * (a crash reporter scrubbing what it sends). What remains is the environment without its
     * secrets, {@code env:*}, not the whole environment. Null when the expression is not that.
     */
    private Value redacted(SyntaxNode test, Value then, Value otherwise, Frame frame) {
        boolean negated = test.is(UNARY) && "not".equals(test.text());
        SyntaxNode positive = negated ? test.child(0) : test;
        Value constant = negated ? otherwise : then;
        Value kept = negated ? then : otherwise;
        if (!PyValues.isConstant(constant) || !kept.from().stream().anyMatch(f -> f.startsWith("os.environ"))) {
            return null;
        }
        int secrets = 0;
        boolean readsName = false;
        Deque<SyntaxNode> pending = new ArrayDeque<>(List.of(positive));
        for (int seen = 0; !pending.isEmpty() && seen < 256; seen++) {
            SyntaxNode n = pending.pop();
            Value v = n.is(NAME) ? lookup(n.text(), frame.scope) : n.is(STRING) ? eval(n, frame) : null;
            if (v != null && !(v instanceof Value.Function) && v.from().stream().anyMatch(f -> f.startsWith("os.environ"))) {
                readsName = true;
            }
            List<Value> texts = v instanceof Value.Str ? List.of(v) : v instanceof Value.Seq seq ? seq.items() : List.of();
            for (Value t : texts) {
                String text = PyValues.text(t);
                secrets += text != null && text.length() <= 32 && SECRET_NAMES.matcher(text).find() ? 1 : 0;
            }
            for (SyntaxNode c : n.childrenFrom(0)) {
                if (c != null) {
                    pending.push(c);
                }
            }
        }
        if (!readsName || secrets < 2) {
            return null;
        }
        Set<String> from = new LinkedHashSet<>();
        kept.from().stream().filter(f -> !f.startsWith("os.environ")).forEach(from::add);
        from.add(ENVIRONMENT + "*");
        return new Value.Opaque(from);
    }

    /**
     * A walk of the environment narrowed by a test of the variable's name against constants that
     * keeps the item ({@code k.startswith(('CUDA_', 'TORCH_'))}, {@code k in ALLOWED},
     * {@code k == 'LANG'}): the items are those variables ({@code env:CUDA_*}), not the whole
     * environment. A filter for secret-looking names is still the whole environment's secrets.
     */
    private Value environmentSelection(Value iterable, SyntaxNode target, SyntaxNode test, Frame frame) {
        boolean environment = iterable instanceof Value.Sym sym && sym.path().startsWith("os.environ")
                || iterable.from().stream().anyMatch(f -> f.startsWith("os.environ"));
        if (test == null || !environment || !(iterable instanceof Value.Sym || iterable instanceof Value.Opaque)) {
            return null;
        }
        SyntaxNode key = target.is(TUPLE) ? target.child(0) : target;
        if (key == null || !key.is(NAME)) {
            return null;
        }
        Value constants;
        String pattern;
        if (test.is(CALL) && test.child(0).is(ATTRIBUTE) && test.child(0).child(0).is(NAME)
                && test.child(0).child(0).text().equals(key.text()) && test.childCount() == 2
                && (test.child(0).text().equals("startswith") || test.child(0).text().equals("endswith"))) {
            constants = eval(test.child(1), frame);
            pattern = test.child(0).text().equals("startswith") ? "%s*" : "*%s";
        } else if (test.is(COMPARE) && test.value() instanceof List<?> ops && ops.size() == 1
                && (ops.get(0).equals("in") || ops.get(0).equals("==")) && test.child(0).is(NAME)
                && test.child(0).text().equals(key.text())) {
            constants = eval(test.child(1), frame);
            pattern = "%s";
        } else {
            return null;
        }
        List<Value> names = constants instanceof Value.Str ? List.of(constants) : builtins.iterate(constants);
        if (names == null || names.isEmpty() || names.size() > 64) {
            return null;
        }
        Set<String> from = new LinkedHashSet<>();
        for (Value name : names) {
            String text = PyValues.text(name);
            if (text == null || SECRET_NAMES.matcher(text).find()) {
                return null;
            }
            from.add(ENVIRONMENT + String.format(pattern, text));
        }
        return new Value.Opaque(from);
    }

    /**
     * Before the one pass over an unknown number of items: numbers and flags the body counts with
     * ({@code n += 1}) are unknown, since the pass stands for any iteration, so tests on them
     * ({@code if n == 8:}) do not decide the body as if it ran once.
     */
    private void widenCounters(SyntaxNode body, Frame frame) {
        Deque<SyntaxNode> pending = new ArrayDeque<>();
        pending.push(body);
        int seen = 0;
        while (!pending.isEmpty() && seen++ < 4_096) {
            SyntaxNode n = pending.pop();
            if (n.is(AUG_ASSIGN) && n.child(0) != null && n.child(0).is(NAME)) {
                String name = n.child(0).text();
                Value v = frame.scope.vars.get(name);
                if (v instanceof Value.Int || v instanceof Value.Float || v instanceof Value.Bool) {
                    // Any count: not a placeholder that a branch around the loop would drop again.
                    frame.scope.vars.put(name, new Value.Opaque(Set.of(MERGED)));
                } else if (v instanceof Value.Str || v instanceof Value.Bytes) {
                    frame.scope.vars.put(name, widened(v)); // out += chr(...): any text built so far
                }
            } else if (n.is(CALL) && n.child(0) != null && n.child(0).is(ATTRIBUTE) && n.child(0).child(0) != null
                    && n.child(0).child(0).is(NAME) && ADDING_MUTATORS.contains(n.child(0).text())) {
                String name = n.child(0).child(0).text();
                Value v = frame.scope.vars.get(name);
                if (v instanceof Value.Seq || v instanceof Value.Dict) {
                    // bits.append(b): any number of items, so tests on its length (len(bits) == 8) do
                    // not decide the body as if it ran once.
                    frame.scope.vars.put(name, widened(v));
                }
            }
            if (!n.is(FUNCTION) && !n.is(CLASS) && !n.is(LAMBDA)) {
                for (SyntaxNode c : n.childrenFrom(0)) {
                    if (c != null) {
                        pending.push(c);
                    }
                }
            }
        }
    }

    /** A value grown by a loop over unknown items: what it held is still in it, as pieces. */
    private static Value widened(Value v) {
        Set<String> from = new LinkedHashSet<>(Value.union(v));
        from.add(MERGED);
        return new Value.Opaque(from, PyBuiltins.fragments(v));
    }

    private Flow tryStatement(SyntaxNode s, Frame frame) {
        Flow flow = body(s.child(0), frame);
        boolean bodyReturned = flow == Flow.RETURN;
        if (bodyReturned && !s.child(1).childrenFrom(0).isEmpty()) {
            // try: import x; return / except ImportError: the body may raise before it returns, and
            // what follows the handler then runs: the return is one possibility, not the end.
            frame.returnedUncertainly = true;
            flow = Flow.NORMAL;
        }
        for (SyntaxNode handler : s.child(1).childrenFrom(0)) {
            if (handler.child(0) != null) {
                eval(handler.child(0), frame);
            }
            if (handler.text() != null) {
                frame.scope.vars.putIfAbsent(handler.text(), Value.Opaque.UNKNOWN);
            }
            uncertain(frame, () -> body(handler.child(1), frame));
        }
        if (flow == Flow.NORMAL && !bodyReturned && s.child(2) != null) {
            flow = body(s.child(2), frame); // else: runs only when the body ended without raising or returning
        }
        if (s.child(3) != null) {
            Flow finalFlow = body(s.child(3), frame);
            if (finalFlow != Flow.NORMAL) {
                return finalFlow;
            }
        }
        return flow;
    }

    private void define(SyntaxNode s, Frame frame) {
        Scope scope = frame.scope;
        List<SyntaxNode> decoratorNodes = s.child(0).childrenFrom(0);
        List<Value> decorators = new ArrayList<>();
        for (SyntaxNode decorator : decoratorNodes) {
            decorators.add(eval(decorator, frame));
        }
        String path = scope.path.equals("<module>") ? s.text() : scope.path + "." + s.text();
        Def def = new Def(s, scope, defaults(s.child(1), frame), path);
        Value.Function function = new Value.Function(path, def, null);
        boolean accessor = scope.isClass && decoratorNodes.stream().anyMatch(d -> d.is(ATTRIBUTE)
                && (d.text().equals("setter") || d.text().equals("deleter")));
        if (!accessor) {
            bind(s.text(), function, scope); // @x.setter keeps the property's getter under its name
        }
        pendingBodies.add(def);
        for (Value decorator : decorators) {
            if (isChatHandler(decorator, s.text())) {
                handles(def, NETWORK_MESSAGE); // @bot.event async def on_message(message)
            }
        }
        // A decorator of this file runs when the function is defined, with the function: one that
        // registers it, and perhaps calls it then (@provider def warmup(): ...). The name keeps
        // the function itself: what a wrapper does when called is what the function does.
        for (int i = decorators.size() - 1; i >= 0; i--) {
            if (decorators.get(i) instanceof Value.Function f && f.definition() instanceof Def decorator && !scope.isClass) {
                Value result = invoke(decorator, List.of(function), Map.of());
                record(decoratorNodes.get(i), f.name(), Value.Sym.of(DECORATES), List.of(function), Map.of(), frame, result);
            } else if (decorators.get(i) instanceof Value.Sym named && !scope.isClass && !named.path().startsWith("builtins.")
                    && named.path().indexOf('(') < 0) {
                // @atexit.register, or another module's @on_load that keeps the function in a
                // registry its runner calls: which runs it, and when, is for reach to tell.
                record(decoratorNodes.get(i), named.path(), Value.Sym.of(DECORATES), List.of(function), Map.of(), frame, function);
            }
        }
    }

    /**
     * The fields a dataclass's generated constructor sets ({@code env: dict = field(default_factory=
     * collect)}): each holds its default, or what its factory returns, as what {@code __init__} would
     * have stored on the instance.
     */
    private void dataclassFields(SyntaxNode body, String cls, Frame classFrame) {
        for (SyntaxNode s : body.childrenFrom(0)) {
            if (!s.is(ANN_ASSIGN) || s.child(2) == null || !s.child(0).is(NAME) || fields.size() >= MAX_FIELDS) {
                continue;
            }
            SyntaxNode value = s.child(2);
            Value held = classFrame.scope.vars.get(s.child(0).text());
            if (value.is(CALL) && eval(value.child(0), classFrame) instanceof Value.Sym field && field.path().equals("dataclasses.field")) {
                held = Value.Opaque.UNKNOWN;
                for (SyntaxNode argument : value.childrenFrom(1)) {
                    if (argument.is(KEYWORD) && argument.text().equals("default")) {
                        held = eval(argument.child(0), classFrame);
                    } else if (argument.is(KEYWORD) && argument.text().equals("default_factory")) {
                        held = produced(eval(argument.child(0), classFrame));
                    }
                }
            }
            if (held != null) {
                fields.merge(cls + "." + s.child(0).text(), held, PyEvaluator::merge);
            }
        }
    }

    /** What calling a factory with nothing gives: a function of this file runs, a library function is named. */
    private Value produced(Value factory) {
        if (factory instanceof Value.Function f && f.definition() instanceof Def def) {
            return invoke(def, List.of(), Map.of());
        }
        if (factory instanceof Value.Sym library) {
            Set<String> from = new LinkedHashSet<>(library.from());
            from.add(library.path());
            return new Value.Sym(library.path() + "()", from); // socket.gethostname
        }
        return Value.Opaque.UNKNOWN;
    }

    /**
     * The fields of an object ({@code dataclasses.asdict(ctx)}, {@code vars(ctx)}, {@code ctx.__dict__})
     * of a class of this file or of another module of the package, as a dict; null when not known.
     */
    private Value objectFields(Value.Sym object) {
        String cls = madeBy(object.path());
        if (cls != null && classScopes.containsKey(cls)) {
            String prefix = cls + ".";
            java.util.TreeMap<String, Value> found = new java.util.TreeMap<>();
            fields.forEach((k, v) -> {
                if (k.startsWith(prefix) && k.indexOf('.', prefix.length()) < 0) {
                    found.put(k.substring(prefix.length()), v);
                }
            });
            return found.isEmpty() ? null : new Value.Dict(found.keySet().stream().<Value>map(Value.Str::of).toList(), List.copyOf(found.values()));
        }
        ForeignObject foreign = foreignObject(object.path());
        return foreign == null ? null : foreign.evaluator().objectFields(foreign.instance());
    }

    private Map<String, Value> defaults(SyntaxNode params, Frame frame) {
        Map<String, Value> defaults = new HashMap<>();
        for (SyntaxNode p : params.childrenFrom(0)) {
            if (p.is(PARAM) && p.child(1) != null) {
                defaults.put(p.text(), eval(p.child(1), frame));
            }
        }
        return defaults;
    }

    private void classDef(SyntaxNode s, Frame frame) {
        Scope scope = frame.scope;
        List<String> bases = new ArrayList<>();
        Value.Function meta = null;
        for (SyntaxNode base : s.child(1).childrenFrom(0)) {
            Value v = eval(base.is(KEYWORD) ? base.child(0) : base, frame);
            if (!base.is(KEYWORD)) {
                bases.add(v instanceof Value.Sym sym ? sym.path() : v instanceof Value.Function f ? f.name() : "?");
                meta = meta == null && v instanceof Value.Function f ? metaclasses.get(f.name()) : meta;
            } else if (base.text().equals("metaclass") && v instanceof Value.Function f && f.closure() instanceof Scope) {
                meta = f;
            }
        }
        boolean dataclass = false;
        for (SyntaxNode decorator : s.child(0).childrenFrom(0)) {
            dataclass |= eval(decorator, frame) instanceof Value.Sym d && d.path().startsWith("dataclasses.dataclass");
        }
        String path = scope.path.equals("<module>") ? s.text() : scope.path + "." + s.text();
        Scope classScope = new Scope(scope, path, true);
        Frame classFrame = new Frame(classScope);
        block(s.child(2).childrenFrom(0), classFrame);
        if (dataclass) {
            dataclassFields(s.child(2), path, classFrame);
        }
        List<String> methods = new ArrayList<>();
        classScope.vars.forEach((k, v) -> {
            if (v instanceof Value.Function) {
                methods.add(k);
            }
        });
        methods.sort(null);
        classes.add(new PyModel.ClassInfo(path, List.copyOf(bases), List.copyOf(methods), s));
        for (String base : bases) {
            // The library class it extends, directly or through a class of this file: methods it does
            // not define are the library's (a requests.Session subclass's post).
            String library = classScopes.containsKey(base) ? libraryBases.get(base) : base.contains(".") ? base : null;
            if (library != null) {
                libraryBases.putIfAbsent(path, library);
                break;
            }
        }
        String library = libraryBases.get(path);
        if (library != null && !library.startsWith("builtins.")) {
            // class Bot(discord.Client): async def on_message(self, msg): the library calls it with
            // what arrives over the network.
            // class Adapter(requests.adapters.HTTPAdapter): def send(self, request, ...): every request
            // mounted on it, its credentials included. (A Session subclass overriding request() is how
            // SDKs add their own auth, so only the transport adapter counts.)
            Set<String> sending = library.equals("requests.adapters.HTTPAdapter") ? SENDING_METHODS.get(library) : Set.of();
            classScope.vars.forEach((name, v) -> {
                if (MESSAGE_HOOKS.contains(name) && v instanceof Value.Function f && f.definition() instanceof Def def) {
                    handles(def, NETWORK_MESSAGE);
                } else if (sending.contains(name) && v instanceof Value.Function f && f.definition() instanceof Def def) {
                    handles(def, INTERCEPTED + library + "." + name);
                }
            });
        }
        classScopes.putIfAbsent(path, classScope);
        Value.Function cls = new Value.Function(path, s, classScope);
        classValues.putIfAbsent(classScope, cls);
        bind(s.text(), cls, scope);
        if (meta != null) {
            metaclasses.putIfAbsent(path, meta);
            metaclassRuns(s, cls, meta, frame);
        }
    }

    /** The metaclass of each class of this file that has one of this file, given or inherited. */
    private final Map<String, Value.Function> metaclasses = new HashMap<>();

    /**
     * A class statement whose metaclass is a class of this file: its {@code __init__} (or
     * {@code __new__}) runs there and then with the class, its name, bases and namespace, as
     * Python does, so what it does with the class body's attributes (a hex blob decoded and
     * loaded as code) is seen, and runs when the module does.
     */
    private void metaclassRuns(SyntaxNode s, Value.Function cls, Value.Function meta, Frame frame) {
        Scope metaScope = (Scope) meta.closure();
        Value hook = metaScope.vars.get("__init__") instanceof Value.Function f && f.definition() instanceof Def ? f : metaScope.vars.get("__new__");
        if (!(hook instanceof Value.Function f && f.definition() instanceof Def def) || structural) {
            return;
        }
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        ((Scope) cls.closure()).vars.forEach((k, v) -> {
            keys.add(Value.Str.of(k));
            values.add(v);
        });
        List<Value> args = List.of(metaScope.vars.get("__init__") == hook ? cls : meta, Value.Str.of(s.text()),
                new Value.Seq(Value.Seq.Kind.TUPLE, List.of()), new Value.Dict(keys, values));
        record(s, meta.name(), null, List.of(Value.Str.of(s.text())), Map.of(), frame, null); // the metaclass runs here
        invoke(def, args, Map.of());
    }

    /**
     * Functions a library calls with network data, and the source their parameters carry: handlers a
     * network client calls with what it receives ({@code client.on_message = f} for MQTT, WebSocket
     * and chat clients), and functions put in place of an HTTP client's own sending method
     * ({@code requests.Session.send = f}), which see every request the program makes, its
     * credentials included.
     */
    private final Map<SyntaxNode, String> handlerSources = new IdentityHashMap<>();

    /** The source a message handler's parameters carry (a member of the network_sources rule set). */
    public static final String NETWORK_MESSAGE = "net:message";
    /** The source of what a replaced sending method is given: {@code intercepted:requests.Session.send}. */
    public static final String INTERCEPTED = "intercepted:";

    private static final Set<String> MESSAGE_HOOKS = Set.of("on_message", "on_data", "on_text", "on_receive", "on_recv",
            "on_publish_received", "message_callback");

    /** Chat-bot libraries whose decorators register a function to be called with what users send. */
    private static final java.util.regex.Pattern CHAT_LIBRARY = java.util.regex.Pattern.compile(
            "^(discord|nextcord|disnake|interactions|hikari|telebot|aiogram|pyrogram|telethon|slack_bolt)\\.");
    /** Their decorators that register a handler of messages or commands, whatever the function is called. */
    private static final Set<String> CHAT_HANDLER_DECORATORS = Set.of("command", "hybrid_command", "slash_command",
            "message_handler", "edited_message_handler", "channel_post_handler", "message", "on_message", "on");

    /**
     * A decorator of a chat-bot library that registers the function as a handler of what users send:
     * {@code @bot.event} on {@code on_message}, {@code @bot.command()}, {@code @bot.message_handler(...)}.
     */
    private boolean isChatHandler(Value decorator, String function) {
        if (!(decorator instanceof Value.Sym sym) || !CHAT_LIBRARY.matcher(sym.path()).find()) {
            return false;
        }
        String path = sym.path().endsWith("()") ? sym.path().substring(0, sym.path().length() - 2) : sym.path();
        String name = path.substring(path.lastIndexOf('.') + 1);
        return CHAT_HANDLER_DECORATORS.contains(name)
                || (name.equals("event") || name.equals("listen") || name.equals("listener")) && MESSAGE_HOOKS.contains(function);
    }

    /** HTTP clients' classes (and modules) and the methods every outgoing request goes through. */
    private static final Map<String, Set<String>> SENDING_METHODS = Map.ofEntries(
            Map.entry("requests", Set.of("request", "get", "post", "put", "patch")),
            Map.entry("requests.api", Set.of("request", "get", "post", "put", "patch")),
            Map.entry("requests.Session", Set.of("send", "request", "prepare_request")),
            Map.entry("requests.sessions.Session", Set.of("send", "request", "prepare_request")),
            Map.entry("requests.adapters.HTTPAdapter", Set.of("send")),
            Map.entry("http.client.HTTPConnection", Set.of("request", "putheader", "send", "endheaders")),
            Map.entry("http.client.HTTPSConnection", Set.of("request", "putheader", "send", "endheaders")),
            Map.entry("urllib.request.OpenerDirector", Set.of("open")),
            Map.entry("urllib.request", Set.of("urlopen")),
            Map.entry("urllib3.connectionpool.HTTPConnectionPool", Set.of("urlopen")),
            Map.entry("urllib3.PoolManager", Set.of("request", "urlopen")),
            Map.entry("urllib3.poolmanager.PoolManager", Set.of("request", "urlopen")),
            Map.entry("httpx.Client", Set.of("send", "request")),
            Map.entry("httpx.AsyncClient", Set.of("send", "request")),
            Map.entry("aiohttp.ClientSession", Set.of("_request")));

    /** {@code owner.hook = handler} or {@code setattr(owner, hook, handler)}. */
    void handlerSet(Value owner, String hook, Value handler) {
        if (!(handler instanceof Value.Function f) || !(f.definition() instanceof Def def)) {
            return;
        }
        if (owner instanceof Value.Opaque o && o.from().contains(ATTRIBUTE_OF_UNKNOWN + "Session") && hook.equals("send")) {
            // module.Session.send = f on a module object handed over (an import hook patching
            // requests.sessions as it loads): requests' sending method by its names.
            handles(def, INTERCEPTED + "requests.Session.send");
            return;
        }
        if (!(owner instanceof Value.Sym library) || library.path().startsWith("builtins.")) {
            return;
        }
        String path = library.path();
        if (MESSAGE_HOOKS.contains(hook) && !classScopes.containsKey(path.endsWith("()") ? path.substring(0, path.length() - 2) : path)) {
            handles(def, NETWORK_MESSAGE);
        } else if (SENDING_METHODS.getOrDefault(path, Set.of()).contains(hook)) {
            handles(def, INTERCEPTED + path + "." + hook);
        }
    }

    /**
     * Marks what a handler's parameters receive (every handler is marked here). A handler whose body
     * was already analysed (a hook defined before the function that installs it) is analysed again,
     * now with what it receives.
     */
    private void handles(Def def, String source) {
        if (!source.equals(handlerSources.put(def.node(), source)) && analysedBodies.remove(def.node())) {
            pendingBodies.add(def);
        }
    }

    /** A function body analysed on its own, parameters unknown (or their defaults). */
    private void analyseBody(Def def) {
        Scope scope = new Scope(def.closure(), def.path(), false);
        Value.Function cls = classOf(def);
        String handler = handlerSources.get(def.node());
        for (SyntaxNode p : def.node().child(def.node().is(LAMBDA) ? 0 : 1).childrenFrom(0)) {
            if (cls != null && p.is(PARAM)) {
                scope.vars.put(p.text(), cls); // a classmethod's cls is its class, whoever calls it
                cls = null;
            } else if (p.text() != null) {
                Value v = parameter(p.text(), maybeDefault(def.defaults().get(p.text())));
                scope.vars.put(p.text(), handler != null && v instanceof Value.Opaque o
                        ? new Value.Opaque(withSource(o.from(), handler), o.fragments()) : v);
            }
        }
        Frame frame = method(new Frame(scope), def);
        frame.onItsOwn = true;
        frame.replaces = handler != null && handler.startsWith(INTERCEPTED) ? handler.substring(INTERCEPTED.length()) : null;
        if (def.node().is(LAMBDA)) {
            eval(def.node().child(1), frame);
        } else {
            body(def.node().child(3), frame);
        }
    }

    /** An unknown parameter value carries the parameter's name as its source. */
    private static Value parameter(String name, Value v) {
        return v instanceof Value.Opaque o ? new Value.Opaque(withSource(o.from(), PARAMETER + name), o.fragments()) : v;
    }

    private static Set<String> withSource(Set<String> from, String source) {
        Set<String> out = new java.util.LinkedHashSet<>(from);
        out.add(source);
        return out;
    }

    /**
     * A parameter of a body analysed on its own: a caller may pass anything, so a default is only
     * one possibility. Tests on it ({@code if key is None: raise}) must not decide the body; a text
     * default stays known as a piece ({@code filename='x69.exe'}), containers and symbols as they are.
     */
    private static Value maybeDefault(Value v) {
        if (v == null || v instanceof Value.None || v instanceof Value.Bool || v instanceof Value.Int
                || v instanceof Value.Float) {
            return Value.Opaque.UNKNOWN;
        }
        String text = PyValues.text(v);
        return text != null ? new Value.Opaque(java.util.Set.of(), text.isEmpty() ? List.of() : List.of(text)) : v;
    }

    /**
     * Marks a frame of a method: its first parameter is the instance, whose attributes live in the
     * class's field store ({@link #fields}) whichever method set them.
     */
    private Frame method(Frame frame, Def def) {
        frame.parameters = parameterNames.computeIfAbsent(def.node(), node -> {
            Set<String> names = new HashSet<>();
            for (SyntaxNode p : node.child(node.is(LAMBDA) ? 0 : 1).childrenFrom(0)) {
                if (p.text() != null) {
                    names.add(p.text());
                }
            }
            return names;
        });
        if (def.closure().isClass && !def.node().is(LAMBDA)) {
            for (SyntaxNode p : def.node().child(1).childrenFrom(0)) {
                if (p.is(PARAM)) {
                    frame.self = p.text();
                    frame.cls = def.closure();
                }
                break;
            }
        }
        return frame;
    }

    /**
     * What methods store on their instance ({@code self.key = os.environ[...]} in __init__), per
     * class and attribute, merged over every assignment: flow-insensitive, so that a value set in
     * one method is seen where another sends it.
     */
    private final Map<String, Value> fields = new HashMap<>();
    /** The parameter names of each function, collected once however often it is inlined. */
    private final Map<SyntaxNode, Set<String>> parameterNames = new IdentityHashMap<>();

    /** The store key of {@code self.name} in {@code frame}, or null when the expression is not an attribute of self. */
    private static String field(SyntaxNode attribute, Frame frame) {
        SyntaxNode owner = attribute.child(0);
        if (owner != null && owner.is(NAME) && owner.text().equals("sys") && attribute.text().equals("argv")) {
            return SYS_ARGV; // sys.argv = [...] before runpy runs a module with it
        }
        return frame.self != null && owner != null && owner.is(NAME) && frame.self.equals(owner.text())
                ? frame.cls.path + "." + attribute.text() : null;
    }

    /** The field that holds what the code set {@code sys.argv} to. */
    private static final String SYS_ARGV = "sys.argv";

    // ---- assignment ----------------------------------------------------------------------------------

    void assign(SyntaxNode target, Value value, Frame frame) {
        switch ((PyKind) target.kind()) {
            case NAME -> bind(target.text(), value, frame.scope);
            case TUPLE, LIST -> {
                List<Value> items = builtins.iterate(value);
                List<SyntaxNode> targets = target.childrenFrom(0);
                int star = -1;
                for (int i = 0; i < targets.size(); i++) {
                    if (targets.get(i).is(STARRED)) {
                        star = i;
                    }
                }
                for (int i = 0; i < targets.size(); i++) {
                    SyntaxNode t = targets.get(i);
                    Value v;
                    if (items == null) {
                        v = new Value.Opaque(Value.union(value), PyBuiltins.fragments(value));
                        if (i == 0 && targets.size() == 2 && value.from().stream().anyMatch(f -> f.endsWith(".items") || f.endsWith(".items()"))) {
                            v = PyBuiltins.environmentNames(v); // for name, value in os.environ.items()
                        }
                    } else if (star < 0) {
                        v = i < items.size() ? items.get(i) : new Value.Opaque(Value.union(value));
                    } else if (i < star) {
                        v = i < items.size() ? items.get(i) : Value.Opaque.UNKNOWN;
                    } else if (i == star) {
                        int tail = targets.size() - star - 1;
                        v = new Value.Seq(Value.Seq.Kind.LIST, items.subList(Math.min(star, items.size()),
                                Math.max(Math.min(star, items.size()), items.size() - tail)));
                    } else {
                        int fromEnd = targets.size() - i;
                        v = items.size() - fromEnd >= 0 ? items.get(items.size() - fromEnd) : Value.Opaque.UNKNOWN;
                    }
                    assign(t.is(STARRED) ? t.child(0) : t, v, frame);
                }
            }
            case STARRED -> assign(target.child(0), value, frame);
            case SUBSCRIPT -> {
                Value container = eval(target.child(0), frame);
                Value key = eval(target.child(1), frame);
                if (target.child(0).is(NAME) && container instanceof Value.Dict d && PyValues.isConstant(key)) {
                    // Values are immutable, so a change copies the dict: charge the copy to the budget.
                    budget.steps(d.keys().size() / 16 + 1);
                    budget.allocate(2L * d.keys().size());
                    bind(target.child(0).text(), builtins.dictPut(d, key, keyed(key, value)), holder(target.child(0).text(), frame));
                } else if (target.child(0).is(NAME) && container instanceof Value.Dict d) {
                    // out[f.name] = f.read_text(): entries under keys not known share one entry, so
                    // what the dict holds is still seen and a loop cannot grow it.
                    List<Value> keys = new ArrayList<>(d.keys());
                    List<Value> values = new ArrayList<>(d.values());
                    int shared = -1;
                    for (int i = 0; i < keys.size() && shared < 0; i++) {
                        shared = PyValues.isConstant(keys.get(i)) ? -1 : i;
                    }
                    if (shared < 0) {
                        keys.add(key);
                        values.add(value);
                    } else {
                        keys.set(shared, merge(keys.get(shared), key));
                        values.set(shared, merge(values.get(shared), value));
                    }
                    bind(target.child(0).text(), new Value.Dict(keys, values), holder(target.child(0).text(), frame));
                } else if (target.child(0).is(NAME) && container instanceof Value.Seq seq && seq.kind() == Value.Seq.Kind.LIST
                        && key instanceof Value.Int index) {
                    int i = index.value().intValue();
                    int size = seq.items().size();
                    if (i < 0) {
                        i += size;
                    }
                    if (i >= 0 && i < size) {
                        List<Value> items = new ArrayList<>(seq.items());
                        items.set(i, value);
                        bind(target.child(0).text(), new Value.Seq(Value.Seq.Kind.LIST, items), holder(target.child(0).text(), frame));
                    }
                } else if (target.child(0).is(NAME) && container instanceof Value.Sym object && object.path().endsWith("()")
                        && !value.from().isEmpty() && !isFileOnDisk(object.path())
                        && !ADDRESS_HEADERS.contains(String.valueOf(PyValues.text(key)).toLowerCase(java.util.Locale.ROOT))) {
                    fill(target.child(0).text(), object, List.of(value), frame); // msg["Subject"] = host
                } else if (target.child(0).is(NAME) && container instanceof Value.Opaque held) {
                    grow(target.child(0).text(), held, value, frame); // _state["code"] = r.content
                }
            }
            case ATTRIBUTE -> {
                Value object = eval(target.child(0), frame);
                handlerSet(object, target.text(), value);
                String field = field(target, frame);
                if (field != null && (fields.containsKey(field) || fields.size() < MAX_FIELDS)) {
                    // Lists, dicts and sets on self change in place (self.seen[k] = v) where the
                    // store cannot follow: only their provenance is kept, never their contents.
                    boolean mutable = !field.equals(SYS_ARGV) && (value instanceof Value.Dict
                            || value instanceof Value.Seq seq && seq.kind() != Value.Seq.Kind.TUPLE)
                            && changedInPlace(frame.cls, target.text());
                    if (field.equals(SYS_ARGV)) {
                        fields.put(field, value); // the command line is what was set last, in program order
                    } else {
                        fields.merge(field, mutable ? new Value.Opaque(Value.union(value)) : value, PyEvaluator::merge);
                    }
                }
            }
            default -> {
            }
        }
    }

    // ---- expressions ---------------------------------------------------------------------------------

    Value eval(SyntaxNode e, Frame frame) {
        if (e == null) {
            return Value.None.INSTANCE;
        }
        budget.step();
        budget.enter();
        try {
            return evalInner(e, frame);
        } finally {
            budget.leave();
        }
    }

    private Value evalInner(SyntaxNode e, Frame frame) {
        switch ((PyKind) e.kind()) {
            case NAME -> {
                return lookup(e.text(), frame.scope);
            }
            case NUMBER -> {
                Object v = e.value();
                if (v instanceof BigInteger i) {
                    return new Value.Int(i);
                }
                if (v instanceof Double d) {
                    return new Value.Float(d);
                }
                return Value.Opaque.UNKNOWN;
            }
            case CONSTANT -> {
                return switch (e.text()) {
                    case "True" -> Value.Bool.TRUE;
                    case "False" -> Value.Bool.FALSE;
                    case "None" -> Value.None.INSTANCE;
                    default -> Value.Opaque.UNKNOWN;
                };
            }
            case STRING -> {
                PyString s = (PyString) e.value();
                return s.isBytes()
                        ? new Value.Bytes(s.value().getBytes(StandardCharsets.ISO_8859_1), List.of(), e.start())
                        : new Value.Str(s.value(), List.of(), e.start());
            }
            case FSTRING -> {
                return fstring(e, frame);
            }
            case CONCAT -> {
                Value acc = null;
                for (SyntaxNode part : e.childrenFrom(0)) {
                    Value v = eval(part, frame);
                    acc = acc == null ? v : builtins.binary("+", acc, v, e);
                }
                return acc == null ? Value.Opaque.UNKNOWN : acc;
            }
            case ATTRIBUTE -> {
                String field = field(e, frame);
                Value stored = field == null ? null : fields.get(field);
                if (stored == null && field != null && frame.self != null
                        && !(frame.cls.vars.get(e.text()) instanceof Value.Function f && f.definition() instanceof Def)) {
                    stored = frame.cls.vars.get(e.text()); // a class attribute read through the instance (a class too, not a method)
                }
                if (stored != null) {
                    return stored;
                }
                boolean isCallee = e == callee;
                if (!isCallee && field != null && frame.self != null && frame.cls.vars.get(e.text()) instanceof Value.Function p
                        && p.definition() instanceof Def getter && isProperty(getter.node())) {
                    return invoke(getter, List.of(eval(e.child(0), frame)), Map.of()); // self.plist: its getter runs
                }
                if (!isCallee && field != null && frame.self != null && frame.cls.vars.get(e.text()) instanceof Value.Function f
                        && f.definition() instanceof Def method && !isProperty(method.node())) {
                    // Thread(target=self._push): the method of this instance, to be called later.
                    return Value.Sym.of(frame.cls.path + "()." + e.text());
                }
                Value owner = eval(e.child(0), frame);
                if (e.text().equals("__builtins__")) {
                    // Any module's globals reached by introspection (a class's _module found through
                    // ().__class__.__base__.__subclasses__()) hold the builtins.
                    return Value.Sym.of("builtins");
                }
                if (!isCallee && owner instanceof Value.Opaque o) {
                    // Data read off an unknown object (config.access_key_secret) is named by its attribute.
                    return new Value.Opaque(withSource(o.from(), ATTRIBUTE_OF_UNKNOWN + e.text()), o.fragments());
                }
                Value kept = owner instanceof Value.Sym instance ? instanceField(instance.path(), e.text()) : null;
                if (kept != null) {
                    return kept; // wallet.transport where wallet = Wallet(seed): what its methods stored there
                }
                if (isCallee && owner instanceof Value.Opaque o && !o.fragments().isEmpty() && KEEPS_TEXT.contains(e.text())) {
                    // one_of_decoded.decode(): the same texts, as text.
                    return new Value.Method(o, e.text());
                }
                if (isCallee && owner instanceof Value.Opaque o && (madeByPathlib(o) || isConnection(o) || e.text().equals("get"))) {
                    // agent.write_bytes(...) on a partly known pathlib path, conn.recv() on an accepted
                    // connection, table.get(key) on an unknown mapping
                    return new Value.Method(o, e.text());
                }
                return attribute(owner, e.text());
            }
            case SUBSCRIPT -> {
                return builtins.subscript(eval(e.child(0), frame), e.child(1), frame);
            }
            case CALL -> {
                return call(e, frame);
            }
            case BINARY -> {
                return builtins.binary(e.text(), eval(e.child(0), frame), eval(e.child(1), frame), e);
            }
            case UNARY -> {
                return builtins.unary(e.text(), eval(e.child(0), frame));
            }
            case BOOLEAN -> {
                return booleanOp(e, frame);
            }
            case COMPARE -> {
                return builtins.compare(e, frame);
            }
            case CONDITIONAL -> {
                Boolean test = PyValues.truth(eval(e.child(1), frame));
                if (test != null) {
                    return eval(test ? e.child(0) : e.child(2), frame);
                }
                Value then = eval(e.child(0), frame);
                Value otherwise = eval(e.child(2), frame);
                Value redacted = redacted(e.child(1), then, otherwise, frame);
                return redacted != null ? redacted : merge(then, otherwise);
            }
            case LAMBDA -> {
                String path = (frame.scope.path.equals("<module>") ? "" : frame.scope.path + ".") + "<lambda>";
                Def def = new Def(e, frame.scope, defaults(e.child(0), frame), path);
                pendingBodies.add(def);
                return new Value.Function(path, def, null);
            }
            case NAMED -> {
                Value v = eval(e.child(1), frame);
                bind(e.child(0).text(), v, frame.scope);
                return v;
            }
            case TUPLE, LIST, SET -> {
                List<Value> items = new ArrayList<>();
                for (SyntaxNode c : e.childrenFrom(0)) {
                    if (c.is(STARRED)) {
                        List<Value> spread = builtins.iterate(eval(c.child(0), frame));
                        if (spread == null) {
                            return Value.Opaque.UNKNOWN;
                        }
                        items.addAll(spread);
                    } else {
                        items.add(eval(c, frame));
                    }
                }
                Value.Seq.Kind kind = e.is(TUPLE) ? Value.Seq.Kind.TUPLE : e.is(LIST) ? Value.Seq.Kind.LIST : Value.Seq.Kind.SET;
                budget.allocate(items.size());
                return new Value.Seq(kind, items);
            }
            case DICT -> {
                return dict(e, frame);
            }
            case LIST_COMP, SET_COMP, GENERATOR, DICT_COMP -> {
                return comprehension(e, frame);
            }
            case REPR -> {
                String r = PyValues.repr(eval(e.child(0), frame));
                return r == null ? Value.Opaque.UNKNOWN : Value.Str.of(r);
            }
            case YIELD, YIELD_FROM -> {
                frame.generator = true;
                if (e.child(0) != null) {
                    yielded(eval(e.child(0), frame), frame);
                }
                return Value.Opaque.UNKNOWN;
            }
            case AWAIT, STARRED, DOUBLE_STARRED -> {
                Value v = eval(e.child(0), frame);
                return e.is(AWAIT) ? new Value.Opaque(Value.union(v)) : v;
            }
            default -> {
                for (SyntaxNode c : e.childrenFrom(0)) {
                    eval(c, frame);
                }
                return Value.Opaque.UNKNOWN;
            }
        }
    }

    private Value booleanOp(SyntaxNode e, Frame frame) {
        boolean and = "and".equals(e.text());
        Value last = null;
        Set<String> from = new LinkedHashSet<>();
        for (SyntaxNode operand : e.childrenFrom(0)) {
            last = eval(operand, frame);
            from.addAll(last.from());
            Boolean t = PyValues.truth(last);
            if (t == null) {
                // Evaluate the rest for their side effects and calls; the result is unknown, unless
                // every operand names the same thing (sys.modules.get('os') or __import__('os')).
                Value same = last instanceof Value.Sym ? last : null;
                boolean defaulted = !and; // every operand before the last unknown: `given or Default()`
                Value v = last;
                for (SyntaxNode rest : e.childrenFrom(e.children().indexOf(operand) + 1)) {
                    defaulted &= v instanceof Value.Opaque;
                    v = eval(rest, frame);
                    from.addAll(v.from());
                    same = same instanceof Value.Sym a && v instanceof Value.Sym b && a.path().equals(b.path()) ? a : null;
                }
                if (same == null && defaulted && v != last && v instanceof Value.Sym instance && instance.path().endsWith("()")) {
                    same = instance; // transport or Transport(): the default instance is all that is known
                }
                return same != null ? new Value.Sym(((Value.Sym) same).path(), from) : new Value.Opaque(from);
            }
            if (and ? !t : t) {
                return last;
            }
        }
        return last == null ? Value.Opaque.UNKNOWN : last;
    }

    private Value dict(SyntaxNode e, Frame frame) {
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (SyntaxNode item : e.childrenFrom(0)) {
            if (item.is(PAIR)) {
                Value key = eval(item.child(0), frame);
                keys.add(key);
                values.add(keyed(key, eval(item.child(1), frame)));
            } else {
                Value spread = eval(item.child(0), frame);
                if (spread instanceof Value.Dict d) {
                    keys.addAll(d.keys());
                    values.addAll(d.values());
                } else {
                    return Value.Opaque.UNKNOWN;
                }
            }
        }
        return new Value.Dict(keys, values);
    }

    /**
     * A value the program files under a wallet secret's name ({@code {'private_key': pk}}): it is
     * that secret, whatever the variable holding it is called. Marked {@code key:NAME}; constants
     * (a placeholder, a test vector) stay as they are.
     */
    private static Value keyed(Value key, Value v) {
        String name = key instanceof Value.Str k ? k.value() : null;
        if (name == null || !WALLET_SECRET_KEYS.contains(name.toLowerCase(java.util.Locale.ROOT).replace("_", ""))) {
            return v;
        }
        if (v instanceof Value.Opaque o) {
            return new Value.Opaque(withSource(o.from(), SECRET_KEY + name), o.fragments());
        }
        if (v instanceof Value.Sym sym) {
            return new Value.Sym(sym.path(), withSource(sym.from(), SECRET_KEY + name));
        }
        return v;
    }

    /** Where a value filed under a wallet secret's name in a dict comes from (see {@link #keyed}). */
    public static final String SECRET_KEY = "key:";
    private static final Set<String> WALLET_SECRET_KEYS = Set.of("privatekey", "privkey", "privatekeyhex", "mnemonic",
            "mnemonicphrase", "seedphrase", "secretphrase", "recoveryphrase");

    private Value fstring(SyntaxNode e, Frame frame) {
        PyString s = (PyString) e.value();
        StringBuilder sb = new StringBuilder();
        List<String> chain = List.of();
        Set<String> from = new LinkedHashSet<>();
        // The known text between unknown fields, literal and known fields together, is one piece.
        KnownPieces pieces = new KnownPieces();
        boolean known = true;
        int field = 0;
        for (PyString.Part part : s.parts()) {
            if (part instanceof PyString.Literal l) {
                sb.append(l.text());
                pieces.known(l.text());
                continue;
            }
            SyntaxNode f = e.child(field++);
            if (f == null) {
                known = false;
                pieces.unknown(List.of());
                continue;
            }
            Value v = eval(f.child(0), frame);
            from.addAll(Value.union(v));
            chain = PyValues.mergeChains(chain, v.chain());
            Value spec = f.child(1) == null ? null : eval(f.child(1), frame);
            String conversion = f.text();
            String text = "r".equals(conversion) || "a".equals(conversion) ? PyValues.repr(v) : PyValues.str(v);
            String specText = spec == null ? "" : PyValues.text(spec);
            if (text == null || specText == null) {
                known = false;
                pieces.unknown(PyBuiltins.fragments(v));
                continue;
            }
            String formatted = specText.isEmpty() ? text : PyFormat.format(v, text, specText);
            if (formatted == null) {
                known = false;
                pieces.unknown(List.of());
                continue;
            }
            sb.append(formatted);
            pieces.known(formatted);
        }
        if (!known) {
            return new Value.Opaque(from, pieces.pieces());
        }
        return new Value.Str(sb.toString(), chain, chain.isEmpty() ? e.start() : -1);
    }

    private Value comprehension(SyntaxNode e, Frame frame) {
        boolean dict = e.is(DICT_COMP);
        int firstClause = dict ? 2 : 1;
        List<SyntaxNode> clauses = e.childrenFrom(firstClause);
        Scope inner = new Scope(frame.scope, frame.scope.path, false);
        Frame innerFrame = frame.within(inner);
        List<Value> out = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        int[] state = new int[2];
        boolean known = comprehend(e, clauses, 0, innerFrame, out, values, dict, state);
        budget.allocate(out.size() + values.size());
        if (!known && state[1] == 0 && state[0] <= MAX_UNCERTAIN_ITEMS) {
            // Every item was seen, only filters were unknown ([p for p in candidates if p.is_dir()]):
            // the result holds some of these, so it stands for all of them, each still known.
            known = true;
        }
        if (!known) {
            Set<String> from = new LinkedHashSet<>();
            out.forEach(v -> from.addAll(v.from()));
            values.forEach(v -> from.addAll(v.from()));
            // What the elements are known to hold (their constant pieces) stays known piece by piece.
            List<String> pieces = new ArrayList<>();
            for (Value v : dict ? List.<Value>of() : out) {
                for (String piece : PyBuiltins.fragments(v)) {
                    if (pieces.size() < Value.Opaque.MAX_FRAGMENTS && !pieces.contains(piece)) {
                        pieces.add(piece);
                    }
                }
            }
            return new Value.Opaque(from, pieces);
        }
        if (dict) {
            return new Value.Dict(out, values);
        }
        return new Value.Seq(e.is(SET_COMP) ? Value.Seq.Kind.SET : Value.Seq.Kind.LIST, out);
    }

    /**
     * Runs the comprehension's clauses from {@code index}; false when an iterable or a filter is
     * unknown. {@code count} holds the items produced and, at 1, whether an iterable was unknown
     * (or there were too many items), so that the items alone do not stand for the result.
     */
    private boolean comprehend(SyntaxNode e, List<SyntaxNode> clauses, int index, Frame frame, List<Value> out,
                               List<Value> values, boolean dict, int[] count) {
        if (index == clauses.size()) {
            if (++count[0] > MAX_ITERATIONS) {
                count[1] = 1;
                return false;
            }
            out.add(eval(e.child(0), frame));
            if (dict) {
                values.add(eval(e.child(1), frame));
            }
            return true;
        }
        SyntaxNode clause = clauses.get(index);
        Value iterable = eval(clause.child(1), frame);
        List<Value> items = builtins.iterate(iterable);
        if (items == null) {
            count[1] = 1; // an iterable not known: the result is not a list of known items
            // Evaluate the element once on unknown input, so calls inside are still seen; inner
            // clauses (for ch in px) draw their items from what the outer ones hold.
            Value selected = clause.childCount() > 2 ? environmentSelection(iterable, clause.child(0), clause.child(2), frame) : null;
            assign(clause.child(0), selected != null ? selected : new Value.Opaque(Value.union(iterable)), frame);
            // Inner clauses over what is known still iterate it ([p / n for p in root.glob('*')
            // for n in ('Login Data', 'Cookies')]), so each name is seen in an element.
            comprehend(e, clauses, index + 1, frame, out, values, dict, count);
            return false;
        }
        boolean certain = true;
        for (Value item : items) {
            assign(clause.child(0), item, frame);
            boolean keep = true;
            for (SyntaxNode condition : clause.childrenFrom(2)) {
                Boolean t = PyValues.truth(eval(condition, frame));
                // An unknown filter ({k: environ[k] for k in keys if k in environ}) may keep the item:
                // the result is no longer known, but what it may hold still is.
                certain &= t != null;
                keep &= t == null || t;
            }
            if (keep && !comprehend(e, clauses, index + 1, frame, out, values, dict, count)
                    || !certain && out.size() >= MAX_UNCERTAIN_ITEMS) {
                return false;
            }
        }
        return certain;
    }

    // ---- attributes and calls --------------------------------------------------------------------

    /** Names bound by {@code from X import name} that may be modules, with the module as the import writes it. */
    private final Map<String, String> siblingModules = new HashMap<>();

    /** Methods whose result is the text they are called on, near enough for its known pieces. */
    static final Set<String> KEEPS_TEXT = Set.of("decode", "encode", "strip", "rstrip", "lstrip");

    /** Library objects that are keys or accounts, whose address is their public part. */
    private static final java.util.regex.Pattern KEY_OBJECT = java.util.regex.Pattern.compile("(?i)(account|keypair|private_?key|signing_?key|wallet)");

    Value attribute(Value v, String name) {
        if (v instanceof Value.Sym s && siblingModules.containsKey(s.path())) {
            String constant = files.constant(siblingModules.get(s.path()), name);
            if (constant != null) {
                return Value.Str.of(constant);
            }
            Value computed = importedConstant(siblingModules.get(s.path()), name);
            if (computed != null) {
                return computed;
            }
        }
        if (v instanceof Value.Sym s) {
            Scope cls = classScopes.isEmpty() || !s.path().endsWith("()") ? null
                    : classScopes.get(s.path().substring(0, s.path().length() - 2));
            if (cls != null && cls.vars.get(name) instanceof Value.Function f && f.definition() instanceof Def getter
                    && isProperty(getter.node())) {
                // settings.credentials on an instance of a class of this file: the getter runs.
                return invoke(getter, List.of(s), Map.of());
            }
            Value foreign = name.equals("__dict__") ? objectFields(s) : cls == null ? foreignAttribute(s, name) : null;
            if (foreign != null) {
                return foreign;
            }
            // Account.from_key(key).address: the public part of a key object is made to be shown.
            boolean shown = PyBuiltins.PUBLIC_DERIVATIONS.contains(name) && s.path().endsWith("()") && !s.path().startsWith(".")
                    && (!name.equals("address") || KEY_OBJECT.matcher(s.path()).find()); // a NIC's address names the host
            return new Value.Sym(s.path() + "." + name, shown ? Set.of(s.path() + "." + name) : s.from());
        }
        if (v instanceof Value.Function f && f.closure() instanceof Scope classScope) {
            Value member = classScope.vars.get(name);
            return member != null ? member : Value.Sym.of(f.name() + "." + name);
        }
        if (v instanceof Value.Function f && f.definition() instanceof Def def && def.node().is(FUNCTION)) {
            Value described = described(def, name);
            if (described != null) {
                return described;
            }
        }
        if (v instanceof Value.Opaque o) {
            return o;
        }
        if (v instanceof Value.Instance spec && spec.type().equals(PyBuiltins.MODULE_SPEC) && name.equals("loader")) {
            return spec.state().get(0);
        }
        if (v instanceof Value.Method || v instanceof Value.Function) {
            return new Value.Opaque(Value.union(v));
        }
        return new Value.Method(v, name);
    }

    /**
     * What a function of the file says about itself: {@code __doc__} (its docstring) and
     * {@code __annotations__} (parameter and return annotations), places code can be hidden in
     * and read back from ({@code exec(f.__annotations__['x'])}); null for anything else.
     */
    private Value described(Def def, String name) {
        SyntaxNode fn = def.node();
        if (name.equals("__doc__")) {
            SyntaxNode body = fn.child(3);
            SyntaxNode first = body == null || body.childCount() == 0 ? null : body.child(0);
            return first != null && first.is(EXPR) && first.child(0) != null && first.child(0).is(STRING)
                    ? eval(first.child(0), new Frame(def.closure())) : Value.None.INSTANCE;
        }
        if (!name.equals("__annotations__")) {
            return null;
        }
        Frame frame = new Frame(def.closure());
        List<Value> keys = new ArrayList<>();
        List<Value> values = new ArrayList<>();
        for (SyntaxNode p : fn.child(1).childrenFrom(0)) {
            if ((p.is(PARAM) || p.is(VAR_PARAM) || p.is(KW_PARAM)) && p.child(0) != null) {
                keys.add(Value.Str.of(p.text()));
                values.add(eval(p.child(0), frame));
            }
        }
        if (fn.child(2) != null) {
            keys.add(Value.Str.of("return"));
            values.add(eval(fn.child(2), frame));
        }
        return new Value.Dict(keys, values);
    }

    private Value call(SyntaxNode e, Frame frame) {
        SyntaxNode calleeNode = e.child(0);
        this.callee = calleeNode;
        Value callee = eval(calleeNode, frame);
        List<Value> args = new ArrayList<>();
        Map<String, Value> keywords = new LinkedHashMap<>();
        boolean spreadUnknown = false;
        for (SyntaxNode a : e.childrenFrom(1)) {
            if (a.is(KEYWORD)) {
                keywords.put(a.text(), eval(a.child(0), frame));
            } else if (a.is(STARRED)) {
                Value spread = eval(a.child(0), frame);
                List<Value> items = builtins.iterate(spread);
                if (items == null) {
                    spreadUnknown = true;
                    args.add(spread);
                } else {
                    args.addAll(items);
                }
            } else if (a.is(DOUBLE_STARRED)) {
                Value spread = eval(a.child(0), frame);
                if (spread instanceof Value.Dict d) {
                    for (int i = 0; i < d.keys().size(); i++) {
                        if (d.keys().get(i) instanceof Value.Str k) {
                            keywords.put(k.value(), d.values().get(i));
                        }
                    }
                } else {
                    spreadUnknown = true;
                }
            } else {
                args.add(eval(a, frame));
            }
        }
        callbacksEscape(args, keywords, frame);
        if (!spreadUnknown && keywords.isEmpty() && callee instanceof Value.Instance choice && choice.type().equals(PyBuiltins.CHOICE)) {
            // HANDLERS.get(kind)(body) with the kind unknown: any function of the table may run on it.
            Value result = null;
            for (Value f : ((Value.Seq) choice.state().get(0)).items()) {
                // A function of another module of the package (HANDLERS in config.py) runs there.
                Value r = f instanceof Value.Sym sym ? callImported(sym.path(), args, keywords, e) : callValue(f, args, e, frame);
                helperEffects(e, frame);
                result = r == null ? result : result == null ? r : merge(result, r);
            }
            return result == null ? Value.Opaque.UNKNOWN : result;
        }
        Value called = callee;
        keywords.forEach((k, v) -> handlerSet(called, k, v)); // WebSocketApp(url, on_message=f)
        if (!spreadUnknown) {
            Bound bound = unbind(callee, args, keywords);
            callee = bound.callee();
            args = bound.args();
            keywords = new LinkedHashMap<>(bound.keywords());
            Value got = builtins.got(callee, args);
            if (got != null) {
                return got; // attrgetter('system')(os)
            }
        }
        Value mutated = mutate(calleeNode, callee, args, frame);
        if (mutated != null) {
            record(e, calleePath(callee), ((Value.Method) callee).receiver(), args, keywords, frame, mutated);
            return mutated;
        }
        Value result;
        String path = calleePath(callee);
        if (("runpy.run_module".equals(path) || "runpy._run_module_as_main".equals(path)) && fields.containsKey(SYS_ARGV)) {
            // runpy runs the module as a program: with the command line the code set (pip install URL).
            keywords.putIfAbsent("argv", fields.get(SYS_ARGV));
        }
        Def method = callee instanceof Value.Sym sym && !spreadUnknown ? methodOf(sym.path()) : null;
        Def own = spreadUnknown || method != null ? null : ownMethod(calleeNode, frame);
        if (own != null && callee instanceof Value.Function f && f.definition() == own
                && (isClassMethod(own) || isMethodDecorated(own, "staticmethod"))) {
            own = null; // cls.unit_path() in a classmethod: the class is known, the method runs as Agent.unit_path() would
        }
        if (method == null && own == null && path != null && !libraryBases.isEmpty()) {
            int call = path.lastIndexOf("().");
            String library = call > 0 && path.indexOf('(') == call && path.indexOf('.', call + 3) < 0
                    ? libraryBases.get(path.substring(0, call)) : null;
            if (library != null) {
                path = library + path.substring(call); // Api().post → requests.Session().post
            }
        }
        if (own != null) {
            // self.poll() where self is not a known instance (a method analysed on its own): the
            // result may come from wherever the class's method gets it. A summary, computed once
            // per method, keeps class-heavy code linear.
            path = frame.cls.path + "()." + calleeNode.text();
            if (givesItsClass(own, args)) {
                // cls._decode(cls) in __new__ (the Kramer shape): the method runs on the class it is given.
                result = invoke(own, args, keywords);
            } else if (!fetched(args, keywords).isEmpty()) {
                // self._handle(update) with what the network sent: the method runs on it, as the
                // bot's command handler does, so where it goes (a shell) is seen.
                result = invoke(own, isMethodDecorated(own, "staticmethod") ? args
                        : prepended(Value.Sym.of(frame.cls.path + "()"), args), keywords);
            } else {
                Value.Opaque summary = summary(own);
                Set<String> from = new LinkedHashSet<>(summary.from());
                args.forEach(a -> from.addAll(a.from()));
                result = new Value.Opaque(from, summary.fragments());
            }
        } else if (method != null) {
            // obj.get(url) on an instance of a class of this file: the method runs with self bound
            // (a staticmethod, self._d(part), without; nor K._decode(K), given its class as self).
            result = invoke(method, isMethodDecorated(method, "staticmethod") || givesItsClass(method, args) ? args
                    : prepended(Value.Sym.of(path.substring(0, path.lastIndexOf('.'))), args), keywords);
        } else if (callee instanceof Value.Function f && f.definition() instanceof Def def && !spreadUnknown) {
            Value.Function cls = classOf(def);
            if (cls != null) {
                // Store.instance(): a classmethod runs with its class bound to cls.
                args = prepended(cls, args);
            }
            result = invoke(def, args, keywords);
            filledBack(e, args, frame);
        } else if (callee instanceof Value.Function f && f.definition() instanceof SyntaxNode) {
            result = new Value.Sym(f.name() + "()", Value.union(args.toArray(Value[]::new)));
            Value made = !spreadUnknown && f.closure() instanceof Scope cls && cls.vars.get("__new__") instanceof Value.Function maker
                    && maker.definition() instanceof Def allocator ? invoke(allocator, prepended(f, args), keywords) : null;
            if (isText(made)) {
                // Kramer(blob, key) whose __new__ returns the decoded text instead of an instance:
                // the call is that text, and __init__ does not run.
                result = made;
            } else if (!spreadUnknown && f.closure() instanceof Scope cls && cls.vars.get("__init__") instanceof Value.Function init
                    && init.definition() instanceof Def constructor) {
                // Runner(blob, exec): the constructor runs with self bound and what it was given.
                invoke(constructor, prepended(Value.Sym.of(f.name() + "()"), args), keywords);
            }
        } else if (callee instanceof Value.Method m && m.name().equals("result") && m.receiver() instanceof Value.Instance future
                && future.type().equals(FUTURE)) {
            result = future.state().get(0);
        } else {
            // An executor known or not (a parameter): what is submitted runs with what it is given.
            Value submitted = spreadUnknown ? null
                    : submitted(path, calleeNode.is(ATTRIBUTE) ? calleeNode.text() : null, args, keywords, e, frame);
            Value imported = spreadUnknown || submitted != null ? null : callImported(path, args, keywords, e);
            helperEffects(e, frame);
            result = submitted != null ? submitted : imported != null ? imported : builtins.call(callee, path, args, keywords, e, frame);
            if (("dataclasses.asdict".equals(path) || "builtins.vars".equals(path)) && args.size() == 1 && args.get(0) instanceof Value.Sym object) {
                Value fieldsOf = objectFields(object);
                result = fieldsOf != null ? fieldsOf : result;
            }
            if (path == null && calleeNode.is(ATTRIBUTE) && HTTP_VERBS.contains(calleeNode.text()) && requestsUrl(args, keywords)) {
                // http.get('https://…') on a client handed in (a parameter, a field): what a server sends.
                Set<String> from = new LinkedHashSet<>(result.from());
                from.add(UNKNOWN_CLIENT_RESPONSE);
                result = new Value.Opaque(from, List.of());
            }
        }
        if (path != null && (path.equals("builtins.exec") || path.equals("builtins.eval") || path.equals("builtins.compile")
                || path.equals("builtins.execfile"))) {
            Value code = args.isEmpty() ? keywords.getOrDefault("source", Value.Opaque.UNKNOWN) : args.get(0);
            execute(path, code, e, site(frame));
            String text = PyValues.text(code instanceof Value.Instance compiled && compiled.type().equals("builtins.compile")
                    ? compiled.state().get(0) : code);
            if (path.equals("builtins.compile") && text != null) {
                result = new Value.Instance("builtins.compile", List.of(code), code.from());
            } else if (path.equals("builtins.eval") && text != null) {
                Value value = evalConstant(text, frame);
                result = value != null ? value : result;
            }
        }
        if (callee instanceof Value.Method m && m.receiver() instanceof Value.Instance loader
                && loader.type().equals(PyBuiltins.SOURCE_LOADER) && (m.name().equals("exec_module") || m.name().equals("load_module"))) {
            // loader.exec_module(mod): the shipped file's source runs as a module, a stage of its own.
            execute("builtins.exec", loader.state().get(0), e, site(frame));
        }
        String runsCode = path == null ? null : RUNS_CODE.get(path);
        if (runsCode != null) {
            // timeit.timeit(stmt=src), code.InteractiveInterpreter().runsource(src): exec by another name.
            Value code = args.isEmpty() ? keywords.get(runsCode) : args.get(0);
            if (code != null && isSource(code)) {
                execute(path, code, e, site(frame));
                // Source that came from somewhere (fetched, decoded, read) is exec'd; a benchmark's
                // own statement text is only analysed as a stage.
                boolean fromData = !code.chain().isEmpty() || code.from().stream().anyMatch(f -> !isName(f));
                if (fromData) {
                    // The library call is the receiver: exec written under the library's own name, not hidden.
                    record(e, "builtins.exec", Value.Sym.of(path), List.of(code), Map.of(), frame, Value.None.INSTANCE);
                }
            }
        }
        if (calleeNode.is(NAME) && frame.parameters.contains(calleeNode.text()) && !frame.scope.globals.contains(calleeNode.text())) {
            // f(*args) in a helper handed exec by its caller: higher-order code, not a hidden name.
            calledThroughParameters.add(e);
        }
        if (path != null && BUFFER_WRITERS.contains(path)) {
            // zipfile.ZipFile(buf, 'w'): what is written to the archive ends up in buf.
            SyntaxNode target = e.childrenFrom(1).stream().filter(a -> a.is(KEYWORD) && a.text().equals("fileobj"))
                    .map(a -> a.child(0)).findFirst().orElse(e.childrenFrom(1).isEmpty() ? null : e.childrenFrom(1).get(0));
            if (target != null && target.is(NAME)) {
                wrappedBuffers.put(result, target.text());
            }
        }
        record(e, path, callee instanceof Value.Method m ? m.receiver() : null, args, keywords, frame, result,
                callee instanceof Value.Sym sym && !sym.from().isEmpty() ? sym : null);
        deferredCall(e, path, args, keywords, frame);
        return result;
    }

    /**
     * Methods that put data into a library object (a mail message, an archive, a buffer): the object
     * holds it from then on. Not update(): a hash updated with a secret holds no secret.
     */
    private static final Set<String> FILLERS = Set.of("set_content", "set_payload", "attach", "add_attachment",
            "add_alternative", "add_related", "add_header", "write", "writestr", "writelines", "add_field", "add", "addfile",
            "put", "put_nowait");

    /** A file object of a file on disk: what is written goes to the file, and its name is only its path. */
    private static boolean isFileOnDisk(String object) {
        return object.startsWith("tempfile.") || object.startsWith("builtins.open") || object.startsWith("io.open")
                || object.startsWith("codecs.open") || object.startsWith("os.fdopen") || object.startsWith("pathlib.");
    }

    /** Per class and attribute: whether its methods change the list or dict held there in place. */
    private final Map<Scope, Map<String, Boolean>> changedFields = new IdentityHashMap<>();

    /**
     * Whether the class's code changes {@code <obj>.attr} in place ({@code self.seen.append(x)},
     * {@code self.cache[k] = v}, {@code del self.items[0]}); a list it only reads (a blob and its key
     * kept on the class, as the Kramer shape does) can keep its items.
     */
    private boolean changedInPlace(Scope cls, String attr) {
        Value.Function klass = classValues.get(cls);
        if (!(klass != null && klass.definition() instanceof SyntaxNode node)) {
            return true;
        }
        return changedFields.computeIfAbsent(cls, k -> new HashMap<>()).computeIfAbsent(attr, a -> changes(node, a, 0));
    }

    private static boolean changes(SyntaxNode node, String attr, int depth) {
        if (node == null || depth > 64) {
            return depth > 64;
        }
        if (node.is(CALL) && node.child(0) != null && node.child(0).is(ATTRIBUTE) && CONTAINER_MUTATORS.contains(node.child(0).text())
                && isAttribute(node.child(0).child(0), attr)) {
            return true;
        }
        if ((node.is(ASSIGN) || node.is(AUG_ASSIGN) || node.is(DEL)) && node.child(0) != null
                && (node.child(0).is(SUBSCRIPT) && isAttribute(node.child(0).child(0), attr) || node.is(AUG_ASSIGN) && isAttribute(node.child(0), attr))) {
            return true;
        }
        for (SyntaxNode child : node.childrenFrom(0)) {
            if (changes(child, attr, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAttribute(SyntaxNode n, String attr) {
        return n != null && n.is(ATTRIBUTE) && attr.equals(n.text());
    }

    /** Methods that change a list or dict in place. */
    private static final Set<String> CONTAINER_MUTATORS = Set.of("append", "extend", "insert", "update", "setdefault",
            "pop", "clear", "remove", "appendleft", "add");

    /** Methods that can put something new into a list, dict or set (clearing one hides nothing). */
    private static final Set<String> ADDING_MUTATORS = Set.of("append", "extend", "insert", "update", "setdefault",
            "appendleft", "add");

    /** Per nested function: the names of its enclosing scope whose list or dict it changes in place. */
    private final Map<SyntaxNode, Set<String>> filledByCallback = new java.util.IdentityHashMap<>();

    /**
     * A callback handed over to be called later ({@code Listener(on_press=on_press)},
     * {@code Thread(target=fill)}) that fills a list or dict of the function that defines it
     * ({@code buf.append(k)}): from then on that container holds whatever the callback put there,
     * whenever it ran. Functions that are only defined, never handed over, change nothing.
     */
    private void callbacksEscape(List<Value> args, Map<String, Value> keywords, Frame frame) {
        if (frame.scope == module || frame.scope.isClass) {
            return;
        }
        for (Value v : args) {
            escapes(v, frame);
        }
        for (Value v : keywords.values()) {
            escapes(v, frame);
        }
    }

    private void escapes(Value v, Frame frame) {
        if (v instanceof Value.Function f && f.definition() instanceof Def def && def.closure() == frame.scope) {
            Set<String> filled = filledByCallback.computeIfAbsent(def.node(), n -> {
                budget.steps(n.end() - n.start() >= 0 ? (n.end() - n.start()) / 64 + 1 : 1);
                Set<String> locals = new java.util.HashSet<>();
                for (SyntaxNode p : n.child(1).childrenFrom(0)) {
                    locals.add(p.text());
                }
                Set<String> names = containersFilled(n.child(n.childCount() - 1), 0, new java.util.HashSet<>(), locals, CONTAINER_MUTATORS);
                names.removeAll(locals);
                return names;
            });
            for (String name : filled) {
                Value held = frame.scope.vars.get(name);
                if (held instanceof Value.Seq || held instanceof Value.Dict) {
                    bind(name, new Value.Opaque(Value.union(held)), frame.scope);
                }
            }
        }
    }

    /**
     * A module-level list or dict that a function of the module fills ({@code _buf.append(ch)} in a
     * key handler): a function analysed on its own runs at some later time, when the container may
     * hold anything, so from here on it is unknown ({@code "".join(_buf)} is not the empty string
     * that would make {@code if text: post(text)} dead code). Module-level code has already run with
     * the values it saw.
     */
    private void globalsFilledByFunctions() {
        Set<String> filled = new java.util.HashSet<>();
        for (Def def : pendingBodies) {
            Scope closure = def.closure();
            if ((closure == module || closure.isClass && closure.parent == module) && !def.node().is(LAMBDA)) {
                budget.steps((def.node().end() - def.node().start()) / 64 + 1);
                Set<String> locals = new java.util.HashSet<>();
                for (SyntaxNode p : def.node().child(1).childrenFrom(0)) {
                    locals.add(p.text());
                }
                Set<String> names = containersFilled(def.node().child(def.node().childCount() - 1), 0, new java.util.HashSet<>(), locals,
                        ADDING_MUTATORS);
                names.removeAll(locals);
                filled.addAll(names);
            }
        }
        for (String name : filled) {
            Value held = module.vars.get(name);
            if (isRegistry(held)) {
                continue; // the functions a decorator registered stay known ({@link #registersUnknown})
            }
            if (held instanceof Value.Seq || held instanceof Value.Dict) {
                bind(name, new Value.Opaque(Value.union(held)), module);
            }
        }
    }

    /**
     * Names whose list or dict a function body changes in place ({@code buf.append(x)},
     * {@code d[k] = v}); names it assigns itself go to {@code locals}.
     */
    private static Set<String> containersFilled(SyntaxNode node, int depth, Set<String> out, Set<String> locals,
                                                Set<String> mutators) {
        if (node == null || depth > 64 || out.size() > 16) {
            return out;
        }
        if (node.is(CALL) && node.child(0) != null && node.child(0).is(ATTRIBUTE) && node.child(0).child(0) != null
                && node.child(0).child(0).is(NAME) && mutators.contains(node.child(0).text())) {
            out.add(node.child(0).child(0).text());
        }
        if ((node.is(ASSIGN) || node.is(AUG_ASSIGN)) && node.child(0) != null) {
            SyntaxNode target = node.child(0);
            if (target.is(SUBSCRIPT) && target.child(0) != null && target.child(0).is(NAME)) {
                out.add(target.child(0).text());
            } else if (target.is(NAME)) {
                locals.add(target.text());
            }
        }
        for (int i = 0; i < node.childCount(); i++) {
            containersFilled(node.child(i), depth + 1, out, locals, mutators);
        }
        return out;
    }

    /** A method of a class decorated {@code @classmethod}. */
    private static boolean isClassMethod(Def def) {
        return isMethodDecorated(def, "classmethod");
    }

    /** A method of a class decorated {@code @name} ({@code classmethod}, {@code staticmethod}). */
    private static boolean isMethodDecorated(Def def, String name) {
        if (!def.closure().isClass || def.node().is(LAMBDA)) {
            return false;
        }
        for (SyntaxNode decorator : def.node().child(0).childrenFrom(0)) {
            if (decorator.is(NAME) && name.equals(decorator.text())) {
                return true;
            }
        }
        return false;
    }

    /** The class a classmethod belongs to, as the value its {@code cls} parameter holds, or null. */
    private Value.Function classOf(Def def) {
        return isClassMethod(def) ? classValues.get(def.closure()) : null;
    }

    /** A method decorated {@code @property} or {@code @cached_property}: reading the attribute runs it. */
    private static boolean isProperty(SyntaxNode def) {
        for (SyntaxNode decorator : def.child(0).childrenFrom(0)) {
            String name = decorator.is(NAME) || decorator.is(ATTRIBUTE) ? decorator.text() : null;
            if ("property".equals(name) || "cached_property".equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** What an executor's submit returns: a future whose result() is the call's value. */
    private static final String FUTURE = "concurrent.futures.Future";
    /**
     * What a client of unknown type returns for a request to a URL written in the code
     * ({@code session.get('https://…')} with the session a parameter): a network source.
     */
    public static final String UNKNOWN_CLIENT_RESPONSE = "net:response";
    private static final Set<String> HTTP_VERBS = Set.of("get", "post", "put", "request", "urlopen", "fetch");

    /** The URL of a request: the first or second argument, or {@code url=}, a known text starting with http(s)://. */
    private static boolean requestsUrl(List<Value> args, Map<String, Value> keywords) {
        List<Value> candidates = new ArrayList<>(args.subList(0, Math.min(2, args.size())));
        if (keywords.containsKey("url")) {
            candidates.add(keywords.get("url"));
        }
        for (Value v : candidates) {
            String text = PyValues.text(v);
            if (text != null && (text.startsWith("http://") || text.startsWith("https://"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A function of this file handed to an executor with its arguments: {@code pool.submit(fetch, url)}
     * is a future of what {@code fetch(url)} returns, {@code await loop.run_in_executor(None, fetch, url)}
     * that value itself. Null when the callee is not one of these or the function is not known.
     */
    private Value submitted(String path, String attribute, List<Value> args, Map<String, Value> keywords, SyntaxNode e,
                           Frame frame) {
        // A method of an object (an executor made by a call, or one the code was given, whose path
        // is unknown), not a module's function that happens to be named submit.
        String name = path == null ? attribute : path.indexOf('(') >= 0 ? path.substring(path.lastIndexOf('.') + 1) : null;
        boolean submit = "submit".equals(name);
        if (("map".equals(name) || "imap".equals(name) || "imap_unordered".equals(name)) && args.size() >= 2
                && args.get(0) instanceof Value.Function f && f.definition() instanceof Def def) {
            // pool.map(lookup, names): the function runs on the items; one call stands for all of them.
            List<Value> items = builtins.iterate(args.get(1));
            Value item = items == null || items.isEmpty()
                    ? new Value.Opaque(Value.union(args.get(1)), PyBuiltins.fragments(args.get(1))) : items.get(0);
            Value value = invoke(def, List.of(item), Map.of());
            return new Value.Opaque(Value.union(value));
        }
        int fn = submit ? 0 : "run_in_executor".equals(name) ? 1 : -1;
        if (fn < 0 || args.size() <= fn) {
            return null;
        }
        SyntaxNode handed = e.childrenFrom(1).size() > fn ? e.childrenFrom(1).get(fn) : null;
        if (handed != null && handed.is(ATTRIBUTE) && !(args.get(fn) instanceof Value.Function)) {
            // loop.run_in_executor(None, path.read_bytes): the library method, called on the pool's thread.
            this.callee = handed;
            Value method = eval(handed, frame);
            String library = calleePath(method);
            if (library == null) {
                return null;
            }
            List<Value> given = args.subList(fn + 1, args.size());
            Value value = builtins.call(method, library, given, Map.of(), e, frame);
            record(e, library, method instanceof Value.Method m ? m.receiver() : null, given, Map.of(), frame, value);
            return submit ? new Value.Instance(FUTURE, List.of(value), value.from()) : value;
        }
        if (!(args.get(fn) instanceof Value.Function f && f.definition() instanceof Def def)) {
            return null;
        }
        Value value = invoke(def, args.subList(fn + 1, args.size()), submit ? keywords : Map.of());
        return submit ? new Value.Instance(FUTURE, List.of(value), value.from()) : value;
    }

    /**
     * A library callable handed over with its arguments to be called later:
     * {@code atexit.register(os.system, cmd)}, {@code weakref.finalize(obj, subprocess.Popen, cmd)},
     * {@code threading.Timer(60, os.system, args=[cmd])}: the call is recorded as if made here.
     */
    private void deferredCall(SyntaxNode e, String path, List<Value> args, Map<String, Value> keywords, Frame frame) {
        if (path == null) {
            return;
        }
        int fn = switch (path) {
            case "atexit.register" -> 0;
            case "weakref.finalize", "threading.Timer", "signal.signal" -> 1;
            case "threading.Thread", "multiprocessing.Process" -> -1;
            default -> path.endsWith(".submit") || path.endsWith("Executor().submit") ? 0 : -2;
        };
        if (fn == -2) {
            return;
        }
        Value target = fn >= 0 ? (fn < args.size() ? args.get(fn) : null) : keywords.get("target");
        if (target == null && path.equals("threading.Timer")) {
            target = keywords.get("function");
        }
        Bound bound = unbind(target, List.of(), Map.of());
        target = bound.callee();
        List<Value> given = new ArrayList<>(bound.args());
        if (!(target instanceof Value.Sym) && !(target instanceof Value.Function f && f.definition() instanceof Def)) {
            return; // unknown callables are unknown
        }
        if (fn >= 0 && !path.equals("threading.Timer")) {
            given.addAll(args.subList(Math.min(args.size(), fn + 1), args.size()));
        }
        if (keywords.get("args") instanceof Value.Seq seq) {
            given.addAll(seq.items());
        }
        Map<String, Value> givenKeywords = new LinkedHashMap<>(bound.keywords());
        if (fn >= 0 && !path.equals("threading.Timer") && !path.equals("signal.signal")) {
            givenKeywords.putAll(keywords);
        }
        if (keywords.get("kwargs") instanceof Value.Dict d) {
            for (int i = 0; i < d.keys().size(); i++) {
                if (d.keys().get(i) instanceof Value.Str k) {
                    givenKeywords.put(k.value(), d.values().get(i));
                }
            }
        }
        if (target instanceof Value.Function f && f.definition() instanceof Def def) {
            // Thread(target=upload, args=(kind, key)): the file's own function runs on what it is
            // given (on its own, with parameters unknown, it is analysed anyway); a closure such as
            // Thread(target=lambda: post(URL, json={"k": secret})) runs on what its caller holds.
            if (!given.isEmpty() || !givenKeywords.isEmpty() || !def.closure().path.equals(MODULE) && !def.closure().isClass) {
                invoke(def, given, givenKeywords);
            }
            return;
        }
        String targetPath = ((Value.Sym) target).path();
        Def method = methodOf(targetPath);
        if (method != null) {
            // Thread(target=self._push, args=(doc,)): the method runs with its instance.
            invoke(method, isMethodDecorated(method, "staticmethod") ? given
                    : prepended(Value.Sym.of(targetPath.substring(0, targetPath.lastIndexOf('.'))), given), givenKeywords);
            return;
        }
        if (callImported(targetPath, given, givenKeywords, e) != null || !executedByHelper.isEmpty() || !spawnedByHelper.isEmpty()) {
            helperEffects(e, frame); // Thread(target=uploader.push, args=(env,)) with the uploader of another module
            return;
        }
        record(e, targetPath, null, given, givenKeywords, frame, Value.Opaque.UNKNOWN);
    }

    /** Calls whose callee is a parameter of the function they are in. */
    private final Set<SyntaxNode> calledThroughParameters = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<SyntaxNode> optedIn = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Mail headers that carry addresses: user@host is how mail tools sign what they send, not data
     * they send out.
     */
    private static final Set<String> ADDRESS_HEADERS = Set.of("from", "sender", "reply-to", "to", "cc", "bcc",
            "return-path", "message-id", "errors-to");

    /**
     * A library object held in {@code name} filled with {@code with} ({@code msg.set_content(body)},
     * {@code archive.writestr(name, data)}, {@code msg["Subject"] = host}): it holds what it is
     * filled with, so sending it later sends that. It is changed where it lives: a module-level
     * message filled in a function is the one another function sends.
     */
    private void fill(String name, Value.Sym object, List<Value> with, Frame frame) {
        Set<String> from = new LinkedHashSet<>(object.from());
        with.forEach(a -> from.addAll(Value.union(a))); // a dict put on a queue carries what it holds
        Value.Sym filled = new Value.Sym(object.path(), from);
        if (frame.parameters.contains(name)) {
            // _add_files(zf, root) filling the archive its caller opened: the caller's holds it too.
            Value original = filledFrom.getOrDefault(object, object);
            filledParameters.computeIfAbsent(original, k -> new ArrayList<>()).addAll(with);
            filledFrom.put(filled, original);
        }
        Scope holder = holder(name, frame);
        bind(name, filled, holder);
        if (holder == module && holder != frame.scope) {
            grownGlobals.add(name); // a module-level queue a function fills: its readers look again
        }
        String buffer = wrappedBuffers.get(object);
        if (buffer != null && !buffer.equals(name)) {
            wrappedBuffers.put(filled, buffer);
            Value inner = lookup(buffer, frame.scope);
            if (inner instanceof Value.Sym sym && sym.path().endsWith("()") && !isFileOnDisk(sym.path())) {
                fill(buffer, sym, with, frame);
            } else if (inner instanceof Value.Opaque || inner instanceof Value.Str) {
                // tarfile.open(out, 'w:gz') over a path: the file there holds what the archive is
                // filled with, so a command or request that sends the file by its path sends that.
                // Only what the contents are (files read, the environment, downloads), not how their
                // paths were found: the archive's own path was not walked, and removing it wipes nothing.
                Set<String> holds = new LinkedHashSet<>(inner.from());
                with.forEach(a -> Value.union(a).stream().filter(x -> isCollected(x) || isFetched(x)).forEach(holds::add));
                bind(buffer, new Value.Opaque(holds, PyBuiltins.fragments(inner)), holder(buffer, frame));
            }
        }
    }

    /**
     * What an archive is filled with: {@code tar.add(path)} and {@code zf.write(path)} put in the
     * file at that path, as reading it would give ({@code file:~/.aws/credentials}).
     */
    private static List<Value> archived(Value.Sym archive, String method, List<Value> args) {
        if (args.isEmpty() || !(method.equals("add") || method.equals("write"))
                || !(archive.path().startsWith("tarfile.") || archive.path().startsWith("zipfile."))) {
            return args;
        }
        String file = PyBuiltins.pathName(args.get(0));
        if (file == null) {
            return args;
        }
        List<Value> with = new ArrayList<>(args);
        with.add(new Value.Opaque(Set.of(FILE + file)));
        return with;
    }

    /** Writers over a buffer: an archive or stream whose writes go into the object it was given. */
    private static final Set<String> BUFFER_WRITERS = Set.of("zipfile.ZipFile", "tarfile.open", "tarfile.TarFile",
            "gzip.GzipFile", "gzip.open", "bz2.BZ2File", "bz2.open", "lzma.LZMAFile", "lzma.open", "io.TextIOWrapper",
            "io.BufferedWriter");

    /** What helpers put into library objects their callers handed them, by the object handed. */
    private final Map<Value, List<Value>> filledParameters = new IdentityHashMap<>();
    /** A helper's filled copy of an object handed to it, and the object handed. */
    private final Map<Value, Value> filledFrom = new IdentityHashMap<>();

    /**
     * After a call of a function of this file: objects handed to it by name that it filled (an
     * archive its helper wrote files into) are filled in the caller too.
     */
    private void filledBack(SyntaxNode call, List<Value> args, Frame frame) {
        if (filledParameters.isEmpty()) {
            return;
        }
        List<SyntaxNode> nodes = call.childrenFrom(1);
        for (int i = 0; i < Math.min(nodes.size(), args.size()); i++) {
            List<Value> with = nodes.get(i).is(NAME) ? filledParameters.remove(args.get(i)) : null;
            if (with != null && lookup(nodes.get(i).text(), frame.scope) instanceof Value.Sym object && object.path().endsWith("()")) {
                fill(nodes.get(i).text(), object, with, frame);
            }
        }
    }

    /** Archive and stream writers made over a buffer held in a variable, and that variable's name. */
    private final Map<Value, String> wrappedBuffers = new IdentityHashMap<>();

    /**
     * Methods that change a list or dict held in a variable ({@code out.append(x)}): the variable
     * is rebound to the changed value, so loops that fill and drain lists compute and terminate.
     * Returns the call's result, or null when this is not such a call.
     */
    private Value mutate(SyntaxNode calleeNode, Value callee, List<Value> args, Frame frame) {
        if (callee instanceof Value.Sym method && calleeNode.is(ATTRIBUTE) && calleeNode.child(0).is(NAME)
                && FILLERS.contains(calleeNode.text()) && args.stream().anyMatch(a -> !Value.union(a).isEmpty())
                && eval(calleeNode.child(0), frame) instanceof Value.Sym object && object.path().endsWith("()")
                && method.path().equals(object.path() + "." + calleeNode.text()) && !isFileOnDisk(object.path())) {
            // The call itself is evaluated as usual.
            fill(calleeNode.child(0).text(), object, archived(object, calleeNode.text(), args), frame);
            return null;
        }
        if (calleeNode.is(ATTRIBUTE) && calleeNode.child(0).is(NAME) && ADDING_MUTATORS.contains(calleeNode.text())
                && !args.isEmpty() && lookup(calleeNode.child(0).text(), frame.scope) instanceof Value.Opaque held) {
            grow(calleeNode.child(0).text(), held, args.get(args.size() - 1), frame); // _loot.append(data)
            return null; // the call itself is evaluated as usual
        }
        if (callee instanceof Value.Method item && item.receiver() instanceof Value.Seq seq && seq.kind() == Value.Seq.Kind.LIST
                && calleeNode.is(ATTRIBUTE) && calleeNode.child(0).is(SUBSCRIPT) && calleeNode.child(0).child(0).is(NAME)
                && args.size() == 1 && (item.name().equals("append") || item.name().equals("extend"))) {
            // report["logins"].append(row): the list under that key of the dict in the variable grows.
            List<Value> items = new ArrayList<>(seq.items());
            List<Value> more = item.name().equals("append") ? List.of(args.get(0)) : builtins.iterate(args.get(0));
            if (more == null || items.size() + more.size() > MAX_ITERATIONS) {
                return null;
            }
            items.addAll(more);
            budget.allocate(items.size());
            assign(calleeNode.child(0), new Value.Seq(seq.kind(), items), frame);
            return Value.None.INSTANCE;
        }
        if (!(callee instanceof Value.Method m) || !calleeNode.is(ATTRIBUTE) || !calleeNode.child(0).is(NAME)) {
            return null;
        }
        String name = calleeNode.child(0).text();
        if (m.receiver() instanceof Value.Instance cfg && cfg.type().equals(PyBuiltins.CONFIG_PARSER)
                && cfg.state().get(0) instanceof Value.Dict ini && !args.isEmpty()
                && (m.name().equals("read") || m.name().equals("read_string"))) {
            // cfg.read('setup.cfg'): the options of the package's own config file are known.
            String text = m.name().equals("read") ? builtins.shippedText(args.get(0)) : PyValues.text(args.get(0));
            if (text != null) {
                bind(name, new Value.Instance(cfg.type(), List.of(IniText.parse(text, ini)), cfg.from()), holder(name, frame));
            }
            return null; // the call itself is evaluated as usual
        }
        if (PyBuiltins.isHash(m.receiver()) && m.receiver() instanceof Value.Instance hash && m.name().equals("update")) {
            // h.update(b'...'): the digest is of everything fed so far, known while every piece is;
            // fed anything else, it is the library's object again (a file's digest).
            Value fed = args.size() == 1 ? args.get(0) : null;
            bind(name, fed instanceof Value.Bytes more
                    ? new Value.Instance(hash.type(), List.of(hash.state().get(0), new Value.Bytes(concat(((Value.Bytes) hash.state().get(1)).value(),
                            more.value()), List.of(), -1)), hash.from())
                    : new Value.Sym(hash.type() + "()", Value.union(hash, fed)), holder(name, frame));
            return null; // the call itself is evaluated as usual
        }
        if (m.receiver() instanceof Value.Seq seq && seq.kind() != Value.Seq.Kind.TUPLE) {
            boolean set = seq.kind() == Value.Seq.Kind.SET;
            List<Value> items = new ArrayList<>(seq.items());
            Value result = Value.None.INSTANCE;
            String op = !set ? m.name() : switch (m.name()) {
                // A set is kept as its items in order of insertion; its methods are the list's.
                case "add" -> "append";
                case "update" -> "extend";
                case "discard", "remove", "clear", "pop" -> m.name();
                default -> "";
            };
            switch (op) {
                case "append" -> {
                    if (args.size() != 1) {
                        return null;
                    }
                    if (registersUnknown(seq, args.get(0), name, frame)) {
                        return Value.None.INSTANCE;
                    }
                    items.add(args.get(0));
                }
                case "extend" -> {
                    List<Value> more = args.size() == 1 ? builtins.iterate(args.get(0)) : null;
                    if (more == null) {
                        bind(name, new Value.Opaque(Value.union(m.receiver(), args.isEmpty() ? null : args.get(0))), holder(name, frame));
                        return Value.None.INSTANCE;
                    }
                    items.addAll(more);
                }
                case "insert" -> {
                    BigInteger at = args.size() == 2 ? PyValues.toInt(args.get(0)) : null;
                    if (at == null) {
                        return null;
                    }
                    int i = Math.max(0, Math.min(items.size(), at.intValue() < 0 ? items.size() + at.intValue() : at.intValue()));
                    items.add(i, args.get(1));
                }
                case "pop" -> {
                    if (items.isEmpty()) {
                        return null;
                    }
                    BigInteger at = args.isEmpty() ? BigInteger.valueOf(-1) : PyValues.toInt(args.get(0));
                    if (at == null) {
                        return null;
                    }
                    int i = at.intValue() < 0 ? items.size() + at.intValue() : at.intValue();
                    if (i < 0 || i >= items.size()) {
                        return null;
                    }
                    result = items.remove(i);
                }
                case "reverse" -> java.util.Collections.reverse(items);
                case "clear" -> items.clear();
                case "remove" -> {
                    int i = -1;
                    for (int k = 0; k < items.size() && i < 0 && !args.isEmpty(); k++) {
                        if (Boolean.TRUE.equals(PyValues.equal(items.get(k), args.get(0)))) {
                            i = k;
                        }
                    }
                    if (i < 0) {
                        return null;
                    }
                    items.remove(i);
                }
                case "discard" -> {
                    if (args.size() != 1) {
                        return null;
                    }
                    items.removeIf(v -> Boolean.TRUE.equals(PyValues.equal(v, args.get(0))));
                }
                default -> {
                    if (CONTAINER_MUTATORS.contains(m.name()) || m.name().endsWith("_update")) {
                        // A change not followed (set.intersection_update, list.update): what the
                        // variable holds is no longer known, but where it may have come from is.
                        List<Value> involved = new ArrayList<>(args);
                        involved.add(seq);
                        bind(name, new Value.Opaque(Value.union(involved.toArray(Value[]::new))), holder(name, frame));
                        return Value.None.INSTANCE;
                    }
                    return null;
                }
            }
            if (set) {
                items = PyBuiltins.distinct(items);
            }
            if (items.size() > MAX_ITERATIONS) {
                return null;
            }
            // Values are immutable, so a change copies the list: charge the copy to the budget.
            budget.steps(items.size() / 32 + 1);
            budget.allocate(items.size());
            bind(name, new Value.Seq(seq.kind(), items), holder(name, frame));
            return result;
        }
        if (m.receiver() instanceof Value.Bytes bytes && (m.name().equals("append") || m.name().equals("extend")) && args.size() == 1) {
            // A bytearray filled byte by byte (out.append(cur)): known bytes stay known, others make it unknown.
            BigInteger b = m.name().equals("append") ? PyValues.toInt(args.get(0)) : null;
            byte[] more = b != null && b.signum() >= 0 && b.bitLength() <= 8 ? new byte[] {(byte) b.intValue()}
                    : m.name().equals("extend") && args.get(0) instanceof Value.Bytes other ? other.value() : null;
            if (more == null || bytes.value().length + more.length > budget.maxValueBytes()) {
                bind(name, new Value.Opaque(Value.union(bytes, args.get(0))), holder(name, frame));
            } else {
                byte[] joined = java.util.Arrays.copyOf(bytes.value(), bytes.value().length + more.length);
                System.arraycopy(more, 0, joined, bytes.value().length, more.length);
                budget.steps(joined.length / 256 + 1);
                budget.allocate(joined.length / 64);
                bind(name, new Value.Bytes(joined, bytes.chain(), bytes.origin()), holder(name, frame));
            }
            return Value.None.INSTANCE;
        }
        if (m.receiver() instanceof Value.Dict d && m.name().equals("update") && args.size() == 1) {
            // Pairs known one by one (another dict, a list of pairs) are put in; what is not known
            // pair by pair ({k: v for k, v in os.environ.items() if ...}) leaves the dict unknown but
            // keeps where it may have come from.
            Value merged = d;
            if (args.get(0) instanceof Value.Dict more) {
                for (int i = 0; i < more.keys().size(); i++) {
                    merged = builtins.dictPut((Value.Dict) merged, more.keys().get(i), more.values().get(i));
                }
            } else {
                List<Value> pairs = builtins.iterate(args.get(0));
                merged = pairs == null ? null : merged;
                for (Value pair : pairs == null ? List.<Value>of() : pairs) {
                    if (!(merged instanceof Value.Dict && pair instanceof Value.Seq kv && kv.items().size() == 2)) {
                        merged = null;
                        break;
                    }
                    merged = builtins.dictPut((Value.Dict) merged, kv.items().get(0), kv.items().get(1));
                }
            }
            bind(name, merged != null ? merged : new Value.Opaque(Value.union(d, args.get(0))), holder(name, frame));
            return Value.None.INSTANCE;
        }
        return null;
    }

    /** The method {@code self.name(...)} runs when the frame is a method of a class of this file and the class defines it, else null. */
    private static Def ownMethod(SyntaxNode calleeNode, Frame frame) {
        if (frame.self == null || !calleeNode.is(ATTRIBUTE) || !calleeNode.child(0).is(NAME)
                || !frame.self.equals(calleeNode.child(0).text())) {
            return null;
        }
        return frame.cls.vars.get(calleeNode.text()) instanceof Value.Function f && f.definition() instanceof Def def ? def : null;
    }

    /**
     * A call of a function another module of the package defines ({@code from ._codec import unpack;
     * unpack(BLOB)}), of a class it defines ({@code Registry(url)}), of a classmethod of one
     * ({@code Profile.default()}, an instance here) or of a method on an instance of one
     * ({@code Registry().sync(values)}): the function or method runs on the values given, in an
     * evaluator of its own module, so a decoder or a downloader kept in a helper module still yields
     * what it returns, and what an instance keeps is there for its other methods. What happens there
     * is that module's to report, except what it does with what this call handed it (see
     * {@link #helperEffects}); the result comes back, placed at this call. A method given nothing
     * worth following returns what it gathers of the machine ({@link #gathered}). Null when the
     * callee is not such a function or method, and for a class (its instance stays a name here).
     */
    private Value callImported(String path, List<Value> args, Map<String, Value> keywords, SyntaxNode at) {
        if (path == null || importDepth >= MAX_IMPORT_DEPTH || structural) {
            return null;
        }
        int call = path.indexOf("().");
        String method = call > 0 && path.indexOf('(', call + 1) < 0 && path.indexOf('.', call + 3) < 0 ? path.substring(call + 3) : null;
        String target = method != null ? path.substring(0, call) : path;
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || target.indexOf('(') >= 0) {
            return null;
        }
        String module = target.substring(0, dot);
        String name = target.substring(dot + 1);
        ModuleFiles definer = definer(module, name);
        boolean classCall = false;
        int inner = module.lastIndexOf('.');
        if (definer == null && method == null && inner > 0) {
            // Profile.default(): a classmethod or staticmethod of a class of another module.
            String cls = module.substring(inner + 1);
            ModuleFiles owner = definer(module.substring(0, inner), cls);
            if (owner != null && owner.definesClass(cls)) {
                definer = owner;
                method = name;
                name = cls;
                target = module;
                classCall = true;
            }
        }
        if (definer == null) {
            return null;
        }
        boolean function = !definer.definesClass(name);
        if (function && method != null) {
            return null;
        }
        args = args.stream().map(this::returnedBy).toList();
        keywords = returnedBy(keywords);
        Set<String> fetched = fetched(args, keywords);
        Set<String> collected = collected(args, keywords);
        Set<String> secrets = secrets(args, keywords, collected);
        // An object another module made (a config whose properties build a command) is followed for what it holds.
        boolean objects = args.stream().anyMatch(a -> a instanceof Value.Sym o && foreignObject(o.path()) != null);
        boolean data = carriesData(args) || carriesData(keywords.values()) || !fetched.isEmpty() || !secrets.isEmpty()
                || args.stream().anyMatch(PyEvaluator::isHomePath) || objects;
        // Given nothing at all (candidate_files()), or only constants, a small helper still runs.
        boolean fixed = constants(args, keywords) || args.isEmpty() && keywords.isEmpty();
        if (function && !data && !fixed) {
            return fromSummary(definer, name, path, args, keywords);
        }
        boolean byName = function && !data;
        Value allocated = function || method != null || classCall || !definer.definesNew() ? null : allocated(definer, module, name, args, keywords);
        if (allocated != null) {
            return placed(allocated, at.start());
        }
        // A function is followed for what it sends of the machine and of secrets by name (a seed
        // phrase handed to a "checksum" helper), an instance for all it was handed.
        Set<String> handed = function ? secrets : handed(args, keywords);
        Set<String> held = method != null && !classCall ? objectsHeld.get(target + "()") : null;
        if (held != null) {
            // Reporter(settings).announce(): the instance was made with an object of another module,
            // and its methods work with what that object holds.
            handed = new LinkedHashSet<>(handed);
            handed.addAll(held);
        }
        if (!function && !classCall && handed.stream().noneMatch(PyEvaluator::isSensitive) && !decoded(args, keywords)
                && handed.stream().noneMatch(h -> h.startsWith(".")) && !(method != null && fixed && givesUrl(args, keywords))) {
            // Client(url), Client().close(): nothing worth following handed over. What the package's
            // own modules made (.scanner.Scanner().scan().found) is.
            return method != null && args.isEmpty() && keywords.isEmpty() ? gathered(definer, name, method, path) : null;
        }
        PyEvaluator other = importedModule(definer);
        Value defined = other == null ? null : other.module.vars.get(name);
        Def def = null;
        Scope constructing = null;
        String made = null;
        List<Value> given = args;
        if (method == null && defined instanceof Value.Function f && f.definition() instanceof Def d) {
            def = d;
        } else if (defined instanceof Value.Function cls && cls.definition() instanceof SyntaxNode && cls.closure() instanceof Scope scope
                && scope.vars.get(method == null ? "__init__" : method) instanceof Value.Function m && m.definition() instanceof Def d) {
            def = d;
            given = !classCall ? prepended(Value.Sym.of(cls.name() + "()"), args) : isClassMethod(d) ? prepended(cls, args) : args;
            if (classCall) {
                made = cls.name() + "()";
            } else if (method != null) {
                other.constructed(scope, cls);
            } else {
                constructing = scope;
            }
        }
        if (def == null) {
            return null;
        }
        if (byName && !other.holdsBlob() && !(fixed && isSmall(def))) {
            return fromSummary(definer, name, path, args, keywords);
        }
        try {
            int before = other.calls.size();
            other.foreignReads.clear();
            Value returned = other.invoke(def, given, keywords);
            if (byName && returned instanceof Value.Sym object && !other.isWhole(object)) {
                // creds(): an object of that module's class, made of a secret and a region. What it
                // was made of is not in every attribute read here (as for a summary, see isWhole).
                Set<String> kept = new LinkedHashSet<>(object.from());
                kept.removeIf(PyEvaluator::isCollected);
                returned = new Value.Sym(object.path(), kept);
            }
            Value result = placed(returned, at.start());
            if (constructing != null) {
                other.constructedClasses.add(constructing);
                if (objects) {
                    objectsHeld.computeIfAbsent(target + "()", k -> new LinkedHashSet<>()).addAll(heldBy(args));
                }
                result = null; // the instance: a name here, its state kept there
            } else if (result instanceof Value.Sym instance && instance.path().equals(made)) {
                // Profile.default() is an instance of Profile, made of what it was given (as Profile(...)
                // is): what the factory read on the way stays there, not in every attribute read here.
                result = new Value.Sym(target + "()", handed);
            } else if (method != null && !classCall && result instanceof Value.Sym own && given.get(0) instanceof Value.Sym self
                    && (own.path().equals(self.path()) || own.path().startsWith(self.path() + "."))) {
                // TokenScanner(locations).scan() returning self or one of its fields: the instance
                // is a name here, its state kept there.
                result = args.isEmpty() && keywords.isEmpty() ? gathered(definer, name, method, path) : null;
            }
            for (int i = before; i < other.calls.size(); i++) {
                PyModel.CallSite c = other.calls.get(i);
                Value code = c.args().isEmpty() ? null : c.args().get(0);
                if (code instanceof Value.Instance compiled && compiled.type().equals("builtins.compile")) {
                    code = compiled.state().get(0);
                }
                boolean handedCode = code != null && (handedOver(code, args, keywords)
                        || code.from().stream().anyMatch(fetched::contains));
                if ((c.callee().equals("builtins.exec") || c.callee().equals("builtins.eval")) && handedCode) {
                    executedByHelper.add(placed(code, at.start()));
                } else if (PyHandoffs.isProcess(c.callee()) && handedCode) {
                    spawnedByHelper.add(c);
                } else if (!handed.isEmpty() && sends(c.callee()) && carries(c, handed)) {
                    spawnedByHelper.add(c); // report.send(dict(os.environ)), Profile().prepare({"meta": mnemonic})
                } else if (objects && !c.callee().startsWith("builtins.") && other.readsForeign(c)) {
                    spawnedByHelper.add(c); // persist(CONFIG): SetValueEx(key, cfg.value_name, 0, REG_SZ, cfg.command)
                }
            }
            if (!fetched.isEmpty()) {
                handoffs.adoptDownloads(other.handoffs); // fs.stash(fetch(url), name): the file it saved is a download
            }
            return result;
        } catch (Budget.Exceeded | StackOverflowError e) {
            importedModules.put(definer.path(), null); // spent: its functions are names from now on
            return null;
        } catch (RuntimeException e) {
            // That module's own scan reports what went wrong there; this one goes on by name.
            importedModules.put(definer.path(), null);
            return null;
        }
    }

    /**
     * A function of this file, or of a third module, handed to another module's function
     * ({@code send(read_key)}) as that module sees it: a callable whose result comes from wherever
     * the function's result comes from (for a third module's, what {@link #fromSummary} carries).
     * The function's body stays this file's to analyse; the other module sees where what it calls
     * back comes from (a secret file, the environment) and what it does with it is made from here.
     */
    private Value returnedBy(Value v) {
        if (v instanceof Value.Function f && f.definition() instanceof Def def && definedHere(def.closure())) {
            Value.Opaque summary = summary(def);
            return summary.from().isEmpty() ? v : new Value.Opaque(summary.from(), List.of());
        }
        int dot = v instanceof Value.Sym sym && sym.from().isEmpty() && sym.path().indexOf('(') < 0 ? sym.path().lastIndexOf('.') : -1;
        if (dot > 0) {
            // A function of a third module handed over (from ._paths import read_key; send(read_key)).
            String path = ((Value.Sym) v).path();
            String name = path.substring(dot + 1);
            ModuleFiles definer = definer(path.substring(0, dot), name);
            Value returns = definer == null || definer.definesClass(name) ? null : fromSummary(definer, name, path, List.of(), Map.of());
            return returns == null ? v : new Value.Opaque(returns.from(), List.of());
        }
        return v;
    }

    private Map<String, Value> returnedBy(Map<String, Value> keywords) {
        Map<String, Value> out = new LinkedHashMap<>();
        keywords.forEach((k, v) -> out.put(k, returnedBy(v)));
        return out;
    }

    /** Whether a scope is this file's (a function of another module may come back from a call into it). */
    private boolean definedHere(Scope scope) {
        Scope s = scope;
        while (s != null && s.parent != null) {
            s = s.parent;
        }
        return s == module;
    }

    /**
     * A function short enough to run on constants whenever it is called with them: the one-line
     * helpers ({@code rev(s)}, {@code unhex(s)}) that turn a module name or URL written backwards
     * or in hex into the real one, whose results decide what is imported or fetched.
     */
    private static boolean isSmall(Def def) {
        return def.node().end() - def.node().start() <= SMALL_FUNCTION;
    }

    private static final int SMALL_FUNCTION = 640;

    /** The module of the package that defines {@code name}, {@code module} as written here (relative, absolute or a sibling imported by name). */
    private ModuleFiles definer(String module, String name) {
        String key = module + "#" + name;
        if (definers.containsKey(key)) {
            return definers.get(key);
        }
        ModuleFiles definer = files.definer(module, name);
        if (definer == null && siblingModules.containsKey(module)) {
            definer = files.definer(siblingModules.get(module), name); // from . import _codec; _codec.load(...)
        }
        definers.put(key, definer);
        return definer;
    }

    /** What {@link #definer} found, by module and name (null when nothing): asked at every call of a dotted name. */
    private final Map<String, ModuleFiles> definers = new HashMap<>();

    /**
     * What a method without arguments of an instance of another module's class returns of the
     * machine: the whole environment, or who and where the machine is ({@code registry.describe()},
     * {@code context.snapshot()}), whatever else it computes; null when nothing. Computed once
     * per method for the target.
     */
    private Value gathered(ModuleFiles definer, String cls, String method, String path) {
        Value.Opaque summary = definer.summary(cls + "()." + method, () -> {
            PyEvaluator other = importedModule(definer);
            if (other == null || !(other.module.vars.get(cls) instanceof Value.Function c && c.closure() instanceof Scope scope
                    && scope.vars.get(method) instanceof Value.Function m && m.definition() instanceof Def def)) {
                return Value.Opaque.UNKNOWN;
            }
            try {
                other.constructed(scope, c);
                Set<String> machine = new LinkedHashSet<>();
                Value.union(other.invoke(def, List.of(Value.Sym.of(c.name() + "()")), Map.of())).stream()
                        .filter(f -> f.startsWith(ENVIRONMENT) && !f.startsWith(ENVIRONMENT + "?")
                                || PyBuiltins.HOST_IDENTITY.stream().anyMatch(f::startsWith))
                        .forEach(machine::add);
                return new Value.Opaque(machine, List.of());
            } catch (Budget.Exceeded | StackOverflowError e) {
                importedModules.put(definer.path(), null);
                return Value.Opaque.UNKNOWN;
            }
        });
        if (summary.from().isEmpty()) {
            return null;
        }
        Set<String> from = new LinkedHashSet<>(summary.from());
        from.add(path);
        return new Value.Sym(path + "()", from);
    }

    /**
     * An object another module of the package made, as that module's evaluator holds it: its
     * module-level instance ({@code CONFIG = _Config()} read here as {@code .config.CONFIG}) or an
     * instance one of its factories returned ({@code .plan.StagePlan()}). Null when {@code path}
     * names no such object.
     */
    private ForeignObject foreignObject(String path) {
        if (importDepth >= MAX_IMPORT_DEPTH || structural) {
            return null;
        }
        String madeBy = madeBy(path);
        boolean made = madeBy != null;
        String target = made ? madeBy : path;
        int dot = target.lastIndexOf('.');
        if (dot <= 0 || target.indexOf('(') >= 0) {
            return null;
        }
        String name = target.substring(dot + 1);
        ModuleFiles definer = made ? definer(target.substring(0, dot), name) : files.computer(target.substring(0, dot), name);
        if (definer == null || made && !definer.definesClass(name)) {
            return null;
        }
        PyEvaluator other = importedModule(definer);
        Value local = other == null ? null : made ? Value.Sym.of(name + "()") : other.module.vars.get(name);
        String localClass = local instanceof Value.Sym object ? madeBy(object.path()) : null;
        Scope cls = localClass == null ? null : other.classScopes.get(localClass);
        return cls == null ? null : new ForeignObject(definer, other, (Value.Sym) local, cls);
    }

    /** An instance of a class of another module of the package, and the evaluator that keeps its state. */
    private record ForeignObject(ModuleFiles definer, PyEvaluator evaluator, Value.Sym instance, Scope cls) {
    }

    /**
     * An attribute of an object another module of the package made ({@code cfg.command},
     * {@code plan.url}): what that module keeps in the field, its class attribute, or what its
     * property getter returns there. What is read is noted in {@link #foreignReads}, so a helper
     * handed the object is seen to use it (see {@link #callImported}). Null when not known there.
     */
    private Value foreignAttribute(Value.Sym s, String name) {
        ForeignObject object = foreignObject(s.path());
        if (object == null) {
            return null;
        }
        PyEvaluator other = object.evaluator();
        Value read;
        try {
            Value member = object.cls().vars.get(name);
            read = other.instanceField(object.instance().path(), name);
            if (read == null && member instanceof Value.Function f && f.definition() instanceof Def getter && isProperty(getter.node())) {
                read = other.invoke(getter, List.of(object.instance()), Map.of());
            } else if (read == null && member != null && !(member instanceof Value.Function)) {
                read = member;
            }
        } catch (Budget.Exceeded | StackOverflowError e) {
            importedModules.put(object.definer().path(), null);
            return null;
        }
        if (read != null) {
            foreignReads.add(read);
        }
        return read;
    }

    /** Where what the objects of other modules among {@code args} hold comes from (their fields). */
    private Set<String> heldBy(List<Value> args) {
        Set<String> from = new LinkedHashSet<>();
        for (Value a : args) {
            Value fields = a instanceof Value.Sym o && foreignObject(o.path()) != null ? objectFields(o) : null;
            if (fields instanceof Value.Dict d) {
                d.values().forEach(v -> from.addAll(Value.union(v)));
            }
        }
        return from;
    }

    /** Instances of other modules' classes made here with objects of a third (see {@link #callImported}), and where what those hold comes from. */
    private final Map<String, Set<String>> objectsHeld = new HashMap<>();

    /** What this evaluator read off objects of other modules (see {@link #foreignAttribute}), the values themselves. */
    private final Set<Value> foreignReads = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** Classes of this (imported) module whose constructor has run for an instance another module made. */
    private final Set<Scope> constructedClasses = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /**
     * Runs the constructor of a class of this (imported) module once, arguments unknown, before a
     * method runs for another module on an instance whose construction was not followed: what the
     * constructor sets from constants (an endpoint, a session) is there for the method.
     */
    private void constructed(Scope cls, Value.Function value) {
        if (constructedClasses.add(cls) && cls.vars.get("__init__") instanceof Value.Function init && init.definition() instanceof Def constructor) {
            invoke(constructor, List.of(Value.Sym.of(value.name() + "()")), Map.of());
        }
    }

    /** The longest top-level expression (in characters) another module's evaluator computes for its value. */
    private static final int MAX_IMPORTED_EXPRESSION = 4096;

    /**
     * A constant another module of the package computes at its top level ({@code MOD =
     * "".join(reversed(["uests", "req"]))} in {@code _q.py}), for {@code from ._q import MOD} or
     * {@code _q.MOD}: that module's top level bound in an evaluator of its own (see
     * {@link #bindTopLevel}). Null when it is not a known string, bytes or a list of them.
     */
    private Value importedConstant(String module, String name) {
        if (importDepth >= MAX_IMPORT_DEPTH || structural) {
            return null;
        }
        ModuleFiles computer = files.computer(module, name);
        PyEvaluator other = computer == null ? null : importedModule(computer);
        Value v = other == null ? null : other.module.vars.get(name);
        // Text only: a number keeps its name (constants.VK_LBUTTON says more to a rule than 1). A
        // settings dict (DEFAULTS = {"host": ..., "path": ...}) counts when it holds some text.
        return isText(v) || v instanceof Value.Seq seq && !seq.items().isEmpty() && seq.items().stream().allMatch(PyEvaluator::isText)
                || v instanceof Value.Dict d && d.values().stream().anyMatch(PyEvaluator::isText)
                && d.values().stream().allMatch(x -> isText(x) || PyValues.isConstant(x))
                || v instanceof Value.Dict table && PyBuiltins.isDispatchTable(table)
                ? v : null;
    }

    private static boolean isText(Value v) {
        return v instanceof Value.Str || v instanceof Value.Bytes;
    }

    /** The evaluator of another module of the package with its top level bound, shared; null once spent. */
    private PyEvaluator importedModule(ModuleFiles definer) {
        PyEvaluator other = importedModules.get(definer.path());
        if (other == null && !importedModules.containsKey(definer.path()) && importedModules.size() < MAX_IMPORTED_MODULES) {
            // The budget shared by all imported modules, so that a costly helper module cannot cut
            // this module's analysis short, and modules calling each other stay bounded.
            other = new PyEvaluator(definer.tree(), importBudget, definer, importDepth + 1, importedModules, importBudget);
            importedModules.put(definer.path(), other);
            if (!other.bindTopLevel()) {
                importedModules.put(definer.path(), null);
                other = null;
            }
        }
        return other;
    }

    /**
     * Binds the names a module defines at its top level (imports, functions, classes, assignments
     * of expressions short enough to be constants) without running its other code; false when its
     * budget ran out.
     */
    private boolean bindTopLevel() {
        Frame frame = new Frame(module);
        try {
            for (SyntaxNode s : tree.root().childrenFrom(0)) {
                // Constants (a key, a salt, a name built from pieces); long computations are not run here.
                if (s.is(IMPORT) || s.is(IMPORT_FROM) || s.is(FUNCTION) || s.is(CLASS) || isConstantAssignment(s)
                        || s.is(TRY) && importsOnly(s)) {
                    statement(s, frame);
                }
            }
            return true;
        } catch (Budget.Exceeded | StackOverflowError e) {
            return false;
        } catch (RuntimeException e) {
            return false; // reported by that module's own scan
        }
    }

    /** An assignment of an expression short enough to be a constant (a key, a salt, a name built from pieces). */
    private static boolean isConstantAssignment(SyntaxNode s) {
        return s.is(ASSIGN) && s.childCount() == 2 && s.child(1) != null && s.child(1).end() - s.child(1).start() <= MAX_IMPORTED_EXPRESSION;
    }

    /**
     * A {@code try} that only imports and binds constants ({@code try: import pyperclip as _pc /
     * except ImportError: _pc = None}): the names a module's functions use, bound like its imports.
     */
    private static boolean importsOnly(SyntaxNode tryNode) {
        List<SyntaxNode> blocks = new ArrayList<>();
        blocks.add(tryNode.child(0));
        tryNode.child(1).childrenFrom(0).forEach(handler -> blocks.add(handler.child(1)));
        for (SyntaxNode block : blocks) {
            if (block == null) {
                return false;
            }
            for (SyntaxNode s : block.childrenFrom(0)) {
                if (!(s.is(IMPORT) || s.is(IMPORT_FROM) || s.is(PASS) || isConstantAssignment(s))) {
                    return false;
                }
            }
        }
        return tryNode.child(2) == null && tryNode.child(3) == null;
    }

    /** Code that a function of another module, called from here, ran with exec or eval: see {@link #callImported}. */
    private final List<Value> executedByHelper = new ArrayList<>();

    /**
     * A helper of another module called with nothing worth running it for (no payload, no name of
     * a blob its module holds): what it returns comes from where its body gets it, whatever it was
     * given, as for a function of this module (get_payload() fetching code). Only where code and
     * payloads come from (the network, a download) is carried over: what a helper collects on the
     * way (a folder listed to build a wheel) says nothing of where its result is sent. Null when
     * that is nothing.
     */
    private Value fromSummary(ModuleFiles definer, String name, String path, List<Value> args, Map<String, Value> keywords) {
        boolean network = definer.mentionsNetwork();
        boolean machine = definer.mentionsMachine();
        if (!network && !machine) {
            return null;
        }
        Value.Opaque summary = definer.summary(name, () -> {
            PyEvaluator other = importedModule(definer);
            if (other == null || !(other.module.vars.get(name) instanceof Value.Function f && f.definition() instanceof Def def)) {
                return Value.Opaque.UNKNOWN;
            }
            Value.Opaque whole;
            try {
                whole = other.summary(def);
            } catch (Budget.Exceeded | StackOverflowError e) {
                importedModules.put(definer.path(), null);
                return Value.Opaque.UNKNOWN;
            }
            // What a helper gathers of the machine (a dict of key files it read) is carried when its
            // result is that data, not a tuple or an object whose other parts (a region, a URL) are used.
            boolean gathers = machine && other.wholeResults.contains(def.node());
            Set<String> carried = new LinkedHashSet<>();
            whole.from().stream().filter(s -> network && isFetched(s) || gathers && isCollected(s)).forEach(carried::add);
            return new Value.Opaque(carried, network ? whole.fragments() : List.of());
        });
        if (summary.from().isEmpty() && summary.fragments().isEmpty()) {
            return null;
        }
        Set<String> from = new LinkedHashSet<>(summary.from());
        from.add(path);
        args.forEach(a -> from.addAll(a.from()));
        keywords.values().forEach(v -> from.addAll(v.from()));
        return summary.fragments().isEmpty() ? new Value.Sym(path + "()", from) : new Value.Opaque(from, summary.fragments());
    }

    /** What helpers of other modules did with what this call handed them, recorded at the call. */
    private void helperEffects(SyntaxNode e, Frame frame) {
        for (Value code : executedByHelper) {
            // _runtime.prepare(blob): the helper of another module runs what it was handed, here.
            record(e, "builtins.exec", null, List.of(code), Map.of(), frame, null);
            calledThroughParameters.add(e); // exec reached through a helper, not a builtin hidden by name
            execute("builtins.exec", code, e, site(frame));
        }
        for (PyModel.CallSite c : spawnedByHelper) {
            record(e, c.callee(), null, c.args(), c.keywords(), frame, null); // runner.shell(fetched), report.send(env)
        }
        executedByHelper.clear();
        spawnedByHelper.clear();
    }

    /**
     * Where what a call hands to an instance of another module's class comes from, beyond names of
     * libraries: parameters, attributes, the environment, files, results of calls. The instance's
     * requests that carry any of it are made from here.
     */
    private static Set<String> handed(List<Value> args, Map<String, Value> keywords) {
        return sources(args, keywords, v -> Value.union(v), source -> true);
    }

    /** {@code collected} and the parameters and attributes the arguments carry that hold secrets by their names. */
    private static Set<String> secrets(List<Value> args, Map<String, Value> keywords, Set<String> collected) {
        Set<String> named = sources(args, keywords, v -> Value.union(v), source -> SECRET_NAME.matcher(source).find());
        if (named.isEmpty()) {
            return collected;
        }
        named.addAll(collected);
        return named;
    }

    /** Whether an argument is a value the code decoded (a blob undone by base64, zlib, XOR...). */
    private static boolean decoded(List<Value> args, Map<String, Value> keywords) {
        return args.stream().anyMatch(v -> !v.chain().isEmpty()) || keywords.values().stream().anyMatch(v -> !v.chain().isEmpty());
    }

    /** Names of parameters and attributes that hold secrets (a wallet's mnemonic, an API secret, a token). */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i)^(param|attr):.*(private_?key|secret|token|mnemonic|seed|phrase|passw|credential|cookie|wallet)");

    /**
     * Whether a source is worth following into an instance of another module's class: where code
     * and payloads come from, what is collected from the machine, or a secret by its name.
     */
    private static boolean isSensitive(String source) {
        return isFetched(source) || isCollected(source) || SECRET_NAME.matcher(source).find();
    }

    /** Process calls and sends a function of another module, called from here, made with what it was handed. */
    private final List<PyModel.CallSite> spawnedByHelper = new ArrayList<>();

    /**
     * What the arguments of a call carry of the machine and its secrets: the environment, files
     * read, who and where the machine is. Handed to a helper of another module that sends them,
     * they are sent from here.
     */
    private static Set<String> collected(List<Value> args, Map<String, Value> keywords) {
        return sources(args, keywords, v -> Value.union(v), PyEvaluator::isCollected);
    }

    private static boolean isCollected(String source) {
        // HOST_IDENTITY holds os.environ too.
        return source.startsWith(ENVIRONMENT) || source.startsWith(FILE) || PyBuiltins.HOST_IDENTITY.stream().anyMatch(source::startsWith);
    }

    /** Calls that carry data out over the network. */
    private static boolean sends(String callee) {
        if (callee.contains(".headers.") || callee.contains(".cookies.")) {
            return false; // a session's headers or cookies set: what a later request carries as credentials, not data
        }
        return PyHandoffs.isNetwork(callee) || callee.startsWith("smtplib.") || callee.startsWith("ftplib.")
                || callee.startsWith("socket.") && (callee.contains(".send") || callee.startsWith("socket.gethostbyname")
                        || callee.equals("socket.getaddrinfo"))
                || callee.startsWith("dns.resolver."); // a name looked up carries what is spelled in it
    }

    private static boolean carries(PyModel.CallSite c, Set<String> sources) {
        for (Value v : c.args()) {
            if (Value.union(v).stream().anyMatch(sources::contains)) {
                return true;
            }
        }
        return c.keywords().values().stream().anyMatch(v -> Value.union(v).stream().anyMatch(sources::contains));
    }

    /** The network and download sources the arguments of a call carry. */
    private static Set<String> fetched(List<Value> args, Map<String, Value> keywords) {
        return sources(args, keywords, Value::from, PyEvaluator::isFetched);
    }

    /** The sources of the arguments of a call ({@code of} each value) that {@code keep} keeps. */
    private static Set<String> sources(List<Value> args, Map<String, Value> keywords,
                                       java.util.function.Function<Value, Set<String>> of, java.util.function.Predicate<String> keep) {
        Set<String> out = new LinkedHashSet<>();
        java.util.function.Consumer<Value> add = v -> of.apply(v).stream().filter(keep).forEach(out::add);
        args.forEach(add);
        keywords.values().forEach(add);
        return out;
    }

    /** A call's arguments with {@code first} before them: the instance or class a method is called on. */
    private static List<Value> prepended(Value first, List<Value> rest) {
        List<Value> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** Where code and payloads come from: the network, or a file a download was saved to. */
    private static boolean isFetched(String source) {
        return PyHandoffs.isNetwork(source) || source.equals(DOWNLOADED_FILE);
    }

    /** Whether {@code code} is the known text of one of the arguments a helper was handed. */
    private static boolean handedOver(Value code, List<Value> args, Map<String, Value> keywords) {
        String text = code == null ? null : PyValues.text(code);
        if (text == null || text.isBlank()) {
            return false;
        }
        for (Value a : args) {
            if (text.equals(PyValues.text(a))) {
                return true;
            }
        }
        return keywords.values().stream().anyMatch(v -> text.equals(PyValues.text(v)));
    }

    /** Whether a call was given a value read off an object of another module (see {@link #foreignAttribute}). */
    private boolean readsForeign(PyModel.CallSite c) {
        return !foreignReads.isEmpty() && java.util.stream.Stream.concat(c.args().stream(), c.keywords().values().stream())
                .anyMatch(v -> foreignReads.contains(v) && !(v instanceof Value.Bool || v instanceof Value.None || v instanceof Value.Int));
    }

    /**
     * Whether constant arguments include a URL: {@code Client().request('GET', 'http://…/x')} on a
     * client class of another module is followed for what it fetches, as a helper function is.
     */
    private static boolean givesUrl(List<Value> args, Map<String, Value> keywords) {
        return java.util.stream.Stream.concat(args.stream(), keywords.values().stream())
                .anyMatch(v -> v instanceof Value.Str str && URL_CONSTANT.matcher(str.value()).lookingAt());
    }

    private static final java.util.regex.Pattern URL_CONSTANT = java.util.regex.Pattern.compile("(?i)(https?|ftp)://[^\\s/]");

    /** Arguments that are all known constants (a name, a number), at least one. */
    private static boolean constants(List<Value> args, Map<String, Value> keywords) {
        if (args.isEmpty() && keywords.isEmpty()) {
            return false;
        }
        for (Value v : args) {
            if (!PyValues.isConstant(v)) {
                return false;
            }
        }
        return keywords.values().stream().allMatch(PyValues::isConstant);
    }

    /** Texts a module binds at its top level that are long enough to be an encoded payload. */
    static final int BLOB = 512;
    private Boolean holdsBlob;

    /**
     * Whether this (imported) module binds a long text or bytes at its top level, or in a dict or
     * list there, or one its loading decoded ({@code bytes([3, 71, ...])}, a hex or base64 string
     * undone): a table of hidden strings that its functions pick from.
     */
    private boolean holdsBlob() {
        if (holdsBlob == null) {
            holdsBlob = module.vars.values().stream().anyMatch(v -> isBlob(v)
                    || v instanceof Value.Dict d && d.values().stream().anyMatch(PyEvaluator::isBlob)
                    || v instanceof Value.Seq q && q.items().stream().anyMatch(PyEvaluator::isBlob));
        }
        return holdsBlob;
    }

    private static boolean isBlob(Value v) {
        return v instanceof Value.Str str && (str.value().length() >= BLOB || !str.chain().isEmpty() && str.value().length() >= 16)
                || v instanceof Value.Bytes b && (b.value().length >= BLOB || !b.chain().isEmpty() && b.value().length >= 16);
    }

    /**
     * Whether arguments hold data worth following into another module: a blob or URL (text or
     * bytes of 16 or more), a list of 16 or more items (byte values) or one holding such a text
     * (a blob in pieces), or something decoded. Calls with names, flags and small numbers stay
     * names, which keeps ordinary packages fast.
     */
    private static boolean carriesData(java.util.Collection<Value> args) {
        for (Value v : args) {
            String text = v instanceof Value.Bytes b ? null : PyValues.text(v);
            if (!v.chain().isEmpty() || text != null && text.length() >= 16
                    || v instanceof Value.Bytes b && b.value().length >= 16
                    || v instanceof Value.Seq seq && (seq.items().size() >= 16 || carriesData(seq.items()))) {
                return true; // a blob split into a tuple of pieces too
            }
        }
        return false;
    }

    /**
     * A path in the user's home ({@code os.path.join(os.path.expanduser('~'), '.bash_history')}):
     * a helper of another module handed one reads or writes the user's files, worth following.
     */
    private static boolean isHomePath(Value v) {
        return v instanceof Value.Opaque o && (o.from().contains("os.path.expanduser") || o.from().contains("pathlib.Path.home"))
                && !o.fragments().isEmpty();
    }

    /** A text or bytes value from another module's code, placed at {@code origin} of this one. */
    private static Value placed(Value v, int origin) {
        if (v instanceof Value.Str s) {
            return new Value.Str(s.value(), s.chain(), origin);
        }
        if (v instanceof Value.Bytes b) {
            return new Value.Bytes(b.value(), b.chain(), origin);
        }
        if (v instanceof Value.Seq seq && seq.items().size() <= MAX_MERGED_ITEMS) {
            return new Value.Seq(seq.kind(), seq.items().stream().map(item -> placed(item, origin)).toList());
        }
        if (v instanceof Value.Dict dict && dict.keys().size() <= MAX_MERGED_ITEMS) {
            // load_defaults(): the settings a helper read from the package's data file, each known.
            return new Value.Dict(dict.keys().stream().map(k -> placed(k, origin)).toList(),
                    dict.values().stream().map(x -> placed(x, origin)).toList());
        }
        if (v instanceof Value.Function || v instanceof Value.Method || v instanceof Value.Dict || v instanceof Value.Instance
                || v instanceof Value.Seq) {
            return new Value.Opaque(v.from()); // code or positions of the other module's tree stay there
        }
        return v;
    }

    /**
     * Whether a value handed to a code runner can be source text: text or bytes, a partly known or
     * decoded unknown, or what a call returned or its text ({@code requests.get(u).text}); not a
     * callable to time ({@code resp.json}, a partial, a function).
     */
    private static boolean isSource(Value code) {
        if (code instanceof Value.Str || code instanceof Value.Bytes) {
            return true;
        }
        if (code instanceof Value.Opaque o) {
            return !o.fragments().isEmpty() || !o.chain().isEmpty() || o.from().stream().anyMatch(f -> !isName(f));
        }
        return code instanceof Value.Sym sym && (sym.path().endsWith("()") || sym.path().endsWith(".text")
                || sym.path().endsWith(".content"));
    }

    /** Whether {@code callee} starts a process (subprocess, os.system, os.spawn*, pty.spawn, …). */
    public static boolean startsProcess(String callee) {
        return PyHandoffs.isProcess(callee);
    }

    /** Whether {@code path} is a library call that runs the Python source it is given (see {@link #RUNS_CODE}). */
    public static boolean runsCode(String path) {
        return RUNS_CODE.containsKey(path);
    }

    /**
     * Library calls that run Python source they are given, as exec does, by canonical name: the
     * keyword that names the source when it is not given first.
     */
    private static final Map<String, String> RUNS_CODE = Map.of(
            "timeit.timeit", "stmt", "timeit.repeat", "stmt", "timeit.Timer", "stmt",
            "code.InteractiveInterpreter().runsource", "source", "code.InteractiveInterpreter().runcode", "code",
            "code.InteractiveConsole().runsource", "source", "code.InteractiveConsole().runcode", "code",
            "code.InteractiveConsole().push", "line");

    /** Classes defined in this file, by path, for calls of methods on their instances. */
    private final Map<String, Scope> classScopes = new HashMap<>();
    /** Classes of this file that extend a library class, and that class ({@code Api} → {@code requests.Session}). */
    private final Map<String, String> libraryBases = new HashMap<>();
    /** Each class of the file as a value, by its scope: what a classmethod's {@code cls} is. */
    private final Map<Scope, Value.Function> classValues = new IdentityHashMap<>();
    /**
     * What the methods of a class of this file stored in attribute {@code name} of its instances,
     * for {@code instance.name} read outside them ({@code instance} the path {@code Wallet()}); null
     * when nothing is known.
     */
    private Value instanceField(String instance, String name) {
        String cls = classScopes.isEmpty() ? null : madeBy(instance);
        return cls != null && classScopes.containsKey(cls) ? fields.get(cls + "." + name) : null;
    }

    /** The class an instance path names ({@code Settings} of {@code Settings()}), or null when it is not one. */
    private static String madeBy(String instance) {
        return instance.endsWith("()") && instance.indexOf('(') == instance.length() - 2 ? instance.substring(0, instance.length() - 2) : null;
    }

    /** The method a call on an instance of a class of this file runs ({@code Request().get}), or null. */
    private Def methodOf(String path) {
        int call = classScopes.isEmpty() ? -1 : path.lastIndexOf("().");
        if (call <= 0 || path.indexOf('(') != call || path.indexOf('.', call + 3) >= 0) {
            return null; // not CLASS().method with a plain class path
        }
        Scope cls = classScopes.get(path.substring(0, call));
        return cls != null && cls.vars.get(path.substring(call + 3)) instanceof Value.Function f && f.definition() instanceof Def def
                ? def : null;
    }

    /** The canonical name of what is called, or null when it is not known. */
    static String calleePath(Value callee) {
        if (callee instanceof Value.Sym s) {
            return s.path();
        }
        if (callee instanceof Value.Function f) {
            return f.name();
        }
        if (callee instanceof Value.Method m) {
            Value r = m.receiver();
            if (r instanceof Value.Str) {
                return "builtins.str." + m.name();
            }
            if (r instanceof Value.Bytes) {
                return "builtins.bytes." + m.name();
            }
            if (r instanceof Value.Instance i) {
                return i.type() + "()." + m.name();
            }
            if (r instanceof Value.Seq) {
                return "builtins.list." + m.name();
            }
            if (r instanceof Value.Dict) {
                return "builtins.dict." + m.name();
            }
            if (r instanceof Value.Opaque o && madeByPathlib(o)) {
                return "pathlib.Path()." + m.name();
            }
            if (r instanceof Value.Opaque o && isConnection(o)) {
                return "socket.socket()." + m.name();
            }
        }
        return null;
    }

    /**
     * A connection a server accepted ({@code conn, addr = srv.accept()}), not yet data read from it:
     * {@code conn.recv(4096)} reads from the network like the listening socket's own methods.
     */
    private static boolean isConnection(Value.Opaque o) {
        boolean accepted = false;
        for (String source : o.from()) {
            if (source.equals("socket.AF_UNIX")) {
                return false; // a Unix socket: a local program's control channel, not the network
            }
            if (source.equals("socket.socket().accept") || source.equals("socket.socket().accept()")) {
                accepted = true;
            } else if (source.startsWith("socket.socket().") && !source.startsWith("socket.socket().accept")) {
                return false; // something read or derived from it
            }
        }
        return accepted;
    }

    /**
     * An unknown that pathlib had a hand in (Path.home() / 'Library' / name): its methods are a
     * path's. Broader than {@link PyBuiltins}' test for a path to join onto, which wants the path
     * itself.
     */
    private static boolean madeByPathlib(Value.Opaque o) {
        for (String source : o.from()) {
            if (source.startsWith("pathlib.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Calls a user function by evaluating its body with the arguments bound (inlining). Results are
     * remembered per function and arguments, and inlining is bounded in depth and in count, so
     * functions calling functions cannot blow up.
     */
    Value invoke(Def def, List<Value> args, Map<String, Value> keywords) {
        Set<String> argFrom = Value.union(args.toArray(Value[]::new));
        keywords.values().forEach(v -> argFrom.addAll(v.from()));
        if (structural || inlineDepth >= MAX_INLINE || inlined >= MAX_INLINED_CALLS) {
            Value.Opaque summary = summary(def);
            Set<String> from = new LinkedHashSet<>(summary.from());
            from.addAll(argFrom);
            return new Value.Opaque(from, summary.fragments());
        }
        Map<List<Value>, Value> memo = keywords.isEmpty() ? inlineMemo.computeIfAbsent(new MemoKey(def.node(), def.closure()), k -> new HashMap<>()) : null;
        if (memo != null) {
            Value known = memo.get(args);
            if (known != null) {
                return known;
            }
        }
        inlined++;
        Value result = inline(def, args, keywords, argFrom);
        if (memo != null && memo.size() < 64) {
            memo.put(List.copyOf(args), result);
        }
        return result;
    }

    /**
     * Where a function's result can come from, whatever its arguments: the body run once with
     * unknown parameters. Used when a call can no longer be inlined (depth, count or budget), so
     * that {@code exec(fetch(url))} still knows its argument came from the network.
     */
    private Value.Opaque summary(Def def) {
        Value.Opaque known = summaries.get(def.node());
        if (known != null) {
            return known;
        }
        summaries.put(def.node(), Value.Opaque.UNKNOWN);
        Value result = inline(def, List.of(), null, Set.of());
        if (isWhole(result)) {
            wholeResults.add(def.node());
        }
        // The text it may return stays known piece by piece: the constants a helper picks from.
        List<String> pieces = PyBuiltins.fragments(result);
        Value.Opaque summary = new Value.Opaque(java.util.Collections.unmodifiableSet(Value.union(result)),
                pieces.size() > MAX_SUMMARY_PIECES ? List.of() : pieces);
        summaries.put(def.node(), summary);
        return summary;
    }

    /**
     * Whether a result is one piece of data (text, bytes, a dict or list of what was gathered), so
     * that all it came from is in whatever part of it is used. Not several values to unpack
     * ({@code return url, user, password}) nor an instance of a class of this module
     * ({@code Credentials(key, secret, region)}) or of a type made by a call (a namedtuple), whose
     * parts are used apart.
     */
    private boolean isWhole(Value result) {
        if (result instanceof Value.Seq seq && seq.kind() == Value.Seq.Kind.TUPLE) {
            return false;
        }
        if (result instanceof Value.Sym sym && sym.path().endsWith("()")) {
            String made = sym.path().substring(0, sym.path().length() - 2);
            // Credentials(...) of a class here, or of a type made by a call (namedtuple(...)(...)).
            return !made.endsWith(")") && !(lookup(made, module) instanceof Value.Function f && f.definition() instanceof SyntaxNode);
        }
        return true;
    }

    /** Runs {@code def} on {@code args} and {@code keywords}; null keywords: a call with arguments unknown. */
    private Value inline(Def def, List<Value> args, Map<String, Value> keywords, Set<String> argFrom) {
        Scope scope = new Scope(def.closure(), def.path(), false);
        SyntaxNode params = def.node().child(def.node().is(LAMBDA) ? 0 : 1);
        Map<String, Value> extra = keywords == null ? null : new LinkedHashMap<>(keywords);
        if (keywords == null) {
            keywords = Map.of();
        }
        int position = 0;
        boolean keywordOnly = false;
        for (SyntaxNode p : params.childrenFrom(0)) {
            switch ((PyKind) p.kind()) {
                case PARAM -> {
                    Value v = null;
                    if (extra != null) {
                        extra.remove(p.text());
                    }
                    if (!keywordOnly && position < args.size()) {
                        v = args.get(position++);
                    } else if (keywords.containsKey(p.text())) {
                        v = keywords.get(p.text());
                    } else if (def.defaults().containsKey(p.text())) {
                        v = def.defaults().get(p.text());
                    }
                    scope.vars.put(p.text(), v == null ? Value.Opaque.UNKNOWN : v);
                }
                case VAR_PARAM -> {
                    List<Value> rest = position < args.size() ? args.subList(position, args.size()) : List.of();
                    scope.vars.put(p.text(), new Value.Seq(Value.Seq.Kind.TUPLE, rest));
                    position = args.size();
                    keywordOnly = true;
                }
                case KW_PARAM -> scope.vars.put(p.text(), extra == null ? Value.Opaque.UNKNOWN : new Value.Dict(
                        extra.keySet().stream().map(k -> (Value) Value.Str.of(k)).toList(), List.copyOf(extra.values())));
                case PARAM_MARKER -> keywordOnly |= "*".equals(p.text());
                default -> {
                }
            }
        }
        Frame frame = method(new Frame(scope), def);
        inlineDepth++;
        try {
            if (def.node().is(LAMBDA)) {
                return eval(def.node().child(1), frame);
            }
            body(def.node().child(3), frame);
        } finally {
            inlineDepth--;
        }
        if (frame.generator) {
            // What it yields, however often: a token finder's tokens keep where they were found.
            Set<String> from = new LinkedHashSet<>(argFrom);
            if (frame.yieldedFrom != null) {
                from.addAll(frame.yieldedFrom);
            }
            return new Value.Opaque(from, frame.yieldedPieces == null ? List.of() : frame.yieldedPieces);
        }
        Value returned = frame.returned == null ? Value.None.INSTANCE : frame.returned;
        if (frame.returnedUncertainly && !PyValues.isConstant(returned)) {
            // What the function may return keeps the pieces it is known to hold: a target that
            // switches to expanduser('~') on some days is still the home on those days.
            Set<String> from = new LinkedHashSet<>(returned.from());
            from.addAll(argFrom);
            return returned instanceof Value.Sym ? returned : new Value.Opaque(from, PyBuiltins.fragments(returned));
        }
        return returned;
    }

    /** Notes a value a generator yields (the items of a tuple it yields too). */
    private static void yielded(Value v, Frame frame) {
        if (frame.yieldedFrom == null) {
            frame.yieldedFrom = new LinkedHashSet<>();
            frame.yieldedPieces = new ArrayList<>();
        }
        // Only the first few items of a yielded tuple or list: a generator yielding a million-item
        // list a hundred thousand times must cost no more than yielding a tuple.
        List<Value> parts = v instanceof Value.Seq seq
                ? seq.items().subList(0, Math.min(seq.items().size(), Value.Opaque.MAX_FRAGMENTS)) : List.of(v);
        for (Value part : parts) {
            frame.yieldedFrom.addAll(part.from());
            for (String piece : PyBuiltins.fragments(part)) {
                if (frame.yieldedPieces.size() < Value.Opaque.MAX_FRAGMENTS && !frame.yieldedPieces.contains(piece)) {
                    frame.yieldedPieces.add(piece);
                }
            }
        }
    }

    /** Names that say a file is an archive Python imports from: nothing disguised about these. */
    private static final java.util.regex.Pattern ARCHIVE_NAME = java.util.regex.Pattern.compile("(?i)\\.(zip|egg|whl|pyz|jar)$");

    /** The values called at recorded sites, where they carry sources: see {@link #record}. */
    private final Map<PyModel.CallSite, Value> calledValues = new IdentityHashMap<>();

    void record(SyntaxNode node, String callee, Value receiver, List<Value> args, Map<String, Value> keywords, Frame frame,
                Value result) {
        record(node, callee, receiver, args, keywords, frame, result, null);
    }

    /**
     * @param calleeValue the value called, when it says more than its name: {@code f.write} of a file
     *                    opened at the caller's path is another call than at a parameter's
     */
    private void record(SyntaxNode node, String callee, Value receiver, List<Value> args, Map<String, Value> keywords,
                        Frame frame, Value result, Value calleeValue) {
        if (callee == null || evalDepth > 0) {
            return;
        }
        List<PyModel.CallSite> sites = sitesByNode.computeIfAbsent(node, k -> new ArrayList<>());
        if (sites.size() >= MAX_SITES_PER_NODE) {
            return;
        }
        for (PyModel.CallSite s : sites) {
            if (s.callee().equals(callee) && sameValues(s.args(), args) && java.util.Objects.equals(s.receiver(), receiver)
                    && java.util.Objects.equals(calledValues.get(s), calleeValue) && s.keywords().keySet().equals(keywords.keySet())
                    && sameValues(List.copyOf(s.keywords().values()), s.keywords().keySet().stream().map(keywords::get).toList())) {
                return;
            }
        }
        if (callee.equals(frame.replaces)) {
            // The request handed on to the method the wrapper replaced: what the wrapper is for.
            args = args.stream().map(PyEvaluator::notIntercepted).toList();
            Map<String, Value> handed = new LinkedHashMap<>();
            keywords.forEach((k, v) -> handed.put(k, notIntercepted(v)));
            keywords = handed;
        }
        String scope = site(frame);
        if (frame.optIn > 0) {
            optedIn.add(node);
        }
        PyModel.CallSite site = new PyModel.CallSite(node, callee, receiver, List.copyOf(args), java.util.Collections.unmodifiableMap(new LinkedHashMap<>(keywords)), scope,
                result);
        sites.add(site);
        calls.add(site);
        if (calleeValue != null) {
            calledValues.put(site, calleeValue);
        }
        handoffs.inspect(site);
    }

    /** {@code v} without the sources of an intercepted request. */
    private static Value notIntercepted(Value v) {
        if (v.from().stream().noneMatch(f -> f.startsWith(INTERCEPTED))) {
            return v;
        }
        Set<String> from = new LinkedHashSet<>(v.from());
        from.removeIf(f -> f.startsWith(INTERCEPTED));
        return v instanceof Value.Sym sym ? new Value.Sym(sym.path(), from)
                : new Value.Opaque(from, v instanceof Value.Opaque o ? o.fragments() : List.of());
    }

    /** Where the content of a file at {@code path} came from, if it was written with downloaded data, else null. */
    java.util.Set<String> downloadedInto(Value path) {
        return handoffs.downloadedInto(path);
    }

    /** Where {@link PyHandoffs} puts what a call hands on: decoded commands, new stages, downloads that run. */
    private final PyHandoffs handoffs = new PyHandoffs(new PyHandoffs.Sink() {
        @Override
        public void command(PyModel.CallSite site, Value.Str command) {
            decoded(command, site.node());
            PyModel.CallSite runs = runsInstead(site, command, site.keywords());
            if (runs != null) {
                handoffs.inspect(runs);
            }
        }

        @Override
        public void runsDownload(PyModel.CallSite site, Value path, Set<String> from) {
            Set<String> sources = new LinkedHashSet<>(from);
            sources.add(DOWNLOADED_FILE);
            Value download = new Value.Opaque(sources, PyBuiltins.fragments(path));
            Value command = site.args().isEmpty() ? null : site.args().get(0);
            if (command instanceof Value.Seq argv && argv.items().size() > 1 && PyValues.text(argv.items().get(0)) == null
                    && !(argv.items().get(0) instanceof Value.Sym)) {
                // The download as the program, with the arguments it is started with: [ngrok, 'start',
                // '--none'] (not [java, -jar, download], where the options are the interpreter's).
                List<Value> items = new ArrayList<>(argv.items());
                items.set(0, download);
                download = new Value.Seq(argv.kind(), items);
            }
            runsInstead(site, download, Map.of());
        }

        @Override
        public void runsScript(PyModel.CallSite site, Value path) {
            // The script's text is what runs: its command lines are judged as the call's own.
            String script = builtins.shippedText(path);
            PyModel.CallSite runs = script == null ? null : runsInstead(site, Value.Str.of(script), Map.of());
            if (runs != null) {
                handoffs.inspect(runs);
            }
        }

        @Override
        public void importsDisguisedArchive(PyModel.CallSite site, Value path) {
            String name = PyValues.text(path);
            if (name == null) {
                List<String> pieces = PyBuiltins.fragments(path);
                name = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                int cut = name == null ? -1 : Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
                name = name == null ? null : name.substring(cut + 1); // a bare name, found at the end of a shipped path
            }
            name = name == null ? null : name.replace('\\', '/').replaceAll("/+$", "");
            if (name == null || ARCHIVE_NAME.matcher(name).find() || !files.shipsArchive(name)) {
                return;
            }
            Set<String> from = new LinkedHashSet<>(path.from());
            from.add(DISGUISED_ARCHIVE);
            runsInstead(site, new Value.Opaque(from, PyBuiltins.fragments(path)), Map.of());
        }

        /** Records that {@code site} in effect runs {@code what}: the same call, with that as its argument. */
        private PyModel.CallSite runsInstead(PyModel.CallSite site, Value what, Map<String, Value> keywords) {
            List<PyModel.CallSite> sites = sitesByNode.computeIfAbsent(site.node(), k -> new ArrayList<>());
            if (sites.size() >= MAX_SITES_PER_NODE) {
                return null;
            }
            PyModel.CallSite runs = new PyModel.CallSite(site.node(), site.callee(), null, List.of(what), keywords,
                    site.scope(), site.result());
            sites.add(runs);
            calls.add(runs);
            return runs;
        }

        @Override
        public void stage(PyModel.CallSite site, String code, dev.chainhunt.model.Language language, Value from, String via) {
            int origin = from.origin() >= 0 ? from.origin() : site.node().start();
            addStage(code, language, origin, PyValues.append(from.chain(), language.id()), via, site.scope());
        }
    });

    private static boolean sameValues(List<Value> a, List<Value> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Value x = a.get(i);
            Value y = b.get(i);
            if (!(x == y || Boolean.TRUE.equals(PyValues.equal(x, y)) || (!PyValues.isConstant(x) && x.equals(y)))) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code eval} of a known string, as obfuscators use it ({@code eval("eval")},
     * {@code eval(compile("__import__('base64')", "", "eval"))}): the expression is evaluated here,
     * in the caller's frame, so the names and values it yields are known. Nothing inside is
     * recorded: the string is also a stage of its own, where its calls are reported in place.
     */
    private Value evalConstant(String text, Frame frame) {
        if (evalDepth >= MAX_EVAL_DEPTH || text.length() > MAX_EVAL_TEXT) {
            return null;
        }
        SyntaxNode expression = expressions.computeIfAbsent(text, t -> {
            SyntaxTree tree = dev.chainhunt.lang.python.PyParser.parse(t);
            List<SyntaxNode> statements = tree.root().childrenFrom(0);
            return tree.errors().isEmpty() && statements.size() == 1 && statements.get(0).is(EXPR)
                    ? statements.get(0).child(0) : NOT_AN_EXPRESSION;
        });
        if (expression == NOT_AN_EXPRESSION) {
            return null;
        }
        evalDepth++;
        try {
            return eval(expression, frame);
        } finally {
            evalDepth--;
        }
    }

    /** Code handed to exec/eval/compile: a stage of its own when its text is known. */
    private void execute(String via, Value code, SyntaxNode at, String scope) {
        String text = PyValues.text(code);
        if (evalDepth > 0) {
            return;
        }
        if (text == null || text.isBlank()) {
            return;
        }
        int origin = code.origin() >= 0 ? code.origin() : at.start();
        addStage(text, dev.chainhunt.model.Language.PYTHON, origin, PyValues.append(code.chain(), "python"), via, scope);
    }

    void addStage(String text, dev.chainhunt.model.Language language, int origin, List<String> chain, String via,
                  String scope) {
        if (stagedTexts.add(text)) {
            stages.add(new PyModel.Stage(text, language, origin, List.copyOf(chain), via, scope));
        }
    }

    /** Records a value that a decoding step produced. */
    void decoded(Value v, SyntaxNode at) {
        if (decoded.size() < MAX_DECODED && !v.chain().isEmpty()) {
            decoded.add(new PyModel.Decoded(v, v.chain(), v.origin() >= 0 ? v.origin() : at.start(), at));
        }
    }

    /** Decoded values that hold code but were not executed (written to a file, passed to a shell). */
    private void stageDecodedCode() {
        for (PyModel.Decoded d : decoded) {
            String text = d.text();
            if (text == null || stagedTexts.contains(text)) {
                continue;
            }
            dev.chainhunt.model.Language language = CodeSniffer.languageOf(text);
            if (language != null) {
                addStage(text, language, d.origin(), PyValues.append(d.chain(), language.id()), null, null);
            }
        }
        // A module-level string that is base64 of code, assembled but never decoded here (the loader
        // may be elsewhere, or cut off): its code is a stage all the same.
        Set<Value> handedOn = null;
        for (Value v : module.vars.values()) {
            if (!(v instanceof Value.Str s) || s.value().length() < MIN_EMBEDDED) {
                continue;
            }
            if (handedOn == null) {
                handedOn = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
                for (PyModel.CallSite site : calls) {
                    handedOn.addAll(site.args()); // a blob the code decodes itself is a stage already
                }
            }
            if (!handedOn.contains(s) && BASE64_TEXT.matcher(s.value()).matches()) {
                byte[] bytes = dev.chainhunt.deobf.Base64Codec.b64decode(s.value());
                String text = bytes == null ? null : PyValues.utf8OrLatin1(bytes);
                dev.chainhunt.model.Language language = text == null ? null : CodeSniffer.languageOf(text);
                if (language != null) {
                    addStage(text, language, Math.max(s.origin(), 0), PyValues.append(PyValues.append(s.chain(), "base64"),
                            language.id()), "base64 text never decoded", NEVER_RUN);
                }
            }
        }
    }

    /** The scope of code nothing here runs: it has no trigger, wherever it sits. */
    static final String NEVER_RUN = "<never run>";
    /** The shortest module-level base64 string tried as embedded code. */
    static final int MIN_EMBEDDED = 256;
    private static final java.util.regex.Pattern BASE64_TEXT = java.util.regex.Pattern.compile("[A-Za-z0-9+/\\s]+={0,2}\\s*");

    /** The builtins, for PyBuiltins' higher-order functions (map, sorted with key, ...). */
    Value callValue(Value callee, List<Value> args, SyntaxNode at, Frame frame) {
        Bound bound = unbind(callee, args, Map.of());
        callee = bound.callee();
        args = bound.args();
        Map<String, Value> keywords = bound.keywords();
        Value got = builtins.got(callee, args);
        if (got != null) {
            return got; // map(attrgetter('name'), items)
        }
        if (callee instanceof Value.Function f && f.definition() instanceof Def def) {
            return invoke(def, args, keywords);
        }
        String path = calleePath(callee);
        Value result = builtins.call(callee, path, args, keywords, at, frame);
        if (callee instanceof Value.Sym && path != null && (!path.startsWith("builtins.") || CALLED_BY_NAME.contains(path))) {
            // map(os.system, cmds), reduce(getattr, names, os): a library function called here.
            record(at, path, null, args, keywords, frame, result);
            if (RUNS_SOURCE.contains(path) && !args.isEmpty()) {
                execute(path, args.get(0), at, site(frame));
            }
        }
        return result;
    }

    /** Builtins that matter as calls when a function is handed them by value (map(exec, codes)). */
    private static final Set<String> RUNS_SOURCE = Set.of("builtins.exec", "builtins.eval", "builtins.compile", "builtins.execfile");
    private static final Set<String> CALLED_BY_NAME = Set.of("builtins.exec", "builtins.eval", "builtins.compile",
            "builtins.execfile", "builtins.__import__", "builtins.open", "builtins.getattr", "builtins.setattr");

    /** A callee with the arguments and keywords it will get once what was bound to it is added. */
    record Bound(Value callee, List<Value> args, Map<String, Value> keywords) {
    }

    /**
     * What calling a bound callable calls: {@code functools.partial(f, a, k=v)(b)} is
     * {@code f(a, b, k=v)}; {@code operator.methodcaller('system', cmd)(os)} is
     * {@code os.system(cmd)}, and a {@code '__call__'} method caller calls its argument. Keywords of
     * the call override bound ones, as in Python.
     */
    Bound unbind(Value callee, List<Value> args, Map<String, Value> keywords) {
        for (int depth = 0; depth < 8 && callee instanceof Value.Instance bound && bound.state().size() >= 2
                && bound.state().get(1) instanceof Value.Dict boundKeywords; depth++) {
            List<Value> state = bound.state();
            Map<String, Value> merged = new LinkedHashMap<>();
            for (int i = 0; i < boundKeywords.keys().size(); i++) {
                merged.put(PyValues.text(boundKeywords.keys().get(i)), boundKeywords.values().get(i));
            }
            if (bound.type().equals("functools.partial")) {
                List<Value> given = new ArrayList<>(state.subList(2, state.size()));
                given.addAll(args);
                callee = state.get(0);
                args = given;
            } else if (bound.type().equals("operator.methodcaller") && !args.isEmpty() && PyValues.text(state.get(0)) != null) {
                String name = PyValues.text(state.get(0));
                callee = name.equals("__call__") ? args.get(0) : attribute(args.get(0), name);
                args = new ArrayList<>(state.subList(2, state.size()));
            } else {
                break;
            }
            merged.putAll(keywords);
            keywords = merged;
        }
        return new Bound(callee, args, keywords);
    }

    void recordImport(String module) {
        imports.add(module);
    }

    Scope moduleScope() {
        return module;
    }

    /** For tests and inspect: a literal's text. */
    static String literal(SyntaxNode n) {
        return n.value() instanceof PyString s ? s.value() : null;
    }

    static boolean isNumberToken(Object v) {
        return v instanceof BigInteger || v instanceof Double || v instanceof PyLexer.Imaginary;
    }
}
