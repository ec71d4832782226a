package dev.chainhunt.model;

import java.util.Locale;

/** What part a file plays in a package, judged from its path; decides how much its findings weigh. */
public enum FileRole {
    /** Tests and their fixtures: run by developers, not by installers or users. */
    TEST,
    /** Documentation, examples, demos and benchmarks. */
    DOCS,
    /** Everything else, including install-time and import-time code. */
    CODE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
