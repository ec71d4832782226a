package dev.chainhunt.model;

import java.util.Locale;

/** What part a file plays in a package, judged from its path; decides how much its findings weigh. */
public enum FileRole {
    /** Runs when the package is installed: setup.py, .pth files. */
    INSTALL,
    /** Runs when the package is imported: a package's __init__.py. */
    IMPORT,
    /** Tests and their fixtures: run by developers, not by installers or users. */
    TEST,
    /** Documentation, examples, demos and benchmarks. */
    DOCS,
    /** The project's own build and maintenance tooling beside the package (winbuild/, maint/, tools/ of an sdist). */
    TOOLING,
    /** Everything else. */
    CODE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
