package dev.chainhunt.rules;

/**
 * A detection: logic plus one catalogue entry. Implementations are {@link SourceRule}s (one text
 * file at a time) or {@link TargetRule}s (the target as a whole) and are discovered with
 * {@link java.util.ServiceLoader}.
 */
public interface Rule {

    RuleMetadata metadata();

    default String id() {
        return metadata().id();
    }
}
