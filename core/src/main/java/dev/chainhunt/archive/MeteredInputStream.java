package dev.chainhunt.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * Counts the bytes that come out of a decompressor against the target's total budget and against
 * the compression-ratio limit.
 */
final class MeteredInputStream extends FilterInputStream {

    /**
     * The uncompressed bytes produced so far by one decompressor, compared with the compressed
     * bytes it consumed to produce them.
     */
    static final class Meter {
        private final Extraction extraction;
        private final String archivePath;
        private final LongSupplier consumed;
        private long produced;

        /** @param consumed compressed bytes read so far, or null where nothing is decompressed (plain tar, files) */
        Meter(Extraction extraction, String archivePath, LongSupplier consumed) {
            this.extraction = extraction;
            this.archivePath = archivePath;
            this.consumed = consumed;
        }

        void add(long n) {
            produced += n;
            extraction.countBytes(n, archivePath);
            if (consumed == null || produced <= Limits.RATIO_FLOOR) {
                return;
            }
            long in = Math.max(1, consumed.getAsLong());
            int maxRatio = extraction.limits().maxRatio();
            if (produced / in > maxRatio) {
                throw new LimitExceeded(new ArchiveIssue(ArchiveIssue.Kind.BOMB, archivePath,
                        "expands more than " + maxRatio + " times (" + produced + " bytes out of " + in
                                + " compressed bytes read so far)", true));
            }
        }
    }

    private final Meter meter;

    MeteredInputStream(InputStream in, Meter meter) {
        super(in);
        this.meter = meter;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            meter.add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            meter.add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping must still decompress and count, so read instead of delegating.
        byte[] sink = new byte[(int) Math.min(8192, Math.max(1, n))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(sink, 0, (int) Math.min(sink.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }
}
