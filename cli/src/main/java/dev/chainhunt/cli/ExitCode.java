package dev.chainhunt.cli;

/** chainhunt's exit codes: the contract CI jobs gate on. */
public enum ExitCode {
    /** Nothing at or above {@code --fail-on} and every target read. */
    OK(0),
    /** Some target's verdict is at or above {@code --fail-on}. */
    FINDINGS(1),
    /** The command line was wrong: an unknown flag, a bad value, no target, an unwritable output. */
    USAGE(2),
    /** Some target could not be read (missing, unreadable, truncated or corrupt) and none was at {@code --fail-on}. */
    UNREADABLE(3),
    /** chainhunt itself failed; a bug to report (run with --debug for details). */
    INTERNAL(4);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
