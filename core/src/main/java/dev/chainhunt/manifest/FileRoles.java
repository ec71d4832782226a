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

    private FileRoles() {
    }

    public static FileRole of(String path) {
        String p = path.toLowerCase(Locale.ROOT);
        String[] segments = p.split("/|!/");
        String name = segments[segments.length - 1];
        // pip runs the setup.py at the top of an sdist (or of a checkout), not ones nested in tests.
        if ((name.equals("setup.py") && segments.length <= 2) || name.endsWith(".pth")) {
            return FileRole.INSTALL;
        }
        if (name.startsWith("test_") || name.endsWith("_test.py") || name.equals("conftest.py")
                || name.matches(".*\\.(test|spec)\\.[cm]?[jt]sx?$")) {
            return FileRole.TEST;
        }
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
        return name.equals("__init__.py") ? FileRole.IMPORT : FileRole.CODE;
    }
}
