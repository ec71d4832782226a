package dev.chainhunt.cli;

import dev.chainhunt.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code chainhunt} command; the work is done by its subcommands. */
@Command(name = "chainhunt",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = "Hunts software supply-chain infection techniques in packages and codebases, "
                + "statically: nothing scanned is ever installed, run or unpacked to disk.",
        subcommands = {ScanCommand.class, InspectCommand.class, EvalCommand.class, RulesCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
final class ChainhuntCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (scan, rules or help)");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chainhunt " + Version.get()};
        }
    }
}
