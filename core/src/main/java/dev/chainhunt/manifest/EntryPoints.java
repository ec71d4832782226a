package dev.chainhunt.manifest;

import dev.chainhunt.deobf.Value;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.deobf.python.PyValues;
import dev.chainhunt.model.FileRole;
import dev.chainhunt.model.Trigger;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What runs on its own in one target, and when. pip runs the top-level setup.py and the command
 * classes pip itself invokes (install, develop, egg_info, build_py, …, or any class registered under
 * those names in {@code cmdclass}); Python runs .pth files at start-up and a package's
 * {@code __init__.py} on import. Whatever that code calls in the same file, and the package's own
 * modules it imports, run then too. A function nobody calls, or a custom command such as
 * {@code setup.py update_schema}, runs only when someone asks for it.
 *
 * <p>Built up from the models of the target's files: a module learns that it runs on install from
 * the setup.py that imports it, and a function from the module that calls it. {@link #reach} marks
 * what each file makes run; computing it again for every file whose {@link #changes} grew
 * gives what runs whatever order the files come in. One instance per target; not thread-safe.
 */
public final class EntryPoints {

    /** Commands pip runs while building or installing a package. */
    private static final Set<String> PIP_COMMANDS = Set.of("install", "develop", "egg_info", "build", "build_py",
            "build_ext", "build_clib", "build_scripts", "bdist_wheel", "bdist_egg", "sdist", "easy_install",
            "install_lib", "install_scripts", "install_data", "install_headers", "dist_info", "editable_wheel");
    /**
     * Plugin classes whose methods a build backend calls while building (hatchling's build and
     * metadata hooks), in a hook file this project names: a hatch plugin package's own hook classes
     * run when other projects build, not when it is installed.
     */
    private static final Set<String> BUILD_PLUGINS = Set.of("hatchling.builders.hooks.plugin.interface.BuildHookInterface",
            "hatchling.metadata.plugin.interface.MetadataHookInterface");
    private static final String MODULE = PyEvaluator.MODULE;
    private static final String MAIN = PyEvaluator.MAIN;

    private final Set<String> paths;
    private final Map<String, String> fileOfModule = new HashMap<>();
    private final Map<String, Trigger> marked = new HashMap<>();
    /** Per file, functions that code running on its own calls from another module, and when. */
    private final Map<String, Map<String, Trigger>> markedFunctions = new HashMap<>();
    /** The hook files this project's pyproject.toml names to hatchling: their hook classes run on build. */
    private final Set<String> hatchHooks = new HashSet<>();
    /** Modules this project registers as pytest plugins: pytest imports them and calls their pytest_* hooks. */
    private final Set<String> pytestPlugins = new HashSet<>();
    private final Map<String, Integer> changes = new HashMap<>();
    /**
     * Functions handed to another module's registrar ({@code @on_load} keeping them in a list), by
     * the registrar's file and name: the files and names of the functions registered.
     */
    private final Map<String, Set<List<String>>> registered = new HashMap<>();
    /** Registrars whose registry a runner calls the items of in code that runs on its own, and when. */
    private final Map<String, Trigger> registriesRun = new HashMap<>();
    /** Package files that code running on its own starts as a Python program (python -m pkg.mod, python x.py), and when. */
    private final Map<String, Trigger> runAsProgram = new HashMap<>();

    /**
     * The entry-point group of the plugins a tool loads without being asked for them: pytest imports
     * its plugins on start-up in every project they are installed in. Console scripts run only when
     * someone runs them. setuptools' build hooks (egg_info writers, commands, finalizers) run when
     * other projects are built, not when this one is installed, as hatch plugins do: setuptools
     * registers dozens of its own, and its index client would count as install-time code.
     */
    private static final String PYTEST_PLUGINS = "pytest11";
    private static final java.util.regex.Pattern INI_HEADER = java.util.regex.Pattern.compile("^\\s*\\[\\s*([^\\]]+?)\\s*\\]\\s*$");
    private static final java.util.regex.Pattern INI_ENTRY = java.util.regex.Pattern.compile("^(\\s*)([^=#;\\s][^=]*?)\\s*=\\s*(.*?)\\s*$");

    /** @param paths every file path of the target */
    public EntryPoints(Collection<String> paths) {
        this.paths = new HashSet<>(paths);
        List<String> python = paths.stream().filter(p -> p.endsWith(".py"))
                .sorted(Comparator.comparingInt(EntryPoints::depth).thenComparing(Comparator.naturalOrder())).toList();
        for (String p : python) {
            index(p);
        }
        // A wheel's top-level modules (index.py next to its .dist-info) are what `import index` runs:
        // their module level runs on import, like a package's __init__.py.
        for (String p : paths) {
            int at = p.indexOf(".dist-info/WHEEL");
            int root = p.lastIndexOf('/', at) + 1;
            if (at > 0 && p.endsWith(".dist-info/WHEEL") && p.indexOf('/', root) == at + ".dist-info".length()) {
                String prefix = p.substring(0, root);
                python.stream().filter(f -> f.startsWith(prefix) && f.indexOf('/', prefix.length()) < 0
                        && !f.substring(prefix.length()).startsWith("setup.py")).forEach(f -> marked.put(f, Trigger.IMPORT));
            }
        }
    }

    /** The hooks of PEP 517/660 that pip calls on a build backend. */
    private static final List<String> BACKEND_HOOKS = List.of("build_wheel", "build_sdist", "build_editable",
            "get_requires_for_build_wheel", "get_requires_for_build_sdist", "get_requires_for_build_editable",
            "prepare_metadata_for_build_wheel", "prepare_metadata_for_build_editable");
    /** How much of a pyproject.toml is read for its build-system table. */
    private static final int MAX_PYPROJECT = 64 * 1024;
    private static final java.util.regex.Pattern BUILD_BACKEND =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*build-backend[ \\t]*=[ \\t]*[\"']([\\w.]{1,200})(?::[\\w.]{1,200})?[\"']");
    private static final java.util.regex.Pattern BACKEND_PATH =
            java.util.regex.Pattern.compile("(?m)^[ \\t]*backend-path[ \\t]*=[ \\t]*\\[([^\\]\\n]{0,1000})\\]");

    /** The hooks pdm-backend calls in a project's build hook file (pdm_build.py by default). */
    private static final List<String> PDM_HOOKS = List.of("pdm_build_hook_enabled", "pdm_build_initialize",
            "pdm_build_update_files", "pdm_build_finalize", "pdm_build_update_setup_kwargs");
    private static final java.util.regex.Pattern HATCH_HOOK_TABLE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*\\[tool\\.hatch\\.(?:build(?:\\.targets\\.[\\w.\"-]{1,100})?|metadata)\\.hooks\\.custom\\][^\\n]*\\n((?:(?![ \\t]*\\[)[^\\n]*\\n?){0,50})");
    private static final java.util.regex.Pattern PDM_BUILD_TABLE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*\\[tool\\.pdm\\.build\\][^\\n]*\\n((?:(?![ \\t]*\\[)[^\\n]*\\n?){0,50})");

    /**
     * The pyproject.toml at the top of the target, if {@code path} is one. Code it names runs when
     * pip builds the package: a build backend in the project itself ({@code backend-path}), whose
     * module pip imports and whose hooks it calls; a hatchling custom build or metadata hook
     * ({@code hatch_build.py} by default), which hatchling imports; pdm-backend's build hook file
     * ({@code pdm_build.py} by default) and its hook functions. Never throws.
     */
    public void pyproject(String path, byte[] bytes) {
        if (!path.endsWith("pyproject.toml")) {
            return;
        }
        String[] segments = path.split("/");
        if (!segments[segments.length - 1].equals("pyproject.toml") || segments.length > 2) {
            return;
        }
        String toml = new String(bytes, 0, Math.min(bytes.length, MAX_PYPROJECT), java.nio.charset.StandardCharsets.UTF_8);
        String root = segments.length == 2 ? segments[0] + "/" : "";
        java.util.regex.Matcher backend = BUILD_BACKEND.matcher(toml);
        String backendModule = backend.find() ? backend.group(1) : null;
        java.util.regex.Matcher where = BACKEND_PATH.matcher(toml);
        if (backendModule != null && where.find()) {
            for (String entry : where.group(1).split(",")) {
                String dir = entry.strip().replaceAll("^[\"']|[\"']$", "");
                importRoot(root + dir);
                if (buildCode(root + dir + "/" + backendModule.replace('.', '/'), BACKEND_HOOKS, true)) {
                    break;
                }
            }
        }
        java.util.regex.Matcher hatch = HATCH_HOOK_TABLE.matcher(toml);
        while (hatch.find()) {
            String base = root + tableValue(hatch.group(1), "path", "hatch_build.py").replaceAll("\\.py$", "");
            if (buildCode(base, List.of(), false)) {
                hatchHooks.add(dev.chainhunt.archive.EntryPaths.normalise(base).path() + ".py");
            }
        }
        if ("pdm.backend".equals(backendModule)) {
            java.util.regex.Matcher pdm = PDM_BUILD_TABLE.matcher(toml);
            String file = pdm.find() ? tableValue(pdm.group(1), "custom-hook", "pdm_build.py") : "pdm_build.py";
            buildCode(root + file.replaceAll("\\.py$", ""), PDM_HOOKS, false);
        }
    }

    /**
     * Plugins the project registers in an entry-points table: {@code entry_points.txt} of a wheel or
     * an sdist's egg-info, setup.cfg's {@code [options.entry_points]}, pyproject.toml's
     * {@code [project.entry-points.GROUP]}. Never throws.
     */
    public void entryPoints(String path, byte[] bytes) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (!name.equals("entry_points.txt") && !name.equals("setup.cfg") && !name.equals("pyproject.toml")) {
            return;
        }
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_PYPROJECT), java.nio.charset.StandardCharsets.UTF_8);
        String group = null;
        boolean cfgTable = false;
        for (String line : text.split("\\r?\\n")) {
            java.util.regex.Matcher header = INI_HEADER.matcher(line);
            if (header.matches()) {
                String table = header.group(1);
                cfgTable = name.equals("setup.cfg") && table.equals("options.entry_points");
                group = name.equals("entry_points.txt") ? table
                        : table.startsWith("project.entry-points.") ? table.substring("project.entry-points.".length()).replace("\"", "") : null;
                continue;
            }
            java.util.regex.Matcher entry = INI_ENTRY.matcher(line);
            if (cfgTable && entry.matches() && entry.group(1).isEmpty()) {
                group = entry.group(2); // pytest11 =, then the plugins on indented lines
                plugin(group, entry.group(3));
            } else if (group != null && entry.matches()) {
                plugin(group, entry.group(3));
            }
        }
    }

    /** A plugin {@code module:attr} (or {@code name = module:attr}) registered under {@code group}. */
    private void plugin(String group, String value) {
        String target = value.contains("=") ? value.substring(value.indexOf('=') + 1) : value;
        target = target.replaceAll("\\[.*$", "").replaceAll("[\"',\\s]", "");
        int colon = target.indexOf(':');
        String file = group.equals(PYTEST_PLUGINS) ? fileOfModule.get(colon < 0 ? target : target.substring(0, colon)) : null;
        if (file == null) {
            return;
        }
        markFile(file, Trigger.IMPORT);
        if (colon > 0 && colon + 1 < target.length()) {
            markFunctionOf(file, target.substring(colon + 1), Trigger.IMPORT);
        }
        pytestPlugins.add(file);
    }

    /** setup(entry_points={group: [...]}) or setup(entry_points=INI_TEXT) in setup.py. */
    private void setupEntryPoints(PyModel model) {
        for (PyModel.CallSite site : model.calls()) {
            if (!site.callee().equals("setup") && !site.callee().endsWith(".setup")) {
                continue;
            }
            Value entries = site.keywords().get("entry_points");
            if (entries instanceof Value.Str ini) {
                entryPoints("entry_points.txt", ini.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else if (entries instanceof Value.Dict d) {
                for (int i = 0; i < d.keys().size(); i++) {
                    String group = d.keys().get(i) instanceof Value.Str k ? k.value() : null;
                    Value v = d.values().get(i);
                    List<Value> items = v instanceof Value.Seq seq ? seq.items() : List.of(v);
                    for (Value item : items) {
                        if (group != null && item instanceof Value.Str line) {
                            line.value().lines().forEach(l -> plugin(group, l));
                        }
                    }
                }
            }
        }
    }

    /**
     * A folder pip puts on the import path while it builds ({@code backend-path}): the backend's
     * own {@code from _probe import record} names {@code _probe.py} there.
     */
    private void importRoot(String dir) {
        String normalised = dev.chainhunt.archive.EntryPaths.normalise(dir).path();
        String prefix = normalised.isEmpty() || normalised.equals(".") ? "" : normalised + "/";
        for (String path : paths) {
            if (path.startsWith(prefix) && path.endsWith(".py")) {
                String module = path.substring(prefix.length(), path.length() - 3).replace('/', '.').replaceAll("\\.__init__$", "");
                if (!module.isEmpty() && !module.equals("__init__")) {
                    fileOfModule.putIfAbsent(module, path);
                }
            }
        }
    }

    /** A string key of a TOML table's body ({@code path = "hooks/build.py"}), or the default. */
    private static String tableValue(String body, String key, String otherwise) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^[ \\t]*\"?" + java.util.regex.Pattern.quote(key)
                + "\"?[ \\t]*=[ \\t]*[\"']([^\"'\\n]{1,300})[\"']").matcher(body);
        return m.find() ? m.group(1) : otherwise;
    }

    /**
     * Marks the module at {@code base} (a path without .py; a package folder when {@code packageToo})
     * as code a build runs, and its {@code hooks} with it; false when the target has no such file.
     */
    private boolean buildCode(String base, List<String> hooks, boolean packageToo) {
        dev.chainhunt.archive.EntryPaths.Normalised normalised = dev.chainhunt.archive.EntryPaths.normalise(base);
        String file = normalised.escapes() ? null
                : packageToo ? existing(normalised.path()) : paths.contains(normalised.path() + ".py") ? normalised.path() + ".py" : null;
        if (file == null) {
            return false;
        }
        markFile(file, Trigger.INSTALL);
        hooks.forEach(hook -> markFunctionOf(file, hook, Trigger.INSTALL));
        return true;
    }

    /**
     * The file of the target that {@code importer} gets by importing {@code module} as written,
     * relative ({@code ._const}) or absolute ({@code pkg.core}); null when the target has none.
     */
    public String moduleFile(String importer, String module) {
        int dots = leadingDots(module);
        String rest = module.substring(dots);
        if (rest.isEmpty()) {
            return null;
        }
        if (dots == 0) {
            return fileOfModule.get(rest);
        }
        String dir = relativeBase(importer, dots);
        return dir == null ? null : existing(in(dir, rest.replace('.', '/')));
    }

    /**
     * The source file a compiled module was compiled from: {@code pkg/__pycache__/m.cpython-311.pyc}
     * and {@code pkg/m.pyc} both come from {@code pkg/m.py}.
     */
    public static String sourceOf(String compiled) {
        int slash = compiled.lastIndexOf('/');
        String dir = slash < 0 ? "" : compiled.substring(0, slash + 1);
        String name = compiled.substring(slash + 1);
        if (dir.endsWith("__pycache__/")) {
            dir = dir.substring(0, dir.length() - "__pycache__/".length());
            int dot = name.indexOf('.');
            return dir + (dot < 0 ? name : name.substring(0, dot)) + ".py";
        }
        int dot = name.lastIndexOf('.');
        return dir + (dot < 0 ? name : name.substring(0, dot)) + ".py";
    }

    /**
     * Scan order: install-time files first (setup.py, and the build code pyproject.toml names), then
     * __init__.py files from the top down, then the rest.
     */
    public int rank(String path) {
        FileRole role = FileRoles.of(path);
        int group = role == FileRole.INSTALL || marked.containsKey(path) ? 0 : role == FileRole.IMPORT ? 1 : 2;
        return group * 1000 + Math.min(depth(path), 999);
    }

    /** Import lines as written: {@code from .x import a, b}, {@code from . import (a,\n b)} or {@code import a.b as c, d}. */
    private static final java.util.regex.Pattern IMPORT_LINE = java.util.regex.Pattern.compile(
            "(?m)^[ \\t]*(?:from[ \\t]+(\\.*[\\w.]*)[ \\t]+import\\b[ \\t]*(?:\\(([^)]{0,4000})\\)|([\\w, \\t]*))"
                    + "|import[ \\t]+([\\w., \\t]+))");
    /** One name of an import list: {@code b} of {@code b as c} or of {@code b  # comment}. */
    private static final java.util.regex.Pattern IMPORTED_NAME = java.util.regex.Pattern.compile("\\s*([\\w.]+)(?=\\s|$)");
    /** How much of a file is read for its import lines when ordering the scan. */
    private static final int MAX_IMPORT_SCAN = 256 * 1024;

    /**
     * Scan order: a module after the package modules that import it (as their import lines say,
     * read without parsing), otherwise by {@link #rank}; a cycle of imports is entered at the
     * best-ranked file that something before it imports. What runs on its own does not depend on this order: it only spares
     * analysing a file again because it learnt late that it runs (a module imported by a sibling
     * whose name sorts after it).
     */
    public <T> List<T> order(List<T> entries, java.util.function.Function<T, String> pathOf,
                             java.util.function.Function<T, byte[]> bytesOf) {
        List<T> ranked = entries.stream().map(e -> Map.entry(rank(pathOf.apply(e)), e))
                .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < ranked.size(); i++) {
            index.putIfAbsent(pathOf.apply(ranked.get(i)), i);
        }
        List<Set<Integer>> imports = new ArrayList<>();
        int[] importers = new int[ranked.size()];
        for (int i = 0; i < ranked.size(); i++) {
            Set<Integer> targets = new java.util.LinkedHashSet<>();
            String path = pathOf.apply(ranked.get(i));
            if (path.endsWith(".py")) {
                for (String module : importedModules(bytesOf.apply(ranked.get(i)))) {
                    String file = moduleFile(path, module);
                    Integer target = file == null ? null : index.get(file);
                    if (target != null && target != i && targets.add(target)) {
                        importers[target]++;
                    }
                }
            }
            imports.add(targets);
        }
        java.util.PriorityQueue<Integer> ready = new java.util.PriorityQueue<>();
        for (int i = 0; i < ranked.size(); i++) {
            if (importers[i] == 0) {
                ready.add(i);
            }
        }
        // Files some of whose importers are done: where a cycle is entered from what came before.
        java.util.PriorityQueue<Integer> reached = new java.util.PriorityQueue<>();
        boolean[] done = new boolean[ranked.size()];
        List<T> out = new ArrayList<>(ranked.size());
        int next = 0;
        while (out.size() < ranked.size()) {
            Integer i = ready.poll();
            if (i == null) {
                i = reached.poll();
            }
            if (i == null) {
                while (done[next]) {
                    next++;
                }
                i = next; // a cycle nothing before imports: its best-ranked file first
            }
            if (done[i]) {
                continue;
            }
            done[i] = true;
            out.add(ranked.get(i));
            for (int target : imports.get(i)) {
                if (!done[target]) {
                    (--importers[target] == 0 ? ready : reached).add(target);
                }
            }
        }
        return out;
    }

    /** The modules a file's import lines name: {@code from X import a} names X and X.a (a may be a module). */
    private static List<String> importedModules(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, MAX_IMPORT_SCAN), java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = IMPORT_LINE.matcher(text);
        while (m.find() && out.size() < 1000) {
            String from = m.group(1);
            if (from != null) {
                out.add(from);
            }
            String names = from == null ? m.group(4) : m.group(2) != null ? m.group(2) : m.group(3);
            for (String name : names.split(",")) {
                java.util.regex.Matcher word = IMPORTED_NAME.matcher(name);
                if (word.lookingAt()) {
                    String n = word.group(1);
                    out.add(from == null ? n : from.endsWith(".") ? from + n : from + "." + n);
                }
            }
        }
        return out;
    }

    /** How the module-level code of an original file runs: by its role, or because runnable code imports it. */
    public Trigger moduleTrigger(String path) {
        FileRole role = FileRoles.of(path);
        Trigger own = role == FileRole.INSTALL ? Trigger.INSTALL : role == FileRole.IMPORT ? Trigger.IMPORT : Trigger.NONE;
        return own.or(marked.get(path));
    }

    /**
     * Which scopes of one evaluated file ({@link PyModel#reachOnly}) run on their own, given how its
     * module level runs; the package modules imported from those scopes are marked to run then too.
     */
    public Reach reach(String path, PyModel model, Trigger moduleLevel) {
        Map<String, List<PyModel.CallSite>> sitesByScope = new LinkedHashMap<>();
        for (PyModel.CallSite site : model.calls()) {
            sitesByScope.computeIfAbsent(site.scope(), k -> new ArrayList<>()).add(site);
        }
        java.util.NavigableSet<String> scopes = new java.util.TreeSet<>(sitesByScope.keySet());
        model.importSites().forEach(i -> scopes.add(i.scope()));
        Map<String, Trigger> reached = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        if (moduleLevel != Trigger.NONE) {
            reach(MODULE, moduleLevel, reached, work);
        }
        // A main block runs when pip runs setup.py; anywhere else, only when someone runs the file.
        boolean setupPy = path.equals("setup.py") || path.endsWith("/setup.py");
        reach(MAIN, (setupPy && moduleLevel == Trigger.INSTALL ? Trigger.INSTALL : Trigger.SCRIPT).or(runAsProgram.get(path)), reached, work);
        // Functions of this module that code of another module calls when it runs on its own.
        // A class another module instantiates runs its methods too, as a call of it in this file does.
        Set<String> classes = new HashSet<>();
        model.classes().forEach(k -> classes.add(k.name()));
        markedFunctions.getOrDefault(path, Map.of()).forEach((scope, how) -> {
            reach(scope, how, reached, work);
            if (classes.contains(scope)) {
                within(scopes, scope).forEach(inner -> reach(inner, how, reached, work));
            }
        });
        if (setupPy && moduleLevel == Trigger.INSTALL) {
            setupEntryPoints(model);
        }
        if (pytestPlugins.contains(path)) {
            // pytest calls a plugin's hooks: pytest_configure, pytest_sessionstart, ...
            scopes.stream().filter(scope -> scope.startsWith("pytest_") && !scope.contains("."))
                    .forEach(scope -> reach(scope, Trigger.IMPORT, reached, work));
        }
        for (String commandClass : commandClasses(model, hatchHooks.contains(path), base -> definition(path, base) != null)) {
            for (String scope : within(scopes, commandClass)) {
                reach(scope, Trigger.INSTALL, reached, work);
            }
        }
        // Defining a class runs its bases' __init_subclass__ (a registry whose hook starts a thread
        // when the package's backends are defined on import), here or in the module of the base.
        for (PyModel.ClassInfo k : moduleLevel.automatic() ? model.classes() : List.<PyModel.ClassInfo>of()) {
            for (String base : k.name().contains(".") ? List.<String>of() : k.bases()) {
                String hook = base + ".__init_subclass__";
                if (scopes.contains(hook)) {
                    reach(hook, moduleLevel, reached, work);
                } else {
                    markFunction(path, hook, moduleLevel);
                }
            }
        }
        while (!work.isEmpty()) {
            String scope = work.pop();
            Trigger how = reached.get(scope);
            for (PyModel.CallSite site : sitesByScope.getOrDefault(scope, List.of())) {
                List<String> targets = new ArrayList<>();
                targets.add(site.callee());
                if (callsItsArguments(site.callee())) {
                    site.args().forEach(a -> addFunction(a, targets));
                    site.keywords().values().forEach(a -> addFunction(a, targets));
                }
                // Calling a class runs its methods; a function's inner functions run only when
                // called (a decorator's wrapper runs when the decorated function is called, not
                // when it is applied), and a class applied as a decorator runs only __init__.
                boolean decorates = site.receiver() instanceof Value.Sym r && r.path().equals(PyEvaluator.DECORATES);
                for (String named : targets) {
                    String target = methodScope(named);
                    if (scopes.contains(target)) {
                        reach(target, how, reached, work);
                    }
                    for (String inner : classes.contains(target) && !decorates ? within(scopes, target) : List.<String>of()) {
                        reach(inner, how, reached, work);
                    }
                }
            }
        }
        Reach reach = new Reach(reached);
        for (PyModel.Registry registry : model.registries()) {
            Trigger how = Trigger.NONE;
            for (String runner : registry.runners()) {
                how = how.or(reach.trigger(runner));
            }
            if (how.automatic()) {
                for (String registrar : registry.registrars()) {
                    String key = path + "#" + registrar;
                    registriesRun.merge(key, how, Trigger::or);
                    registered.getOrDefault(key, Set.of()).forEach(f -> markFunctionOf(f.get(0), f.get(1), registriesRun.get(key)));
                }
            }
        }
        for (PyModel.ImportSite site : model.importSites()) {
            Trigger how = reach.trigger(site.scope());
            if (how.automatic()) {
                markImport(path, site.module(), how);
            }
        }
        for (PyModel.CallSite site : model.calls()) {
            Trigger how = reach.trigger(site.scope());
            if (how.automatic() && !scopes.contains(methodScope(site.callee()))) {
                markFunction(path, site.callee(), how);
            }
            String program = how.automatic() && PyEvaluator.startsProcess(site.callee()) ? pythonProgram(path, site) : null;
            if (program != null) {
                // setup.py or __init__ starting a module of the package as its own process: its
                // module level and its main block run then.
                markFile(program, how);
                raise(runAsProgram, program, program, how);
            }
            if (how.automatic() && !scopes.contains(methodScope(site.callee()))) {
                register(path, site);
            }
            if (how.automatic() && callsItsArguments(site.callee())) {
                // threading.Thread(target=setup_persistence) with the function imported from another module
                for (Value v : java.util.stream.Stream.concat(site.args().stream(), site.keywords().values().stream()).toList()) {
                    if (v instanceof Value.Sym sym && !scopes.contains(methodScope(sym.path()))) {
                        markFunction(path, sym.path(), how);
                    }
                }
            }
        }
        return reach;
    }

    /**
     * A function of this file handed to another module's function ({@code @on_load} applied, or
     * {@code register(task)}) in code that runs: if that function keeps it in a registry whose
     * items a runner calls when the package runs, it runs then.
     */
    private void register(String path, PyModel.CallSite site) {
        List<String> handed = site.args().stream()
                .map(v -> v instanceof Value.Function f && !f.name().contains(".") ? f.name() : null)
                .filter(java.util.Objects::nonNull).toList();
        String[] registrar = handed.isEmpty() ? null : definition(path, site.callee());
        if (registrar == null) {
            return;
        }
        String key = registrar[0] + "#" + registrar[1];
        Trigger run = registriesRun.get(key);
        for (String function : handed) {
            registered.computeIfAbsent(key, k -> new HashSet<>()).add(List.of(path, function));
            if (run != null) {
                markFunctionOf(path, function, run);
            }
        }
    }

    /**
     * A call of another module's function ({@code from .installer import install; install()}, or
     * {@code pkg.core.run()}) in code that runs on its own: that function runs then too.
     */
    private void markFunction(String caller, String called, Trigger how) {
        String callee = methodScope(called);
        String[] defined = callee.contains("(") ? null : definition(caller, callee);
        if (defined != null) {
            markFunctionOf(defined[0], defined[1], how);
        }
    }

    /**
     * Where a dotted name as {@code importer} writes it ({@code .installer.install},
     * {@code pkg.core.Agent.run}) is defined in the target: the module file and the name in it;
     * null for a name of a library or of the importer itself.
     */
    private String[] definition(String importer, String dotted) {
        int dots = leadingDots(dotted);
        String[] parts = dotted.substring(dots).split("\\.");
        for (int split = parts.length - 1; split >= 1; split--) {
            String module = String.join(".", java.util.Arrays.copyOfRange(parts, 0, split));
            String file = moduleFile(importer, dotted.substring(0, dots) + module);
            if (file != null) {
                return new String[] {file, String.join(".", java.util.Arrays.copyOfRange(parts, split, parts.length))};
            }
        }
        return null;
    }

    private static int leadingDots(String dotted) {
        int dots = 0;
        while (dots < dotted.length() && dotted.charAt(dots) == '.') {
            dots++;
        }
        return dots;
    }

    /** The folder a relative import with {@code dots} leading dots starts from ({@code .x}: the importer's own), or null. */
    /**
     * The folder a relative import with {@code dots} dots starts from: the importer's own folder for
     * one dot ("" for a module at the top of the target, when a package folder itself is scanned),
     * one up for each more; null above the top.
     */
    private static String relativeBase(String importer, int dots) {
        String dir = folderOf(importer);
        for (int i = 1; i < dots && dir != null; i++) {
            dir = dir.isEmpty() ? null : folderOf(dir);
        }
        return dir;
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /**
     * The package file a process call runs as a Python program: {@code [sys.executable, "-m",
     * "pkg.worker"]}, {@code "python3 helper.py"} (a path from the caller's folder or the top of the
     * target); null for anything else, and for code given with -c (a stage of its own).
     */
    private String pythonProgram(String caller, PyModel.CallSite site) {
        Value command = site.commandLine();
        List<String> words = new ArrayList<>();
        if (command instanceof Value.Seq argv) {
            for (Value item : argv.items()) {
                String word = PyValues.commandWord(item);
                words.add(word == null ? "?" : word);
            }
        } else if (command instanceof Value.Str line) {
            words.addAll(List.of(line.value().trim().split("\\s+")));
        }
        if (words.isEmpty() || !PyValues.isPython(words.get(0))) {
            return null;
        }
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("-m")) {
                return i + 1 < words.size() ? moduleFile(caller, words.get(i + 1)) : null;
            }
            if (word.equals("-c") || word.equals("?")) {
                return null;
            }
            if (!word.startsWith("-")) {
                String script = word.startsWith("./") ? word.substring(2) : word;
                String beside = in(folderOf(caller), script);
                String top = caller.indexOf('/') < 0 ? script : in(caller.substring(0, caller.indexOf('/')), script);
                return paths.contains(beside) ? beside : paths.contains(top) ? top : null;
            }
        }
        return null;
    }

    /** {@code name} inside folder {@code dir} ("" is the top of the target). */
    private static String in(String dir, String name) {
        return dir.isEmpty() ? name : dir + "/" + name;
    }

    /** The module file at {@code base} ({@code base.py} or {@code base/__init__.py}) if the target has it. */
    private String existing(String base) {
        return paths.contains(base + ".py") ? base + ".py" : paths.contains(base + "/__init__.py") ? base + "/__init__.py" : null;
    }

    /** The scopes nested in {@code outer}: its methods or inner functions ({@code outer.*}). */
    private static java.util.SortedSet<String> within(java.util.NavigableSet<String> scopes, String outer) {
        // '/' sorts right after '.', so this range is exactly the names that start with "outer."
        return scopes.subSet(outer + ".", outer + "/");
    }

    private static void reach(String scope, Trigger how, Map<String, Trigger> reached, Deque<String> work) {
        Trigger before = reached.get(scope);
        Trigger after = how.or(before);
        if (after != before) {
            reached.put(scope, after);
            work.push(scope);
        }
    }

    /**
     * Calls that run a function handed to them (a thread target, an exit hook, map), as opposed to
     * calls that merely keep one (setup's cmdclass, a registry).
     */
    private static boolean callsItsArguments(String callee) {
        return CALLBACK_RUNNERS.contains(callee) || callee.endsWith(".submit") || callee.endsWith(".run_in_executor")
                || callee.endsWith(".apply_async") || callee.endsWith(".call_soon") || callee.endsWith(".call_later")
                || callee.endsWith("().map") || callee.endsWith("().imap") || callee.endsWith("().imap_unordered")
                || callee.endsWith("().starmap");
    }

    private static final Set<String> CALLBACK_RUNNERS = Set.of("atexit.register", "threading.Thread", "threading.Timer",
            "multiprocessing.Process", "_thread.start_new_thread", "thread.start_new_thread", "builtins.map",
            "builtins.filter", "signal.signal", "asyncio.run", "sys.settrace", "sys.setprofile", "sys.addaudithook",
            "weakref.finalize", "threading.settrace", "threading.setprofile");

    /** A function passed as a value (threading.Thread(target=f), atexit.register(f)) will be called. */
    private static void addFunction(Value v, List<String> targets) {
        if (v instanceof Value.Function f) {
            targets.add(f.name());
        } else if (v instanceof Value.Sym sym && sym.path().contains("().")) {
            targets.add(sym.path()); // a bound method: Thread(target=Agent(url).loop)
        }
    }

    /** The scope a call of a method on an instance of a class of the file runs ({@code Agent().poll} runs {@code Agent.poll}). */
    private static String methodScope(String callee) {
        int call = callee.lastIndexOf("().");
        return call > 0 && callee.indexOf('(') == call ? callee.substring(0, call) + callee.substring(call + 2) : callee;
    }

    /**
     * Classes pip runs: subclasses of its commands, or classes registered under their names in
     * cmdclass. A class of the target named like a command ({@code easy_install} of setuptools
     * itself) is not one of pip's: its subclasses run only when registered.
     */
    private static Set<String> commandClasses(PyModel model, boolean hatchHook, java.util.function.Predicate<String> ownClass) {
        Set<String> out = new HashSet<>();
        for (PyModel.CallSite site : model.calls()) {
            if ((site.callee().equals("setup") || site.callee().endsWith(".setup"))
                    && site.keywords().get("cmdclass") instanceof Value.Dict d) {
                for (int i = 0; i < d.keys().size(); i++) {
                    if (d.keys().get(i) instanceof Value.Str key && PIP_COMMANDS.contains(key.value())
                            && d.values().get(i) instanceof Value.Function f) {
                        out.add(f.name());
                    }
                }
            }
        }
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PyModel.ClassInfo k : model.classes()) {
                if (!out.contains(k.name()) && k.bases().stream().anyMatch(b -> out.contains(b) || PIP_COMMANDS.contains(last(b)) && !ownClass.test(b)
                        || hatchHook && BUILD_PLUGINS.contains(b))) {
                    out.add(k.name());
                    grew = true;
                }
            }
        }
        return out;
    }

    private void markImport(String importer, String module, Trigger how) {
        if (module.startsWith(".")) {
            int dots = leadingDots(module);
            String dir = relativeBase(importer, dots);
            if (dir == null) {
                return;
            }
            String rest = module.substring(dots);
            mark(in(dir, "__init__.py"), how);
            String[] parts = rest.isEmpty() ? new String[0] : rest.split("\\.");
            String at = dir;
            for (String part : parts) {
                at = in(at, part);
                mark(at + ".py", how);
                mark(at + "/__init__.py", how);
            }
            return;
        }
        String[] parts = module.split("\\.");
        StringBuilder name = new StringBuilder();
        for (String part : parts) {
            name.append(name.length() == 0 ? "" : ".").append(part);
            String file = fileOfModule.get(name.toString());
            if (file != null) {
                mark(file, how);
            }
        }
    }

    private void mark(String path, Trigger how) {
        if (paths.contains(path)) {
            markFile(path, how);
        }
    }

    private void markFile(String path, Trigger how) {
        raise(marked, path, path, how);
    }

    private void markFunctionOf(String path, String function, Trigger how) {
        raise(markedFunctions.computeIfAbsent(path, k -> new HashMap<>()), function, path, how);
    }

    /** Makes {@code key} run as early as {@code how}, counting a change of the file at {@code path} when that is new. */
    private void raise(Map<String, Trigger> marks, String key, String path, Trigger how) {
        Trigger before = marks.get(key);
        if (how.or(before) != before) {
            marks.put(key, how.or(before));
            changes.merge(path, 1, Integer::sum);
        }
    }

    /**
     * How many times something was learnt to run on its own in the file at {@code path} that was
     * not known before. Marks only grow, so {@link #reach} computed for the file before this number
     * last changed may be short of what runs.
     */
    public int changes(String path) {
        return changes.getOrDefault(path, 0);
    }

    /** Dotted names a file can be imported under: from the archive root, the sdist folder, and its src/. */
    private void index(String path) {
        String[] segments = path.split("/|!/");
        List<Integer> roots = new ArrayList<>(List.of(0, 1));
        if (segments.length > 2 && segments[1].equals("src")) {
            roots.add(2);
        }
        for (int root : roots) {
            if (root >= segments.length) {
                continue;
            }
            List<String> parts = new ArrayList<>(List.of(segments).subList(root, segments.length));
            String last = parts.remove(parts.size() - 1);
            String stem = last.substring(0, last.length() - 3);
            if (!stem.equals("__init__")) {
                parts.add(stem);
            }
            if (!parts.isEmpty()) {
                fileOfModule.putIfAbsent(String.join(".", parts), path);
            }
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? null : path.substring(0, slash);
    }

    private static String last(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static int depth(String path) {
        return (int) path.chars().filter(c -> c == '/').count();
    }

    /** How each scope of one file runs. */
    public static final class Reach {

        private final Map<String, Trigger> scopes;

        Reach(Map<String, Trigger> scopes) {
            this.scopes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scopes));
        }

        /** How code in {@code scope} ({@code <module>}, {@code Install.run}, {@code helper}) runs. */
        public Trigger trigger(String scope) {
            return scopes.getOrDefault(scope == null ? MODULE : scope, Trigger.NONE);
        }

        /** The scopes that run on their own, and how. */
        public Map<String, Trigger> scopes() {
            return scopes;
        }

        /** A file whose module level runs {@code how}, with nothing else known. */
        public static Reach moduleOnly(Trigger how) {
            return new Reach(how == Trigger.NONE ? Map.of() : Map.of(MODULE, how));
        }
    }
}
