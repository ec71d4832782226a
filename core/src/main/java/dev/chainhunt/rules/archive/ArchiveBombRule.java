package dev.chainhunt.rules.archive;

import dev.chainhunt.archive.ArchiveIssue;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;

import java.util.List;

/** A read limit was hit: decompression bombs, absurd entry counts, archives nested too deep. */
public final class ArchiveBombRule extends ArchiveIssueRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "archive-bomb",
            "Archive exceeds a read limit (decompression bomb)",
            "An archive that expands far beyond its size, declares impossible sizes, holds a huge number of "
                    + "entries or nests archives deeply is built to exhaust the disk, memory or time of whatever "
                    + "unpacks it, including scanners. Only the part within the limits was scanned. Ordinary "
                    + "large packages can hit the total or per-entry limit, which is reported at low severity.",
            Severity.HIGH,
            Confidence.HIGH,
            AttackStage.IMPACT,
            List.of("T1499"),
            "a 40 KiB zip whose single entry inflates to 4 GiB of zeros");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    ArchiveIssue.Kind kind() {
        return ArchiveIssue.Kind.BOMB;
    }

    @Override
    Severity mild() {
        return Severity.LOW;
    }
}
