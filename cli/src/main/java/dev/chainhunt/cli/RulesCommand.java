package dev.chainhunt.cli;

import dev.chainhunt.rules.Rule;
import dev.chainhunt.rules.RuleCatalog;
import dev.chainhunt.rules.RuleMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/** {@code chainhunt rules list|explain}: the detection catalogue. */
@Command(name = "rules",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = "Shows the rules chainhunt applies.",
        subcommands = {RulesCommand.ListRules.class, RulesCommand.Explain.class})
final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand (list or explain)");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists every rule: id, severity, confidence, title and ATT&CK ids.")
    static final class ListRules implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            PrintWriter out = spec.commandLine().getOut();
            java.util.List<Rule> rules = RuleCatalog.builtIn().all();
            int idWidth = Math.max(2, rules.stream().mapToInt(r -> r.metadata().id().length()).max().orElse(2));
            String row = "%-" + idWidth + "s  %-9s %-10s %s (%s)%n";
            out.printf("%-" + idWidth + "s  %-9s %-10s %s%n", "ID", "SEVERITY", "CONFIDENCE", "TITLE (ATT&CK)");
            for (Rule rule : rules) {
                RuleMetadata m = rule.metadata();
                out.printf(row, m.id(), m.severity().id(), m.confidence().id(), m.title(), String.join(", ", m.attack()));
            }
            out.flush();
        }
    }

    @Command(name = "explain", mixinStandardHelpOptions = true, description = "Explains one rule: what it finds, why it matters, an example.")
    static final class Explain implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The rule id, as shown by 'chainhunt rules list'.")
        String id;

        @Override
        public void run() {
            Rule rule = RuleCatalog.builtIn().find(id).orElseThrow(() -> new CommandLine.ParameterException(
                    spec.commandLine(), "no rule with id '" + id + "' (see 'chainhunt rules list')"));
            RuleMetadata m = rule.metadata();
            PrintWriter out = spec.commandLine().getOut();
            out.println(m.id() + " — " + m.title());
            out.println();
            out.println("  severity:   " + m.severity().id() + " (default; a finding may raise or lower it)");
            out.println("  confidence: " + m.confidence().id());
            out.println("  ATT&CK:     " + String.join(", ", m.attack()));
            out.println();
            out.println("  " + m.description());
            if (m.example() != null) {
                out.println();
                out.println("  Example: " + m.example());
            }
            out.flush();
        }
    }
}
