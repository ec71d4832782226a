package dev.chainhunt.deobf.python;

import dev.chainhunt.archive.EntryPaths;
import dev.chainhunt.lang.Parsers;
import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.lang.python.PyKind;
import dev.chainhunt.lang.python.PyString;
import dev.chainhunt.model.Language;

import java.util.Map;

/**
 * The module being evaluated and the text files shipped beside it, so that code reading its own
 * package ({@code open(os.path.join(os.path.dirname(__file__), 'data.bin')).read()}) reads what the
 * package really holds. Nothing outside the scanned target is ever read.
 *
 * @param path  the module's normalised path inside the target ({@code pkg-1.0/pkg/__init__.py})
 * @param files the target's text files by normalised path
 */
public record ModuleFiles(String path, Map<String, byte[]> files, Cache cache,
                          java.util.function.BiFunction<String, String, String> modules) {

    /** A module with no package around it (a decoded stage without a file, a test snippet). */
    public static final ModuleFiles NONE = new ModuleFiles(null, Map.of(), new Cache(), (importer, m) -> null);

    /**
     * What the modules of one target share: the names other modules define at the start of a line,
     * the trees of modules read because another module imports a name from them, and their
     * top-level string constants.
     */
    public static final class Cache {
        private final Map<String, TopNames> names = new java.util.HashMap<>();
        private final Map<String, SyntaxTree> trees = new java.util.HashMap<>();
        private final Map<String, Map<String, String>> constants = new java.util.HashMap<>();
        /** The archives shipped inside the target (whatever their names), by path. */
        private java.util.Set<String> archives;
        /** Whether a module's text names a network client at all, by path. */
        private final Map<String, Boolean> networked = new java.util.HashMap<>();
        /** Whether a module's text reaches into the machine (environment, home, host names), by path. */
        private final Map<String, Boolean> machine = new java.util.HashMap<>();
        /** Whether a module's text defines a {@code __new__} at all, by path. */
        private final Map<String, Boolean> allocators = new java.util.HashMap<>();
        /** What functions of the target's modules return whatever they are given, by module path and name. */
        private final Map<String, dev.chainhunt.deobf.Value.Opaque> summaries = new java.util.HashMap<>();
    }

    private static final java.util.regex.Pattern NETWORK_WORDS = java.util.regex.Pattern.compile(
            "urllib|requests|http|socket|\\.recv|download|pycurl|websocket|ftplib|paramiko");

    /**
     * Whether this module's text names a network client or a download at all: only then can what
     * its functions return come from the network (a cheap test before evaluating them).
     */
    boolean mentionsNetwork() {
        return cache.networked.computeIfAbsent(path, p -> {
            byte[] bytes = files.get(p);
            return bytes != null && NETWORK_WORDS.matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).find();
        });
    }

    /**
     * Whether this module's text reaches into the machine at all: its environment, the home folder,
     * who and where it is. Only then can what one of its functions returns carry any of it.
     */
    boolean mentionsMachine() {
        return cache.machine.computeIfAbsent(path, p -> {
            byte[] bytes = files.get(p);
            return bytes != null && MACHINE_WORDS.matcher(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1)).find();
        });
    }

    private static final java.util.regex.Pattern MACHINE_WORDS = java.util.regex.Pattern.compile(
            "environ|getenv|expanduser|home\\(|APPDATA|LOCALAPPDATA|gethostname|getuser|getlogin|getnode|platform\\.|uname");

    /** Whether this module's text defines a {@code __new__} method anywhere (cheap, before evaluating it). */
    boolean definesNew() {
        return cache.allocators.computeIfAbsent(path, p -> {
            byte[] bytes = files.get(p);
            return bytes != null && new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("def __new__");
        });
    }

    /**
     * What function {@code name} of this module returns whatever it is given (see
     * PyEvaluator#callImported), computed once per target whichever module calls it.
     */
    dev.chainhunt.deobf.Value.Opaque summary(String name, java.util.function.Supplier<dev.chainhunt.deobf.Value.Opaque> compute) {
        String key = path + "#" + name;
        dev.chainhunt.deobf.Value.Opaque known = cache.summaries.get(key);
        if (known == null) {
            known = compute.get();
            cache.summaries.put(key, known);
        }
        return known;
    }

    /**
     * The names a file assigns ({@code NAME =}) and defines ({@code def name(}, {@code class Name(}
     * or {@code class Name:}) at the start of a line.
     */
    private record TopNames(java.util.Set<String> assigned, java.util.Set<String> defined, java.util.Set<String> classes) {
    }

    /**
     * @param cache   shared by the modules of one target
     * @param modules the file of the target that a module (first argument) gets by importing a
     *                module as written (second, relative or absolute), or null
     */
    public ModuleFiles {
        cache = cache == null ? new Cache() : cache;
        modules = modules == null ? (importer, m) -> null : modules;
    }

    public ModuleFiles(String path, Map<String, byte[]> files) {
        this(path, files, new Cache(), (importer, m) -> null);
    }

    /**
     * A string constant that another module of the package defines at module level
     * ({@code SPEEDUPS = "aW1w…"} in {@code _const.py}), for {@code from ._const import SPEEDUPS}:
     * {@code module} as the import writes it, relative or absolute. Null when it is not one.
     */
    String constant(String module, String name) {
        String file = imported(module);
        if (file == null || !topNames(file).assigned().contains(name)) {
            return null; // most imported names are functions and classes: no need to parse the module
        }
        return cache.constants.computeIfAbsent(file, f -> {
            // One pass over the module for all its top-level string constants (the last
            // assignment of a name wins; one that is not a literal makes it unknown).
            Map<String, String> constants = new java.util.HashMap<>();
            for (SyntaxNode s : tree(f).root().childrenFrom(0)) {
                if (s.is(PyKind.ASSIGN) && s.childCount() == 2 && s.child(0) != null && s.child(0).is(PyKind.NAME)) {
                    constants.put(s.child(0).text(), literal(s.child(1)));
                }
            }
            return constants;
        }).get(name);
    }

    /** The text of a string literal, or of adjacent ones ({@code ("a" "b")}); null for anything else. */
    private static String literal(SyntaxNode n) {
        if (n != null && n.is(PyKind.STRING) && n.value() instanceof PyString literal && !literal.isBytes()) {
            return literal.value();
        }
        if (n == null || !n.is(PyKind.CONCAT)) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (SyntaxNode part : n.childrenFrom(0)) {
            String piece = literal(part);
            if (piece == null || part.is(PyKind.CONCAT)) {
                return null;
            }
            sb.append(piece);
        }
        return sb.toString();
    }

    /**
     * The module of the package, {@code module} as this one imports it, when it defines a function
     * or class {@code name} at its top level ({@code def unpack(s):} in {@code _codec.py}); null otherwise.
     * Only the package's own modules count: relative imports, or absolute ones under a folder this
     * module sits in.
     */
    ModuleFiles definer(String module, String name) {
        return sibling(module, names -> names.defined().contains(name));
    }

    /** Whether this module defines a class {@code name} at the start of a line ({@code class Registry:}). */
    boolean definesClass(String name) {
        return topNames(path).classes().contains(name);
    }

    /**
     * The module of the package, {@code module} as this one imports it, when it assigns {@code name}
     * at its top level ({@code MOD = "".join(reversed(parts))}): its value is computed by evaluating
     * that module. Null otherwise; the same package rule as {@link #definer}.
     */
    ModuleFiles computer(String module, String name) {
        return sibling(module, names -> names.assigned().contains(name));
    }

    private ModuleFiles sibling(String module, java.util.function.Predicate<TopNames> has) {
        // Not top-level modules beside setup.py (setupbase, buildlibxml): build helpers whose release
        // chores and opt-in downloads would read as install-time code.
        if (path == null || module == null || !(module.startsWith(".") || ("/" + path).contains("/" + topName(module) + "/"))) {
            return null;
        }
        String file = imported(module);
        return file != null && !file.equals(path) && has.test(topNames(file)) ? new ModuleFiles(file, files, cache, modules) : null;
    }

    /** This module's syntax tree, parsed once per target. */
    SyntaxTree tree() {
        return tree(path);
    }

    private SyntaxTree tree(String file) {
        return cache.trees.computeIfAbsent(file, f -> Parsers.parse(Language.PYTHON,
                Parsers.decode(Language.PYTHON, files.getOrDefault(f, new byte[0])).text()));
    }

    private String imported(String module) {
        return path == null || module == null ? null : modules.apply(path, module);
    }

    private static String topName(String module) {
        int dot = module.indexOf('.');
        return dot < 0 ? module : module.substring(0, dot);
    }

    private TopNames topNames(String file) {
        return cache.names.computeIfAbsent(file, f -> lineStarts(files.get(f)));
    }

    /**
     * One pass over a file for the names that lines start with, followed by {@code =} (not
     * {@code ==}), or after {@code def} or {@code class}, by {@code (} (or {@code :} after a class
     * name): a cheap test before parsing the module.
     */
    private static TopNames lineStarts(byte[] bytes) {
        java.util.Set<String> assigned = new java.util.HashSet<>();
        java.util.Set<String> defined = new java.util.HashSet<>();
        java.util.Set<String> classes = new java.util.HashSet<>();
        int n = bytes == null ? 0 : bytes.length;
        for (int i = 0; i < n; i++) {
            if (i > 0 && bytes[i - 1] != '\n') {
                continue;
            }
            int end = identifier(bytes, i);
            if (end == i) {
                continue;
            }
            int j = spaces(bytes, end);
            if (j < n && bytes[j] == '=' && (j + 1 >= n || bytes[j + 1] != '=')) {
                assigned.add(new String(bytes, i, end - i, java.nio.charset.StandardCharsets.UTF_8));
            } else if (j > end && (keyword(bytes, i, end, "def") || keyword(bytes, i, end, "class"))) {
                int nameEnd = identifier(bytes, j);
                int k = spaces(bytes, nameEnd);
                if (nameEnd > j && k < n && (bytes[k] == '(' || bytes[k] == ':' && bytes[i] == 'c')) {
                    String name = new String(bytes, j, nameEnd - j, java.nio.charset.StandardCharsets.UTF_8);
                    defined.add(name);
                    if (bytes[i] == 'c') {
                        classes.add(name);
                    }
                }
            }
        }
        return new TopNames(assigned, defined, classes);
    }

    private static boolean keyword(byte[] bytes, int start, int end, String word) {
        if (end - start != word.length()) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (bytes[start + i] != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The end of a Python identifier starting at {@code i} (non-ASCII bytes count as letters). */
    private static int identifier(byte[] bytes, int i) {
        int j = i;
        while (j < bytes.length && (Character.isLetterOrDigit(bytes[j]) || bytes[j] == '_' || bytes[j] < 0)) {
            j++;
        }
        return j > i && bytes[i] >= '0' && bytes[i] <= '9' ? i : j;
    }

    private static int spaces(byte[] bytes, int i) {
        int j = i;
        while (j < bytes.length && (bytes[j] == ' ' || bytes[j] == '\t')) {
            j++;
        }
        return j;
    }

    /**
     * {@code __name__} of a module of a package: its dotted name from the top-most folder of the
     * package ({@code pkg/sub/mod.py} under {@code pkg/__init__.py} and {@code pkg/sub/__init__.py}
     * is {@code pkg.sub.mod}). Null for a module outside a package, such as setup.py, which may run
     * as {@code __main__}.
     */
    String moduleName() {
        if (path == null || !path.endsWith(".py")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        String stem = path.substring(slash + 1, path.length() - 3);
        java.util.Deque<String> parts = new java.util.ArrayDeque<>();
        if (!stem.equals("__init__")) {
            parts.push(stem);
        }
        String dir = slash < 0 ? null : path.substring(0, slash);
        while (dir != null && files.containsKey(dir + "/__init__.py") && parts.size() < 64) {
            int up = dir.lastIndexOf('/');
            parts.push(dir.substring(up + 1));
            dir = up < 0 ? null : dir.substring(0, up);
        }
        boolean inPackage = slash >= 0 && files.containsKey(path.substring(0, slash) + "/__init__.py");
        return inPackage && !parts.isEmpty() ? String.join(".", parts) : null;
    }

    /** This module's own source text, or null: what {@code inspect.getsource} of the module gives. */
    String ownText() {
        byte[] bytes = path == null ? null : files.get(path);
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code __file__}: the module's path as an absolute path rooted at the target. */
    String file() {
        return path == null ? null : "/" + path;
    }

    /**
     * Whether {@code absolute} (rooted at the target, or a bare file name, matched at the end of a
     * path) names an archive the target ships: a file the reader opened as a zip or tar, which
     * zipimport reads modules from when it is put on the import path, whatever it is called.
     */
    boolean shipsArchive(String absolute) {
        if (absolute == null || absolute.isEmpty()) {
            return false;
        }
        if (cache.archives == null) {
            java.util.Set<String> archives = new java.util.HashSet<>();
            for (String file : files.keySet()) {
                int bang = file.indexOf("!/");
                if (bang > 0) {
                    archives.add(file.substring(0, bang));
                }
            }
            cache.archives = archives;
        }
        if (!absolute.startsWith("/")) {
            return cache.archives.stream().anyMatch(a -> a.equals(absolute) || a.endsWith("/" + absolute));
        }
        EntryPaths.Normalised path = EntryPaths.normalise(absolute.substring(1));
        return !path.escapes() && cache.archives.contains(path.path());
    }

    /** The bytes of a shipped file (other than the module itself) named by an absolute path rooted at the target, or null. */
    byte[] read(String absolute) {
        if (absolute == null || !absolute.startsWith("/")) {
            return null;
        }
        EntryPaths.Normalised path = EntryPaths.normalise(absolute.substring(1));
        // A module reading its own source inspects or rewrites itself; that text is already analysed.
        return path.escapes() || path.path().equals(this.path) ? null : files.get(path.path());
    }
}
