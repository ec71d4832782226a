package dev.chainhunt.model;

import java.util.Locale;

/** The kinds of indicator of compromise chainhunt extracts. */
public enum IocKind {
    URL, DOMAIN, IP;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
