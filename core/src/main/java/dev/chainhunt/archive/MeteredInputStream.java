package dev.chainhunt.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes that come out of a decompressor against the target's total budget and against
 * the compression-ratio limit of the archive they come from.
 */
final class MeteredInputStream extends FilterInputStream {

    /** The uncompressed bytes produced so far by one archive, compared with its compressed size. */
    static final class Meter {
        private final Extraction extraction;
        private final String archivePath;
        private final long compressedSize;
        private long produced;

        Meter(Extraction extraction, String archivePath, long compressedSize) {
            this.extraction = extraction;
            this.archivePath = archivePath;
            this.compressedSize = Math.max(1, compressedSize);
        }

        void add(long n) {
            produced += n;
            extraction.countBytes(n, archivePath);
            int maxRatio = extraction.limits().maxRatio();
            if (produced > Limits.RATIO_FLOOR && produced / compressedSize > maxRatio) {
                throw new LimitExceeded(new ArchiveIssue(ArchiveIssue.Kind.BOMB, archivePath,
                        "expands more than " + maxRatio + " times (" + produced + " bytes out of "
                                + compressedSize + " compressed)", true));
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
