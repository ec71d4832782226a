package dev.chainhunt.model;

import java.util.Locale;

/**
 * The step of an attack a finding belongs to, in the order an infection unfolds: how it starts,
 * how it hides, what it fetches, what it runs, what it takes, where it sends it, how it stays.
 */
public enum AttackStage {
    TRIGGER("runs"),
    OBFUSCATION("hides"),
    DOWNLOAD("fetches"),
    EXECUTION("executes"),
    COLLECTION("collects"),
    EXFILTRATION("sends"),
    PERSISTENCE("persists"),
    EVASION("evades"),
    IMPACT("damages"),
    INDICATOR("points to");

    private final String verb;

    AttackStage(String verb) {
        this.verb = verb;
    }

    /** The verb a chain sentence uses for this step ("hides", "fetches"). */
    public String verb() {
        return verb;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AttackStage parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
