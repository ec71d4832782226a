package dev.chainhunt.score;

import dev.chainhunt.manifest.FileRoles;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.FileRole;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Trigger;
import dev.chainhunt.model.Verdict;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Findings to a score and a verdict, as a pure function. Each rule counts once, with its strongest
 * finding (so a thousand minified lines do not add up to a verdict); rules combine like independent
 * pieces of evidence: {@code score = 10 × (1 − Π(1 − weight))} (weak signals together capped), where a finding's weight is its
 * severity's weight times its confidence's, raised by half in code that runs on its own (on install
 * or import) wherever it sits, cut to 40% in tests and documentation that nothing runs on its own.
 * Findings that together make a working attack (two or more harmful steps, such as collecting
 * credentials and sending them) add evidence of their own. Findings all in tests, documentation or
 * tooling that nothing runs on its own score at most {@link #ASIDE_ONLY}, or {@link #ASIDE_CHAIN}
 * when they make a chain. Collecting alone, in code that runs only
 * when called, scores at most {@link #COLLECTION_ONLY}: a library that reads what its caller asks for.
 */
public final class RiskScorer {

    public static final double SUSPICIOUS = 4.0;
    public static final double MALICIOUS = 7.0;
    /**
     * The most that collecting alone scores in code that runs only when called (a cookie or keyring
     * library reading what its caller asks for): a capability worth a look, not an attack.
     */
    public static final double COLLECTION_ONLY = 6.0;
    private static final int MAX_REASONS = 5;
    /** The weight left to a finding in tests or documentation that nothing runs on its own. */
    static final double ASIDE = 0.4;
    /** The most that findings all in tests, documentation or tooling score together: below suspicious. */
    static final double ASIDE_ONLY = 3.9;
    /**
     * The most that a working chain scores when it sits in tests, documentation or tooling that
     * nothing runs on its own (a maintainer's VM bootstrap that downloads an installer and runs it):
     * worth a look, not what installing or importing the package does.
     */
    static final double ASIDE_CHAIN = 6.0;
    /** The weight added to a finding in code that runs on install or import, and its ceiling. */
    static final double AUTORUN = 1.5;
    static final double AUTORUN_CAP = 0.95;
    /** Steps that do harm, as opposed to how code starts, hides or where it points. */
    private static final Set<AttackStage> HARMFUL = java.util.EnumSet.of(AttackStage.DOWNLOAD, AttackStage.EXECUTION,
            AttackStage.COLLECTION, AttackStage.EXFILTRATION, AttackStage.PERSISTENCE, AttackStage.EVASION, AttackStage.IMPACT);
    /** Findings weighing less than this are weak signals; together they weigh at most {@link #WEAK_TOGETHER}. */
    static final double WEAK = 0.25;
    static final double WEAK_TOGETHER = 0.35;
    /** The least weight a finding needs to count as a step of a chain, and what chains of two or three add. */
    static final double CHAIN_MEMBER = 0.2;
    static final double CHAIN_OF_TWO = 0.4;
    static final double CHAIN_OF_THREE = 0.6;

    private RiskScorer() {
    }

    public static Risk score(List<Finding> findings) {
        return score(findings, path -> false);
    }

    /**
     * @param loaded whether a file is imported by code that runs on its own (a {@code tests/}
     *               module the package's {@code __init__.py} imports is package code, not a test)
     */
    public static Risk score(List<Finding> findings, java.util.function.Predicate<String> loaded) {
        java.util.function.ToDoubleFunction<Finding> weigh = f -> weight(f, loaded);
        Map<String, Finding> strongest = new LinkedHashMap<>();
        for (Finding f : findings) {
            strongest.merge(f.ruleId(), f, (a, b) -> weigh.applyAsDouble(b) > weigh.applyAsDouble(a) ? b : a);
        }
        double clean = 1.0;
        double weakClean = 1.0;
        for (Finding f : strongest.values()) {
            double w = weigh.applyAsDouble(f);
            if (w < WEAK) {
                weakClean *= 1.0 - w;
            } else {
                clean *= 1.0 - w;
            }
        }
        // Weak signals (a test that unpickles, a tool that reads ~/.ssh, a long line) add to strong
        // ones, but however many there are, they do not make a package suspicious on their own.
        clean *= 1.0 - Math.min(1.0 - weakClean, WEAK_TOGETHER);
        Set<AttackStage> steps = chainSteps(findings, weigh);
        double chainWeight = steps.size() >= 3 ? CHAIN_OF_THREE : steps.size() == 2 ? CHAIN_OF_TWO : 0.0;
        clean *= 1.0 - chainWeight;
        // The epsilon keeps products like 0.1 × 0.75 from rounding down through binary error.
        double score = Math.round((1.0 - clean) * 100.0 + 1e-9) / 10.0;
        if (collectsOnlyWhenCalled(strongest.values(), weigh)) {
            score = Math.min(score, COLLECTION_ONLY);
        }
        if (onlyAside(strongest.values(), loaded)) {
            score = Math.min(score, steps.size() < 2 ? ASIDE_ONLY : ASIDE_CHAIN);
        }
        Verdict verdict = score >= MALICIOUS ? Verdict.MALICIOUS : score >= SUSPICIOUS ? Verdict.SUSPICIOUS : Verdict.CLEAN;
        List<String> reasons = new ArrayList<>();
        strongest.values().stream()
                .filter(f -> weigh.applyAsDouble(f) > 0)
                .sorted(Comparator.comparingDouble(weigh).reversed())
                .limit(MAX_REASONS)
                .forEach(f -> reasons.add(f.ruleId() + " (" + f.severity().id() + ", " + f.confidence().id()
                        + " confidence) at " + f.location()));
        if (chainWeight > 0 && reasons.size() < MAX_REASONS) {
            reasons.add("attack chain of " + steps.size() + " steps: " + String.join(", ",
                    steps.stream().map(AttackStage::verb).toList()));
        }
        return new Risk(score, verdict, reasons, chain(strongest.values(), weigh));
    }

    /**
     * Every finding is in tests, documentation or tooling that nothing runs on its own (nor imports
     * from code that does): however many, they are what a test suite or an example does, not what
     * installing or importing the package does. Not applied to a working attack chain (a download
     * run, data collected and sent), wherever it sits.
     */
    private static boolean onlyAside(java.util.Collection<Finding> findings, java.util.function.Predicate<String> loaded) {
        boolean any = false;
        for (Finding f : findings) {
            if (f.severity() == Severity.INFO) {
                continue;
            }
            if (f.trigger().automatic() || !isAside(f, loaded)) {
                return false;
            }
            any = true;
        }
        return any;
    }

    private static boolean isAside(Finding f, java.util.function.Predicate<String> loaded) {
        FileRole role = FileRoles.of(f.location().file());
        boolean aside = role == FileRole.TEST || role == FileRole.DOCS || role == FileRole.TOOLING;
        return aside && !loaded.test(f.location().file());
    }

    /** Every finding that could be a step of a chain is collection, in code that does not run on its own. */
    private static boolean collectsOnlyWhenCalled(java.util.Collection<Finding> findings,
                                                  java.util.function.ToDoubleFunction<Finding> weigh) {
        boolean any = false;
        for (Finding f : findings) {
            if (weigh.applyAsDouble(f) < CHAIN_MEMBER) {
                continue;
            }
            if (f.stage() != AttackStage.COLLECTION || f.trigger().automatic()) {
                return false;
            }
            any = true;
        }
        return any;
    }

    /**
     * The longest attack chain among findings that belong together: those of one file (a decoded
     * stage counts with its file), and those in code that runs on its own (install or import time),
     * whichever files it spans. A download helper in a build script and a hidden console window in
     * an unrelated module are not a chain.
     */
    static Set<AttackStage> chainSteps(List<Finding> findings) {
        return chainSteps(findings, RiskScorer::weight);
    }

    private static Set<AttackStage> chainSteps(List<Finding> findings, java.util.function.ToDoubleFunction<Finding> weigh) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (Finding f : findings) {
            groups.computeIfAbsent(f.location().file(), k -> new ArrayList<>()).add(f);
            if (f.trigger().automatic()) {
                groups.computeIfAbsent("\0autorun", k -> new ArrayList<>()).add(f);
            }
        }
        Set<AttackStage> longest = java.util.EnumSet.noneOf(AttackStage.class);
        for (List<Finding> group : groups.values()) {
            Set<AttackStage> steps = harmfulSteps(group, weigh);
            if (steps.size() > longest.size()) {
                longest = steps;
            }
        }
        return longest;
    }

    /**
     * The distinct harmful steps (fetch, execute, collect, send, persist, evade, damage) that
     * findings of some weight stand for, with an evasive endpoint counting when it joins one. Code that does two of these things, such as collecting
     * tokens and sending them, is more than the sum of two suspicions: it is a working attack.
     */
    static Set<AttackStage> harmfulSteps(java.util.Collection<Finding> findings) {
        return harmfulSteps(findings, RiskScorer::weight);
    }

    private static Set<AttackStage> harmfulSteps(java.util.Collection<Finding> findings,
                                                 java.util.function.ToDoubleFunction<Finding> weigh) {
        Set<AttackStage> steps = java.util.EnumSet.noneOf(AttackStage.class);
        for (Finding f : findings) {
            // A low-confidence finding (one the user is asked to confirm first) is not a step of an attack.
            if ((HARMFUL.contains(f.stage()) || f.stage() == AttackStage.INDICATOR) && f.confidence() != Confidence.LOW
                    && weigh.applyAsDouble(f) >= CHAIN_MEMBER) {
                steps.add(f.stage());
            }
        }
        // Where a payload comes from or goes to (a raw IP, a file-drop host) sharpens a harmful
        // step, but is not a step of its own.
        if (steps.size() == 1) {
            steps.remove(AttackStage.INDICATOR);
        }
        return steps;
    }

    /**
     * The attack chain: one line per step present, in the order an infection unfolds, naming what
     * was found at that step ("runs on install: setup.py", "hides: Decoded code is executed (base64 → zlib)").
     */
    static List<String> chain(java.util.Collection<Finding> findings, java.util.function.ToDoubleFunction<Finding> weigh) {
        List<Finding> weighty = findings.stream().filter(f -> weigh.applyAsDouble(f) > 0).toList();
        List<String> steps = new ArrayList<>();
        java.util.Set<String> autorun = new java.util.LinkedHashSet<>();
        for (Finding f : weighty) {
            if (f.trigger().automatic()) {
                autorun.add(f.trigger().phrase() + ": " + f.location().file());
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
        return weight(f, path -> false);
    }

    /** How much one finding moves the score, when {@code loaded} tells which files the package itself imports. */
    static double weight(Finding f, java.util.function.Predicate<String> loaded) {
        double w = severityWeight(f.severity()) * confidenceWeight(f.confidence());
        if (f.trigger().automatic()) {
            // Code that runs on its own counts fully wherever it sits, tests/ included.
            return Math.min(AUTORUN_CAP, w * AUTORUN);
        }
        // A "test" module that the package itself imports is package code.
        return isAside(f, loaded) ? w * ASIDE : w;
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
