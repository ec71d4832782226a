package dev.chainhunt.rules;

/** A rule that looks at a whole target: its container, its manifests, its file list. */
public interface TargetRule extends Rule {

    void check(TargetContext context);
}
