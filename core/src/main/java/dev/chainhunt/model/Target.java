package dev.chainhunt.model;

import java.nio.file.Path;
import java.util.Objects;

/** Something to scan: a file or directory on disk, or an artifact already in memory. */
public sealed interface Target {

    /** The name reports show for this target (the path as the user gave it). */
    String name();

    static Target of(Path path) {
        return new OnDisk(path.toString(), path);
    }

    static Target of(String name, byte[] bytes) {
        return new InMemory(name, bytes);
    }

    /** A file (archive or single source file) or a directory (a codebase). */
    record OnDisk(String name, Path path) implements Target {
        public OnDisk {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(path, "path");
        }
    }

    /** An artifact's bytes, named as if it were a file (the name's extension is only a hint). */
    record InMemory(String name, byte[] bytes) implements Target {
        public InMemory {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
