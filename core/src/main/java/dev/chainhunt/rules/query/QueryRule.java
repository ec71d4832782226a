package dev.chainhunt.rules.query;

import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.model.Language;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A rule written in YAML: metadata plus a {@link Condition} over the resolved model of a file.
 * Each place the condition holds becomes one finding (one per line), with the satisfying value's
 * text as evidence and its decode chain.
 *
 * @param message the finding message; {@code {callee}}, {@code {source}} and {@code {chain}} are filled in
 */
public record QueryRule(RuleMetadata metadata, List<Language> languages, Condition match, String message)
        implements SourceRule {

    /** Findings of one rule in one file, at most. */
    static final int MAX_PER_FILE = 20;

    @Override
    public boolean appliesTo(Language language) {
        return languages.contains(language);
    }

    @Override
    public void check(SourceContext context) {
        PyModel model = context.python();
        if (model == null) {
            return;
        }
        Matcher matcher = new Matcher(model, context.callsByCallee(), context::trigger, context.file().path(),
                context.file().provenance().isDecoded());
        Set<Integer> lines = new HashSet<>();
        for (Matcher.Match m : matcher.match(match)) {
            int offset = Math.max(0, Math.min(m.offset(), context.text().length()));
            int line = context.text().lineOf(offset);
            if (!lines.add(line) || lines.size() > MAX_PER_FILE) {
                continue;
            }
            List<String> chain = m.value() == null ? List.of() : m.value().chain();
            context.at(this, line, context.text().columnOf(offset))
                    .trigger(context.trigger(m.site() == null ? null : m.site().scope()))
                    .evidence(Matcher.evidence(m))
                    .decodeChain(chain)
                    .report(format(m, chain));
        }
    }

    private String format(Matcher.Match m, List<String> chain) {
        String callee = m.site() == null ? "" : m.site().callee();
        return message.replace("{callee}", callee.startsWith("builtins.") ? callee.substring(9) : callee)
                .replace("{source}", m.source() == null ? "an earlier call" : m.source())
                .replace("{chain}", chain.isEmpty() ? "no encoding" : String.join(" → ", chain));
    }
}
