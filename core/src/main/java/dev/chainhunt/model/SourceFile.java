package dev.chainhunt.model;

import java.util.Objects;

/**
 * One text file of a target, held in memory: its normalised path inside the target, its bytes,
 * the language it was recognised as, and where it came from.
 */
public record SourceFile(String path, byte[] bytes, Language language, Provenance provenance) {

    public SourceFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(language, "language");
        provenance = provenance == null ? Provenance.ORIGINAL : provenance;
    }
}
