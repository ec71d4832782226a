package dev.chainhunt.rules.archive;

import dev.chainhunt.archive.ArchiveIssue;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.TargetContext;
import dev.chainhunt.rules.TargetRule;

/**
 * Turns the container problems the archive reader noticed into findings: one rule per kind of
 * problem, clearly hostile instances at the rule's severity, merely unusual ones at {@link #mild()}.
 */
abstract class ArchiveIssueRule implements TargetRule {

    abstract ArchiveIssue.Kind kind();

    /** Severity and confidence of an instance that is unusual but not clearly hostile. */
    abstract Severity mild();

    Confidence mildConfidence() {
        return metadata().confidence();
    }

    @Override
    public final void check(TargetContext context) {
        for (ArchiveIssue issue : context.contents().issues()) {
            if (issue.kind() != kind()) {
                continue;
            }
            context.at(this, issue.path())
                    .severity(issue.severe() ? metadata().severity() : mild())
                    .confidence(issue.severe() ? metadata().confidence() : mildConfidence())
                    .report(issue.detail());
        }
    }
}
