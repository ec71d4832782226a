package dev.chainhunt.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

import dev.chainhunt.rules.query.QueryRuleLoader;

/** The rules chainhunt knows, found on the class path; ids are unique. */
public final class RuleCatalog {

    private final Map<String, Rule> byId;
    private final List<SourceRule> sourceRules;
    private final List<TargetRule> targetRules;

    private RuleCatalog(List<Rule> rules) {
        Map<String, Rule> map = new LinkedHashMap<>();
        List<SourceRule> source = new ArrayList<>();
        List<TargetRule> target = new ArrayList<>();
        rules.sort(Comparator.comparing(Rule::id));
        for (Rule rule : rules) {
            if (map.putIfAbsent(rule.id(), rule) != null) {
                throw new IllegalStateException("two rules share the id " + rule.id());
            }
            if (rule instanceof SourceRule s) {
                source.add(s);
            }
            if (rule instanceof TargetRule t) {
                target.add(t);
            }
        }
        this.byId = Collections.unmodifiableMap(map);
        this.sourceRules = List.copyOf(source);
        this.targetRules = List.copyOf(target);
    }

    /**
     * Every built-in rule: code rules registered under {@code META-INF/services/dev.chainhunt.rules.Rule}
     * and declarative rules found as YAML under {@code dev/chainhunt/rules/}.
     */
    public static RuleCatalog builtIn() {
        return new RuleCatalog(builtInRules());
    }

    /** The built-in rules plus the declarative rules in {@code dirs} (a user's own). */
    public static RuleCatalog withUserRules(List<java.nio.file.Path> dirs) throws java.io.IOException {
        List<Rule> rules = builtInRules();
        for (java.nio.file.Path dir : dirs) {
            rules.addAll(QueryRuleLoader.load(dir));
        }
        return new RuleCatalog(rules);
    }

    private static List<Rule> builtInRules() {
        List<Rule> rules = new ArrayList<>();
        ServiceLoader.load(Rule.class, RuleCatalog.class.getClassLoader()).forEach(rules::add);
        rules.addAll(QueryRuleLoader.builtIn());
        return rules;
    }

    public static RuleCatalog of(List<? extends Rule> rules) {
        return new RuleCatalog(new ArrayList<>(rules));
    }

    public List<Rule> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Rule> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<SourceRule> sourceRules() {
        return sourceRules;
    }

    public List<TargetRule> targetRules() {
        return targetRules;
    }
}
