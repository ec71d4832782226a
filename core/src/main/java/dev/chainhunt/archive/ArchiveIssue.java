package dev.chainhunt.archive;

/**
 * Something hostile or abnormal about the container itself, as opposed to the code inside it.
 *
 * @param kind   what went wrong
 * @param path   the normalised path of the entry concerned (the archive itself for whole-archive limits)
 * @param detail a sentence for people, naming the limit or the raw entry name
 * @param severe whether this instance is clearly hostile (a link out of the tree, an extreme ratio)
 *               rather than merely unusual (a link inside the tree, one oversized entry)
 */
public record ArchiveIssue(Kind kind, String path, String detail, boolean severe) {

    /** The three container-level techniques. */
    public enum Kind {
        /** A size, count, ratio or nesting limit was hit: decompression bombs and their kin. */
        BOMB,
        /** An entry name that leaves the extraction folder: {@code ..}, absolute paths, drive letters. */
        PATH_ESCAPE,
        /** A symbolic link, hard link or device entry: never followed. */
        LINK
    }
}
