package dev.chainhunt;

import dev.chainhunt.archive.Limits;

import java.util.Objects;

/**
 * How to scan. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param limits how much of a target may be read (hostile-archive protection)
 */
public record ScanOptions(Limits limits) {

    public ScanOptions {
        Objects.requireNonNull(limits, "limits");
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Limits.DEFAULT);
    }

    public ScanOptions withLimits(Limits limits) {
        return new ScanOptions(limits);
    }
}
