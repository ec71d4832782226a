package dev.chainhunt.model;

/**
 * A place in a target: the file path inside the target (archive entries use {@code outer!/inner} for
 * nested archives) and a 1-based line and column. Line 0 means "the file as a whole".
 */
public record Location(String file, int line, int column) {

    public static Location ofFile(String file) {
        return new Location(file, 0, 0);
    }

    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
