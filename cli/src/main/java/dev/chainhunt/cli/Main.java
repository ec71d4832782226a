package dev.chainhunt.cli;

import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/** The entry point: {@code main} only calls {@link #run} and exits with its code. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs chainhunt with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ChainhuntCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setParameterExceptionHandler((e, rawArgs) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("chainhunt: " + e.getMessage());
            cmd.getErr().println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.USAGE.code();
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof UsageException) {
                cmd.getErr().println("chainhunt: " + e.getMessage());
                return ExitCode.USAGE.code();
            }
            cmd.getErr().println("chainhunt: internal error: " + e
                    + (Debug.enabled(parsed) ? "" : " (run with --debug for details)"));
            if (Debug.enabled(parsed)) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCode.INTERNAL.code();
        });
        return cli.execute(args);
    }
}
