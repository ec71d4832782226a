package dev.chainhunt.rules;

import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A rule's catalogue entry: what it finds, why it matters, its default severity and confidence,
 * the step of an attack it recognises, the MITRE ATT&CK techniques it maps to, and a short example
 * of code it flags.
 */
public record RuleMetadata(
        String id,
        String title,
        String description,
        Severity severity,
        Confidence confidence,
        AttackStage stage,
        List<String> attack,
        String example) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+");
    private static final Pattern TECHNIQUE = Pattern.compile("T\\d{4}(\\.\\d{3})?");

    public RuleMetadata {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(stage, "stage");
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("rule id must be kebab-case with a prefix: " + id);
        }
        for (String technique : attack) {
            if (!TECHNIQUE.matcher(technique).matches()) {
                throw new IllegalArgumentException(id + ": not an ATT&CK technique id: " + technique);
            }
        }
        attack = List.copyOf(attack);
    }
}
