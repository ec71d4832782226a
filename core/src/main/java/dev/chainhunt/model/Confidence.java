package dev.chainhunt.model;

import java.util.Locale;

/** How sure a rule is that the matched code really is the technique it names. */
public enum Confidence {
    LOW, MEDIUM, HIGH;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Confidence parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }
}
