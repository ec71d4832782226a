package dev.chainhunt;

import dev.chainhunt.archive.Limits;
import dev.chainhunt.baseline.Baseline;

import java.util.Objects;

/**
 * How to scan. Immutable; start from {@link #defaults()} and change what you need.
 *
 * @param limits   how much of a target may be read (hostile-archive protection)
 * @param baseline findings the user suppressed (never read from a scanned package)
 */
public record ScanOptions(Limits limits, Baseline baseline) {

    public ScanOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(baseline, "baseline");
    }

    public static ScanOptions defaults() {
        return new ScanOptions(Limits.DEFAULT, Baseline.EMPTY);
    }

    public ScanOptions withLimits(Limits limits) {
        return new ScanOptions(limits, baseline);
    }

    public ScanOptions withBaseline(Baseline baseline) {
        return new ScanOptions(limits, baseline);
    }
}
