package dev.chainhunt.cli;

import dev.chainhunt.rules.RuleCatalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The rule catalogue a command uses: the built-in rules plus the user's --rules directories. */
final class Catalogs {

    private Catalogs() {
    }

    static RuleCatalog load(List<Path> ruleDirs) {
        try {
            return ruleDirs.isEmpty() ? RuleCatalog.builtIn() : RuleCatalog.withUserRules(ruleDirs);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new UsageException("cannot load rules: " + e.getMessage());
        }
    }
}
