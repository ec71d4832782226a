package dev.chainhunt.rules.text;

import dev.chainhunt.model.Language;
import dev.chainhunt.rules.SourceRule;

/** A rule over the raw text of any code file, whatever its language (and decoded stages too). */
interface TextRule extends SourceRule {

    @Override
    default boolean appliesTo(Language language) {
        return language.isCode();
    }
}
