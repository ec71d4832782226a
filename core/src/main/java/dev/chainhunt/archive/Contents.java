package dev.chainhunt.archive;

import dev.chainhunt.model.BinaryFile;
import dev.chainhunt.model.FileError;
import dev.chainhunt.model.TargetKind;

import java.util.List;

/**
 * Everything read from one target.
 *
 * @param sha256     hex SHA-256 of the artifact file, or null for a directory
 * @param size       the artifact's size in bytes (for a directory, the bytes read)
 * @param kind       whether the target was an archive, a single file or a directory
 * @param texts      text files, in archive order
 * @param binaries   other files, with their size and first bytes only
 * @param issues     container-level problems (bombs, escaping names, links)
 * @param fileErrors problems with single entries (a corrupt nested archive, an encrypted entry)
 * @param error      why reading stopped early (truncated or corrupt data), or null
 * @param partial    whether some of the target was not read (an error or a limit)
 */
public record Contents(
        String sha256,
        long size,
        TargetKind kind,
        List<TextEntry> texts,
        List<BinaryFile> binaries,
        List<ArchiveIssue> issues,
        List<FileError> fileErrors,
        String error,
        boolean partial) {

    public Contents {
        texts = List.copyOf(texts);
        binaries = List.copyOf(binaries);
        issues = List.copyOf(issues);
        fileErrors = List.copyOf(fileErrors);
    }

    /** An unreadable target: nothing was read. */
    public static Contents failed(String sha256, long size, String error) {
        return new Contents(sha256, size, TargetKind.FILE, List.of(), List.of(), List.of(), List.of(), error, true);
    }

    /** True when the target could not be read at all, as opposed to read in part. */
    public boolean unreadable() {
        return error != null && texts.isEmpty() && binaries.isEmpty() && issues.isEmpty();
    }
}
