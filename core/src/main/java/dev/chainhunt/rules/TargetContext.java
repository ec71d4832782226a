package dev.chainhunt.rules;

import dev.chainhunt.archive.Contents;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.PackageInfo;

import java.util.function.Consumer;

/** What a {@link TargetRule} sees of a whole target, and where it reports. */
public final class TargetContext {

    private final String targetName;
    private final Contents contents;
    private final PackageInfo packageInfo;
    private final Consumer<Finding> sink;

    public TargetContext(String targetName, Contents contents, PackageInfo packageInfo, Consumer<Finding> sink) {
        this.targetName = targetName;
        this.contents = contents;
        this.packageInfo = packageInfo;
        this.sink = sink;
    }

    public String targetName() {
        return targetName;
    }

    public Contents contents() {
        return contents;
    }

    public PackageInfo packageInfo() {
        return packageInfo;
    }

    /** A finding about a path of the target as a whole (no line). */
    public FindingBuilder at(Rule rule, String path) {
        return new FindingBuilder(rule.metadata(), Location.ofFile(path), sink);
    }

    /** A finding about one line of a file the target ships (a manifest's declaration). */
    public FindingBuilder at(Rule rule, String path, int line) {
        return new FindingBuilder(rule.metadata(), new Location(path, line, 1), sink);
    }
}
