package dev.chainhunt.archive;

/**
 * Thrown from deep inside decompression when a {@link Limits} bound is crossed. Unchecked on
 * purpose, so no library in between can swallow it as an ordinary I/O error.
 */
final class LimitExceeded extends RuntimeException {

    private final transient ArchiveIssue issue;

    LimitExceeded(ArchiveIssue issue) {
        super(issue.detail(), null, false, false);
        this.issue = issue;
    }

    ArchiveIssue issue() {
        return issue;
    }
}
