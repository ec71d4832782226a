package dev.chainhunt.model;

import java.util.Locale;

/** The overall judgement on one target. {@code ERROR} means the target could not be read at all. */
public enum Verdict {
    CLEAN, SUSPICIOUS, MALICIOUS, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True for the verdicts that say something about the code ({@code clean}, {@code suspicious}, {@code malicious}). */
    public boolean isJudgement() {
        return this != ERROR;
    }

    /** Whether this verdict is at or above the given threshold; {@code ERROR} never is. */
    public boolean atLeast(Verdict threshold) {
        return isJudgement() && compareTo(threshold) >= 0;
    }
}
