package dev.chainhunt.rules;

import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Trigger;

import java.util.List;
import java.util.function.Consumer;

/** Starts from a rule's defaults; a rule overrides what this particular match changes. */
public final class FindingBuilder {

    private final RuleMetadata rule;
    private final Consumer<Finding> sink;
    private Location location;
    private Severity severity;
    private Confidence confidence;
    private String snippet;
    private String evidence;
    private List<String> decodeChain = List.of();
    private Trigger trigger = Trigger.NONE;

    FindingBuilder(RuleMetadata rule, Location location, Consumer<Finding> sink) {
        this.rule = rule;
        this.location = location;
        this.sink = sink;
        this.severity = rule.severity();
        this.confidence = rule.confidence();
    }

    public FindingBuilder severity(Severity severity) {
        this.severity = severity;
        return this;
    }

    public FindingBuilder confidence(Confidence confidence) {
        this.confidence = confidence;
        return this;
    }

    public FindingBuilder snippet(String snippet) {
        this.snippet = snippet;
        return this;
    }

    /** How the matched code runs: on install, on import, or only when called. */
    public FindingBuilder trigger(Trigger trigger) {
        this.trigger = trigger;
        return this;
    }

    public FindingBuilder evidence(String evidence) {
        this.evidence = evidence;
        return this;
    }

    FindingBuilder relocate(Location location, List<String> decodeChain) {
        this.location = location;
        this.decodeChain = decodeChain;
        return this;
    }

    /**
     * The decode steps behind the matched value; inside a decoded stage they follow the stage's
     * own chain ({@code base64 → python} then the value's {@code hex}).
     */
    public FindingBuilder decodeChain(List<String> valueChain) {
        if (!valueChain.isEmpty()) {
            List<String> full = new java.util.ArrayList<>(decodeChain);
            full.addAll(valueChain);
            this.decodeChain = full;
        }
        return this;
    }

    public void report(String message) {
        sink.accept(new Finding(rule.id(), severity, confidence, rule.stage(), message, location, snippet, evidence,
                decodeChain, rule.attack(), trigger));
    }
}
