package dev.chainhunt.cli;

import picocli.CommandLine;

/** Whether {@code --debug} was given anywhere on the command line. */
final class Debug {

    private Debug() {
    }

    static boolean enabled(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
