package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.model.Language;

import java.util.List;
import java.util.Map;

/**
 * What the partial evaluator learned about one Python file: every call with its canonical callee
 * and argument values, every value it decoded, the code those values turned out to hold, the
 * classes and the imports. This is what rules query.
 *
 * @param tree    the parsed file
 * @param calls   call sites in evaluation order (a site inside a function called with several
 *                argument sets appears once per distinct set)
 * @param decoded constants produced by a decoding step, with their decode chain
 * @param stages  decoded code to be analysed as a file of its own
 * @param classes classes defined in the file, with their bases' canonical names
 * @param imports modules imported, statically or dynamically ({@code __import__}, {@code importlib})
 * @param importSites import statements as written (relative ones with their dots) and the scope
 *                    they run in, so the package's own modules can be followed
 * @param literals every string literal of the file, in order
 * @param calledThroughParameters calls of a function handed in as a parameter
 * @param optedIn calls that run only when the user sets a build option ({@code if STATIC_DEPS:})
 * @param registries module-level containers of callables that one function fills and another calls
 * @param stopped why evaluation stopped early (a budget), or null
 */
public record PyModel(
        SyntaxTree tree,
        List<CallSite> calls,
        List<Decoded> decoded,
        List<Stage> stages,
        List<ClassInfo> classes,
        List<String> imports,
        List<ImportSite> importSites,
        List<Literal> literals,
        java.util.Set<SyntaxNode> calledThroughParameters,
        java.util.Set<SyntaxNode> optedIn,
        List<Registry> registries,
        String stopped) {

    /**
     * What deciding which scopes run on their own needs of this model, and no more: the calls
     * (those behind a build option left out) with functions, names and constants as arguments,
     * the imports and the classes. A full model holds the evaluator's scopes through the functions
     * in its values; this one can be kept for every file of a large target.
     */
    public PyModel reachOnly() {
        List<CallSite> kept = new java.util.ArrayList<>();
        for (CallSite site : calls) {
            if (!optedIn.contains(site.node())) {
                Map<String, Value> keywords = new java.util.LinkedHashMap<>();
                site.keywords().forEach((k, v) -> keywords.put(k, bare(v, 0)));
                kept.add(new CallSite(null, site.callee(), bare(site.receiver(), 0),
                        site.args().stream().map(v -> bare(v, 0)).toList(), keywords, site.scope(), null));
            }
        }
        List<ClassInfo> bareClasses = classes.stream().map(k -> new ClassInfo(k.name(), k.bases(), k.methods(), null)).toList();
        return new PyModel(null, kept, List.of(), List.of(), bareClasses, List.of(), importSites, List.of(), java.util.Set.of(),
                java.util.Set.of(), registries, stopped);
    }

    /** A value with what reach reads of it: a function's name, a name, a string, and containers of those. */
    private static Value bare(Value v, int depth) {
        if (v instanceof Value.Function f) {
            return new Value.Function(f.name(), null, null);
        }
        if (v == null || v instanceof Value.Sym || v instanceof Value.Str) {
            return v;
        }
        if (depth < 4 && v instanceof Value.Seq seq) {
            return new Value.Seq(seq.kind(), seq.items().stream().map(x -> bare(x, depth + 1)).toList());
        }
        if (depth < 4 && v instanceof Value.Dict d) {
            return new Value.Dict(d.keys().stream().map(x -> bare(x, depth + 1)).toList(),
                    d.values().stream().map(x -> bare(x, depth + 1)).toList());
        }
        return Value.None.INSTANCE;
    }

    /** A string or bytes literal: where it starts and its text (bytes as one char per byte). */
    public record Literal(int offset, String text, String[] lower) {

        public Literal(int offset, String text) {
            this(offset, text, new String[1]);
        }

        /** The first 64 KiB of the text in lower case, computed once and shared by all text rules. */
        public String lowerWindow() {
            if (lower[0] == null) {
                lower[0] = (text.length() <= 1 << 16 ? text : text.substring(0, 1 << 16)).toLowerCase(java.util.Locale.ROOT);
            }
            return lower[0];
        }
    }

    /**
     * One call: the CALL node (or EXEC statement), the callee's canonical path
     * ({@code builtins.exec}, {@code requests.get}, {@code subprocess.Popen}, a user function's
     * name), the receiver of a method of a constant or known object ({@code "".join}, a Fernet
     * cipher; else null), the argument values, the enclosing scope ({@code <module>},
     * {@code CustomInstall.run}) and what the call evaluated to.
     */
    public record CallSite(SyntaxNode node, String callee, Value receiver, List<Value> args, Map<String, Value> keywords,
                           String scope, Value result) {

        /** Positional argument {@code i}, or the keyword argument {@code name}, or null. */
        public Value arg(int i, String name) {
            if (i >= 0 && i < args.size()) {
                return args.get(i);
            }
            return name == null ? null : keywords.get(name);
        }

        /**
         * What a process call runs, as one value: its first argument, or for calls that take the
         * program and its arguments apart the program followed by the arguments after argv[0]
         * ({@code create_subprocess_exec(prog, *args)}, {@code os.execl(path, arg0, *args)},
         * {@code os.spawnv(mode, path, argv)}, {@code os.posix_spawn(path, argv, env)}). Null when
         * there is no argument.
         */
        public Value commandLine() {
            if (callee.equals("asyncio.create_subprocess_exec")) {
                return args.isEmpty() ? null : new Value.Seq(Value.Seq.Kind.LIST, args);
            }
            String family = callee.startsWith("os.exec") ? "os.exec" : callee.startsWith("os.spawn") ? "os.spawn"
                    : callee.startsWith("os.posix_spawn") ? "os.posix_spawn" : null;
            if (family == null) {
                return arg(0, "args");
            }
            int program = family.equals("os.spawn") ? 1 : 0; // spawn* take the mode first
            if (program >= args.size()) {
                return null;
            }
            // The v forms and posix_spawn take argv as a list, the l forms as further arguments; argv[0]
            // only names the program, which the path already says.
            boolean vector = family.equals("os.posix_spawn") || callee.length() > family.length() && callee.charAt(family.length()) == 'v';
            List<Value> argv = new java.util.ArrayList<>(List.of(args.get(program)));
            if (vector && program + 1 < args.size()) {
                argv.addAll(args.get(program + 1) instanceof Value.Seq given
                        ? given.items().subList(Math.min(1, given.items().size()), given.items().size()) : List.of(args.get(program + 1)));
            } else if (!vector) {
                argv.addAll(args.subList(Math.min(program + 2, args.size()), args.size()));
            }
            return new Value.Seq(Value.Seq.Kind.LIST, argv);
        }
    }

    /** A value produced by decoding ({@code base64 → zlib}), the literal it came from, and where it was computed. */
    public record Decoded(Value value, List<String> chain, int origin, SyntaxNode at) {

        /** The decoded text (bytes as UTF-8 where valid, else one char per byte). */
        public String text() {
            return PyValues.text(value);
        }
    }

    /**
     * Code recovered from a decoded or executed value: its text, language, the offset of the
     * literal it came from (or of the executing call), the chain ({@code base64 → zlib → python})
     * and how it was used ({@code builtins.exec}, or null when only decoded), and the scope that
     * used it ({@code CustomInstall.run}; null when only decoded).
     */
    public record Stage(String text, Language language, int origin, List<String> chain, String via, String scope) {
    }

    /**
     * A module an import statement loads ({@code pkg.core}, {@code .util}, {@code ..base}; for
     * {@code from X import n} both X and X.n, since n may be a submodule) and the scope it ran in.
     */
    /**
     * A module-level container of callables: the functions that put a parameter in it (a
     * registering decorator) and the scopes that call its items (see {@link Registries}).
     */
    public record Registry(String container, List<String> registrars, List<String> runners) {
    }

    public record ImportSite(String module, String scope) {
    }

    /** A class: its name, the canonical names of its bases, its methods. */
    public record ClassInfo(String name, List<String> bases, List<String> methods, SyntaxNode node) {
    }
}
