package dev.chainhunt.rules.archive;

import dev.chainhunt.archive.ArchiveIssue;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;

import java.util.List;

/** Symbolic links, hard links and device entries; never followed, reported by where they lead. */
public final class ArchiveLinkRule extends ArchiveIssueRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "archive-link",
            "Archive holds a link or device entry",
            "A link that points outside the archive (to '/', '~/.ssh' or '/etc') lets an extractor read or "
                    + "overwrite files elsewhere; device entries have no place in a package. Links that stay "
                    + "inside the archive are common in source trees and reported for information only.",
            Severity.HIGH,
            Confidence.MEDIUM,
            AttackStage.EVASION,
            List.of("T1574"),
            "pkg-1.0/config -> /etc");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    ArchiveIssue.Kind kind() {
        return ArchiveIssue.Kind.LINK;
    }

    @Override
    Severity mild() {
        return Severity.INFO;
    }

    @Override
    Confidence mildConfidence() {
        return Confidence.HIGH;
    }
}
