package dev.chainhunt.manifest;

import dev.chainhunt.model.FileRole;

import java.util.Locale;
import java.util.Set;

/**
 * Tells install-time and import-time code, tests and documentation apart, by path alone. Files are
 * never skipped because of this; findings only weigh more or less (attackers do hide in
 * {@code tests/}, which is why a test path wins over a name like setup.py only where the name
 * itself is not install-time).
 */
public final class FileRoles {

    private static final Set<String> TEST_DIRS = Set.of("test", "tests", "testing", "__tests__", "spec", "specs",
            "test_data", "testdata", "fixtures", "__fixtures__");
    private static final Set<String> DOC_DIRS = Set.of("doc", "docs", "example", "examples", "sample", "samples",
            "demo", "demos", "benchmark", "benchmarks", "bench");

    /** Folders at the top of an sdist that hold the project's tooling, not the package. */
    private static final Set<String> TOOLING_DIRS = Set.of("tools", "tool", "scripts", "script", "maint", "winbuild",
            "ci", ".ci", ".github", ".circleci", "admin", "build_tools", "buildtools", "devtools", "dev", "misc", "contrib", "utils");
    /** The top folder of an sdist: the project's name and a version ({@code pillow-11.1.0}). */
    private static final java.util.regex.Pattern SDIST_ROOT = java.util.regex.Pattern.compile(".+-v?\\d+(\\.[\\w+]+)*");

    private FileRoles() {
    }

    public static FileRole of(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String[] segments = p.split("/|!/");
        String name = segments[segments.length - 1];
        // pip runs the setup.py at the top of an sdist (or of a checkout), not ones nested in tests.
        if (name.equals("setup.py") && segments.length <= 2) {
            return FileRole.INSTALL;
        }
        if ((name.equals("sitecustomize.py") || name.equals("usercustomize.py"))
                && (segments.length == 1 || segments.length == 2 && SDIST_ROOT.matcher(segments[0]).matches())) {
            // Installed at the top of site-packages, it runs at every interpreter start, like a .pth file.
            return FileRole.INSTALL;
        }
        if (name.endsWith(".pth")) {
            // Installed .pth files run at every start-up; one kept with tests or tooling is not installed.
            FileRole where = byFolder(segments);
            return where == FileRole.CODE ? FileRole.INSTALL : where;
        }
        if (name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py")
                || name.matches(".*\\.(test|spec)\\.[cm]?[jt]sx?$")) {
            return FileRole.TEST;
        }
        FileRole where = byFolder(segments);
        return where == FileRole.CODE && name.contains("init") && MISSPELLED_INIT.matcher(name).matches()
                ? FileRole.IMPORT : where;
    }

    /**
     * A package's init module misspelled ({@code __init__py.py}, {@code __init.py}, {@code _init_.py},
     * {@code __init__.py.py}): Python never imports it by that name, but it is where its author meant
     * code to run on import, and is weighed as such.
     */
    private static final java.util.regex.Pattern MISSPELLED_INIT = java.util.regex.Pattern.compile("_+init_*(py)?\\.py(\\.py)?");

    /** The role the folders of a path give it: tests, documentation, tooling beside the package, or code. */
    private static FileRole byFolder(String[] segments) {
        for (int i = 0; i < segments.length - 1; i++) {
            if (TEST_DIRS.contains(segments[i])) {
                return FileRole.TEST;
            }
        }
        for (int i = 0; i < segments.length - 1; i++) {
            if (DOC_DIRS.contains(segments[i])) {
                return FileRole.DOCS;
            }
        }
        // A wheel's NAME-VERSION.data/scripts/ is installed into bin/: the package's own commands.
        if (segments.length >= 3 && TOOLING_DIRS.contains(segments[1]) && SDIST_ROOT.matcher(segments[0]).matches()
                && !segments[0].endsWith(".data")) {
            return FileRole.TOOLING;
        }
        return FileRole.CODE;
    }
}
