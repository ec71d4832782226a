package dev.chainhunt.rules;

import dev.chainhunt.model.Language;

/** A rule that reads one source file at a time. */
public interface SourceRule extends Rule {

    /** Whether the rule has anything to say about files of this language. */
    boolean appliesTo(Language language);

    void check(SourceContext context);
}
