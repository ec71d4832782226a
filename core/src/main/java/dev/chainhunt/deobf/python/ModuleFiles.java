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
public record ModuleFiles(String path, Map<String, byte[]> files, Map<String, Map<String, String>> constants,
                          java.util.function.Function<String, String> modules) {

    /** A module with no package around it (a decoded stage without a file, a test snippet). */
    public static final ModuleFiles NONE = new ModuleFiles(null, Map.of(), new java.util.HashMap<>(), m -> null);

    /**
     * @param constants a cache shared by the modules of one target: each module's string constants
     * @param modules   the file of the target this module gets by importing a module as written
     *                  (relative or absolute), or null
     */
    public ModuleFiles {
        constants = constants == null ? new java.util.HashMap<>() : constants;
        modules = modules == null ? m -> null : modules;
    }

    public ModuleFiles(String path, Map<String, byte[]> files) {
        this(path, files, new java.util.HashMap<>(), m -> null);
    }

    /**
     * A string constant that another module of the package defines at module level
     * ({@code SPEEDUPS = "aW1w…"} in {@code _const.py}), for {@code from ._const import SPEEDUPS}:
     * {@code module} as the import writes it, relative or absolute. Null when it is not one.
     */
    String constant(String module, String name) {
        String file = path == null || module == null ? null : modules.apply(module);
        if (file == null) {
            return null;
        }
        byte[] bytes = files.get(file);
        if (bytes == null || !mayAssign(bytes, name)) {
            return null; // most imported names are functions and classes: no need to parse the module
        }
        Map<String, String> defined = constants.computeIfAbsent(file, f -> stringConstants(files.get(f)));
        return defined.get(name);
    }

    /** Whether a line of the file starts with {@code name =}: a cheap test before parsing it. */
    private static boolean mayAssign(byte[] bytes, String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        outer:
        for (int i = 0; i + n.length < bytes.length; i++) {
            if (i > 0 && bytes[i - 1] != '\n') {
                continue;
            }
            for (int k = 0; k < n.length; k++) {
                if (bytes[i + k] != n[k]) {
                    continue outer;
                }
            }
            int j = i + n.length;
            while (j < bytes.length && (bytes[j] == ' ' || bytes[j] == '\t')) {
                j++;
            }
            if (j < bytes.length && bytes[j] == '=' && (j + 1 >= bytes.length || bytes[j + 1] != '=')) {
                return true;
            }
        }
        return false;
    }

    /** Module-level {@code NAME = 'literal'} assignments of a Python file, read with our own parser. */
    private static Map<String, String> stringConstants(byte[] bytes) {
        Map<String, String> out = new java.util.HashMap<>();
        if (bytes == null) {
            return out;
        }
        SyntaxTree tree = Parsers.parse(Language.PYTHON,
                Parsers.decode(Language.PYTHON, bytes).text());
        for (SyntaxNode s : tree.root().childrenFrom(0)) {
            if (s.is(PyKind.ASSIGN) && s.childCount() == 2
                    && s.child(0) != null && s.child(0).is(PyKind.NAME)
                    && s.child(1) != null && s.child(1).is(PyKind.STRING)
                    && s.child(1).value() instanceof PyString literal && !literal.isBytes()) {
                out.put(s.child(0).text(), literal.value());
            }
        }
        return out;
    }

    /** {@code __file__}: the module's path as an absolute path rooted at the target. */
    String file() {
        return path == null ? null : "/" + path;
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
