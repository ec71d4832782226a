package dev.chainhunt.score;

import dev.chainhunt.manifest.FileRoles;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.FileRole;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings to a score and a verdict, as a pure function. Each rule counts once, with its strongest
 * finding (so a thousand minified lines do not add up to a verdict); rules combine like independent
 * pieces of evidence: {@code score = 10 × (1 − Π(1 − weight))}, where a finding's weight is its
 * severity's weight times its confidence's, raised by half in code that runs on install or import,
 * halved in tests and documentation.
 */
public final class RiskScorer {

    public static final double SUSPICIOUS = 4.0;
    public static final double MALICIOUS = 7.0;
    private static final int MAX_REASONS = 5;
    /** The weight left to a finding in tests or documentation. */
    static final double ASIDE = 0.5;
    /** The weight added to a finding in code that runs on install or import, and its ceiling. */
    static final double AUTORUN = 1.5;
    static final double AUTORUN_CAP = 0.95;

    private RiskScorer() {
    }

    public static Risk score(List<Finding> findings) {
        Map<String, Finding> strongest = new LinkedHashMap<>();
        for (Finding f : findings) {
            strongest.merge(f.ruleId(), f, (a, b) -> weight(b) > weight(a) ? b : a);
        }
        double clean = 1.0;
        for (Finding f : strongest.values()) {
            clean *= 1.0 - weight(f);
        }
        // The epsilon keeps products like 0.1 × 0.75 from rounding down through binary error.
        double score = Math.round((1.0 - clean) * 100.0 + 1e-9) / 10.0;
        Verdict verdict = score >= MALICIOUS ? Verdict.MALICIOUS : score >= SUSPICIOUS ? Verdict.SUSPICIOUS : Verdict.CLEAN;
        List<String> reasons = new ArrayList<>();
        strongest.values().stream()
                .filter(f -> weight(f) > 0)
                .sorted(Comparator.comparingDouble(RiskScorer::weight).reversed())
                .limit(MAX_REASONS)
                .forEach(f -> reasons.add(f.ruleId() + " (" + f.severity().id() + ", " + f.confidence().id()
                        + " confidence) at " + f.location()));
        return new Risk(score, verdict, reasons, chain(strongest.values()));
    }

    /**
     * The attack chain: one line per step present, in the order an infection unfolds, naming what
     * was found at that step ("runs on install: setup.py", "hides: Decoded code is executed (base64 → zlib)").
     */
    static List<String> chain(java.util.Collection<Finding> findings) {
        List<Finding> weighty = findings.stream().filter(f -> weight(f) > 0).toList();
        List<String> steps = new ArrayList<>();
        java.util.Set<String> autorun = new java.util.LinkedHashSet<>();
        for (Finding f : weighty) {
            FileRole role = FileRoles.of(f.location().file());
            if (role == FileRole.INSTALL || role == FileRole.IMPORT) {
                autorun.add((role == FileRole.INSTALL ? "on install: " : "on import: ") + f.location().file());
            }
        }
        if (!autorun.isEmpty()) {
            steps.add("runs " + String.join(", ", autorun));
        }
        for (AttackStage stage : AttackStage.values()) {
            java.util.Set<String> what = new java.util.LinkedHashSet<>();
            for (Finding f : weighty) {
                if (f.stage() == stage) {
                    what.add(f.ruleId() + (f.decodeChain().isEmpty() ? "" : " (" + String.join(" → ", f.decodeChain()) + ")"));
                }
            }
            if (!what.isEmpty()) {
                steps.add(stage.verb() + ": " + String.join(", ", what));
            }
        }
        return steps;
    }

    /** How much one finding alone moves the score, from 0 to 1. */
    public static double weight(Finding f) {
        double w = severityWeight(f.severity()) * confidenceWeight(f.confidence());
        return switch (FileRoles.of(f.location().file())) {
            case INSTALL, IMPORT -> Math.min(AUTORUN_CAP, w * AUTORUN);
            case TEST, DOCS -> w * ASIDE;
            case CODE -> w;
        };
    }

    static double severityWeight(Severity s) {
        return switch (s) {
            case CRITICAL -> 0.95;
            case HIGH -> 0.6;
            case MEDIUM -> 0.3;
            case LOW -> 0.1;
            case INFO -> 0.0;
        };
    }

    static double confidenceWeight(Confidence c) {
        return switch (c) {
            case HIGH -> 1.0;
            case MEDIUM -> 0.75;
            case LOW -> 0.5;
        };
    }
}
