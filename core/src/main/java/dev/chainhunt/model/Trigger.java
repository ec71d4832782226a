package dev.chainhunt.model;

import java.util.Locale;

/**
 * Whether the code a finding is about runs without anyone calling it: when the package is
 * installed (setup.py, command classes pip runs, .pth files, modules those import) or imported
 * (a package's __init__.py and the modules it imports), only when the file is run as a script, or
 * only when something calls it.
 */
public enum Trigger {
    INSTALL("on install"),
    IMPORT("on import"),
    /** Under {@code if __name__ == '__main__':} of a module that is not setup.py: when someone runs the file. */
    SCRIPT("when run as a script"),
    NONE("when called");

    private final String phrase;

    Trigger(String phrase) {
        this.phrase = phrase;
    }

    /** How a sentence says it: "on install", "on import", "when called". */
    public String phrase() {
        return phrase;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the code runs on its own when the package is installed or imported. */
    public boolean automatic() {
        return this == INSTALL || this == IMPORT;
    }

    /** The earlier of two triggers: install beats import beats script beats none. */
    public Trigger or(Trigger other) {
        return other == null || ordinal() <= other.ordinal() ? this : other;
    }
}
