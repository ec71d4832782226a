package dev.chainhunt.model;

import java.util.Locale;

/** What kind of text a source file holds; decides which rules and parsers apply. */
public enum Language {
    PYTHON(true),
    /** A Python path configuration file: lines starting with {@code import} run at every interpreter start. */
    PTH(true),
    JAVASCRIPT(true),
    SHELL(true),
    POWERSHELL(true),
    BATCH(true),
    JSON(false),
    TEXT(false);

    private final boolean code;

    Language(boolean code) {
        this.code = code;
    }

    /** True for languages whose text is executed by some interpreter. */
    public boolean isCode() {
        return code;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
