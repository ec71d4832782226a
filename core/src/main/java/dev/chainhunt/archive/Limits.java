package dev.chainhunt.archive;

/**
 * How much of a target chainhunt is willing to read. Every limit protects the scanner from a
 * hostile artifact; hitting one yields an {@code archive-bomb} finding and a partial scan.
 *
 * @param maxTotalBytes  uncompressed bytes read from one target, over all nesting levels
 * @param maxEntryBytes  bytes kept of one entry (longer text entries are cut here)
 * @param maxEntries     entries (files, links, devices) in one target
 * @param maxRatio       uncompressed-to-compressed ratio of one archive, checked once more than
 *                       {@link #RATIO_FLOOR} bytes came out of it
 * @param maxDepth       archives nested inside archives (1 = an archive inside the target is opened)
 */
public record Limits(long maxTotalBytes, long maxEntryBytes, int maxEntries, int maxRatio, int maxDepth) {

    /** Ratios are only judged once this many bytes came out, so small, very compressible files pass. */
    public static final long RATIO_FLOOR = 8L << 20;

    public static final Limits DEFAULT = new Limits(512L << 20, 64L << 20, 100_000, 200, 3);

    public Limits {
        if (maxTotalBytes <= 0 || maxEntryBytes <= 0 || maxEntries <= 0 || maxRatio <= 0 || maxDepth < 0) {
            throw new IllegalArgumentException("limits must be positive (depth may be 0)");
        }
        if (maxEntryBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("maxEntryBytes must be below 2 GiB");
        }
    }

    public Limits withMaxTotalBytes(long v) {
        return new Limits(v, maxEntryBytes, maxEntries, maxRatio, maxDepth);
    }

    public Limits withMaxEntryBytes(long v) {
        return new Limits(maxTotalBytes, v, maxEntries, maxRatio, maxDepth);
    }

    public Limits withMaxEntries(int v) {
        return new Limits(maxTotalBytes, maxEntryBytes, v, maxRatio, maxDepth);
    }

    public Limits withMaxRatio(int v) {
        return new Limits(maxTotalBytes, maxEntryBytes, maxEntries, v, maxDepth);
    }

    public Limits withMaxDepth(int v) {
        return new Limits(maxTotalBytes, maxEntryBytes, maxEntries, maxRatio, v);
    }
}
