package dev.chainhunt.model;

import java.util.Locale;

/** The package ecosystem a target belongs to, as far as its contents tell. */
public enum Ecosystem {
    PYPI, NPM, UNKNOWN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
