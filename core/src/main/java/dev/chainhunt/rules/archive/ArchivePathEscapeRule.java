package dev.chainhunt.rules.archive;

import dev.chainhunt.archive.ArchiveIssue;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;

import java.util.List;

/** Entry names that would be written outside the extraction folder ("zip slip"). */
public final class ArchivePathEscapeRule extends ArchiveIssueRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "archive-path-escape",
            "Archive entry escapes the extraction folder",
            "Entry names with '..' segments, absolute paths or drive letters make naive extractors write "
                    + "outside the target folder (zip slip): overwriting a shell start-up file, a cron entry "
                    + "or another package. Build tools never produce such names.",
            Severity.HIGH,
            Confidence.MEDIUM,
            AttackStage.PERSISTENCE,
            List.of("T1574"),
            "pkg-1.0/../../../home/user/.bashrc");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    ArchiveIssue.Kind kind() {
        return ArchiveIssue.Kind.PATH_ESCAPE;
    }

    @Override
    Severity mild() {
        return Severity.MEDIUM;
    }
}
