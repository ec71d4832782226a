package dev.chainhunt.model;

import java.util.Locale;

/** What a target turned out to be once read. */
public enum TargetKind {
    /** An archive (sdist, wheel, npm tarball, any zip or tar), opened in memory. */
    ARCHIVE,
    /** A single file that is not an archive. */
    FILE,
    /** A folder: a source tree or checkout. */
    DIRECTORY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
