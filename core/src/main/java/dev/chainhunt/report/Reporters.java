package dev.chainhunt.report;

import dev.chainhunt.rules.RuleCatalog;

import java.util.List;

/** The report formats, by command-line name. */
public final class Reporters {

    public static final List<String> IDS = List.of("text", "json", "jsonl", "sarif");

    private Reporters() {
    }

    /**
     * A fresh reporter for format {@code id}.
     *
     * @param color   whether text output may use ANSI colours
     * @param catalog the rules, described in SARIF's rule list
     */
    public static Reporter create(String id, boolean color, RuleCatalog catalog) {
        return switch (id) {
            case "text" -> new TextReporter(color);
            case "json" -> new JsonReporter();
            case "jsonl" -> new JsonlReporter();
            case "sarif" -> new SarifReporter(catalog);
            default -> throw new IllegalArgumentException("unknown format '" + id + "' (choose from " + IDS + ")");
        };
    }
}
