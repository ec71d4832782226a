package dev.chainhunt.archive;

import dev.chainhunt.model.BinaryFile;
import dev.chainhunt.model.FileError;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * The state of reading one target: what was found so far and how much of each limit is used.
 * Archives are opened recursively in memory; nothing is ever written to disk.
 */
final class Extraction {

    /** How much of an entry is looked at to tell text, binary and nested archives apart. */
    static final int SNIFF = 8192;
    /** How many leading bytes of a binary file are kept (enough for any executable or image magic). */
    static final int HEAD = 64;
    /** Binaries up to this size are kept whole, for code that reads its package's data files. */
    static final int SMALL_BINARY = 256 * 1024;
    /** ... up to this much per target. */
    static final long MAX_KEPT_BINARY_BYTES = 16L << 20;
    private long keptBinaryBytes;
    /** An XZ stream may not ask for more memory than this (KiB): enough for xz -9 (65 MiB), not for a decoder-allocation bomb. */
    private static final int XZ_MEMORY_KIB = 96 * 1024;
    private static final int MAX_LINK_BYTES = 4096;

    private final Limits limits;
    private long totalBytes;
    private int entries;
    final List<TextEntry> texts = new ArrayList<>();
    final List<BinaryFile> binaries = new ArrayList<>();
    final List<ArchiveIssue> issues = new ArrayList<>();
    final List<FileError> fileErrors = new ArrayList<>();

    Extraction(Limits limits) {
        this.limits = limits;
    }

    Limits limits() {
        return limits;
    }

    int entries() {
        return entries;
    }

    long totalBytes() {
        return totalBytes;
    }

    void countBytes(long n, String where) {
        totalBytes += n;
        if (totalBytes > limits.maxTotalBytes()) {
            throw new LimitExceeded(new ArchiveIssue(ArchiveIssue.Kind.BOMB, where,
                    "more than " + limits.maxTotalBytes() + " bytes uncompressed in total; the rest is not read", false));
        }
    }

    void countEntry(String path) {
        if (++entries > limits.maxEntries()) {
            throw new LimitExceeded(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                    "more than " + limits.maxEntries() + " entries; the rest is not read", false));
        }
    }

    /**
     * Reads the archive {@code data} whose own path is {@code path}; its entries are named
     * {@code prefix + entryName}.
     */
    void openArchive(String path, String prefix, byte[] data, ArchiveFormat format, int depth) throws IOException {
        switch (format) {
            case ZIP -> readZip(path, prefix, data, depth);
            case TAR -> readTar(prefix, new MeteredInputStream(new ByteArrayInputStream(data),
                    new MeteredInputStream.Meter(this, path, null)), depth);
            case GZIP, BZIP2, XZ -> {
                CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(data));
                MeteredInputStream.Meter meter = new MeteredInputStream.Meter(this, path, raw::count);
                InputStream in = new BufferedInputStream(new MeteredInputStream(decompressor(format, raw), meter), 1 << 16);
                in.mark(512);
                byte[] first = in.readNBytes(512);
                in.reset();
                if (ArchiveFormat.isTarHeader(first, first.length)) {
                    readTar(prefix, in, depth);
                } else {
                    String inner = prefix + decompressedName(path);
                    countEntry(inner);
                    addEntry(inner, in, -1, depth, true);
                }
            }
            default -> throw new IllegalStateException(format.name());
        }
    }

    private static InputStream decompressor(ArchiveFormat format, InputStream raw) throws IOException {
        return switch (format) {
            // The JDK's reader takes concatenated members and, like gzip(1), ignores trailing garbage
            // (real artifacts have web-server error pages appended).
            case GZIP -> new GZIPInputStream(raw, 8192);
            case BZIP2 -> new BZip2CompressorInputStream(raw, true);
            case XZ -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(XZ_MEMORY_KIB).get();
            default -> throw new IllegalArgumentException(format.name());
        };
    }

    /** The name of the single file inside a compressed non-tar stream: the outer name minus its suffix. */
    static String decompressedName(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int bang = base.lastIndexOf('!');
        if (bang >= 0) {
            base = base.substring(bang + 1);
        }
        String lower = base.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".tgz")) {
            return base.substring(0, base.length() - 4) + ".tar";
        }
        for (String suffix : new String[] {".gz", ".bz2", ".xz", ".z"}) {
            if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                return base.substring(0, base.length() - suffix.length());
            }
        }
        return base.isEmpty() ? "(data)" : base + ".data";
    }

    private void readTar(String prefix, InputStream in, int depth) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, true);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            String path = admit(prefix, entry.getName());
            if (entry.isSymbolicLink() || entry.isLink()) {
                link(path, entry.getLinkName(), entry.isLink() ? "hard link" : "symbolic link");
            } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                String kind = entry.isFIFO() ? "named pipe" : entry.isBlockDevice() ? "block device" : "character device";
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.LINK, path, kind + " entry; not read", true));
            } else if (entry.isFile()) {
                if (entry.getSize() > limits.maxTotalBytes()) {
                    issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path, "entry declares " + entry.getSize()
                            + " bytes, more than the " + limits.maxTotalBytes() + "-byte total limit", true));
                }
                addEntry(path, tar, entry.getSize(), depth, true);
            }
        }
    }

    private void readZip(String path, String prefix, byte[] data, int depth) throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get();
        } catch (IOException | RuntimeException noCentralDirectory) {
            readZipStream(path, prefix, data, depth);
            return;
        }
        try (zip) {
            List<ZipArchiveEntry> all = Collections.list(zip.getEntriesInPhysicalOrder());
            checkDeclaredSizes(path, data.length, all);
            for (ZipArchiveEntry entry : all) {
                if (entry.isDirectory()) {
                    continue;
                }
                String entryPath = admit(prefix, entry.getName());
                if (!zip.canReadEntryData(entry)) {
                    unreadable(entryPath, entry.getSize());
                    continue;
                }
                InputStream raw = zip.getInputStream(entry);
                long declared = Math.max(1, entry.getCompressedSize());
                MeteredInputStream.Meter meter = new MeteredInputStream.Meter(this, entryPath,
                        raw instanceof InputStreamStatistics stats ? stats::getCompressedCount : () -> declared);
                try (InputStream in = new MeteredInputStream(raw, meter)) {
                    if (entry.isUnixSymlink()) {
                        link(entryPath, new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8), "symbolic link");
                    } else {
                        addEntry(entryPath, in, entry.getSize(), depth, false);
                    }
                }
            }
        }
    }

    /** Salvages what can be read from a zip without a usable central directory (truncated downloads). */
    private void readZipStream(String path, String prefix, byte[] data, int depth) throws IOException {
        fileErrors.add(new FileError(path, "zip central directory is missing or corrupt; entries read from local headers"));
        CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(data));
        ZipArchiveInputStream zip = new ZipArchiveInputStream(raw, "UTF-8", true, true);
        MeteredInputStream.Meter meter = new MeteredInputStream.Meter(this, path, raw::count);
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            String entryPath = admit(prefix, entry.getName());
            if (!zip.canReadEntryData(entry)) {
                unreadable(entryPath, entry.getSize());
                continue;
            }
            addEntry(entryPath, new MeteredInputStream(new NonClosing(zip), meter), entry.getSize(), depth, true);
        }
    }

    /**
     * A zip's central directory states every entry's sizes before anything is inflated: an entry
     * declaring an extreme ratio is a bomb even if it is never read (binaries are only sniffed).
     */
    private void checkDeclaredSizes(String path, long compressed, List<ZipArchiveEntry> all) {
        long declared = 0;
        boolean flagged = false;
        for (ZipArchiveEntry e : all) {
            long size = e.getSize();
            long csize = e.getCompressedSize();
            if (size > Limits.RATIO_FLOOR && csize > 0 && size / csize > limits.maxRatio()) {
                flagged = true;
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path, "entry " + quote(e.getName()) + " declares "
                        + size + " bytes from " + csize + " compressed (ratio " + size / csize + ")", true));
            }
            declared += Math.max(0, size);
        }
        if (!flagged && declared > limits.maxTotalBytes()) {
            issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path, "entries declare " + declared
                    + " bytes uncompressed in total from " + compressed + " bytes",
                    declared / Math.max(1, compressed) > limits.maxRatio()));
        }
    }

    /** Normalises an entry name, counts the entry and reports a name that escapes. */
    private String admit(String prefix, String rawName) {
        EntryPaths.Normalised name = EntryPaths.normalise(rawName);
        String path = prefix + name.path();
        countEntry(path);
        if (name.escapes()) {
            issues.add(new ArchiveIssue(ArchiveIssue.Kind.PATH_ESCAPE, path,
                    name.escape() + ": entry named " + quote(rawName), true));
        }
        return path;
    }

    private void link(String path, String target, String kind) {
        int bang = path.lastIndexOf("!/");
        boolean escapes = EntryPaths.resolveLink(bang < 0 ? path : path.substring(bang + 2), target) == null;
        issues.add(new ArchiveIssue(ArchiveIssue.Kind.LINK, path, kind + " to " + quote(target)
                + (escapes ? ", which points outside the archive" : "") + "; not followed", escapes));
    }

    private void unreadable(String path, long size) {
        fileErrors.add(new FileError(path, "entry is encrypted or uses an unsupported compression method"));
        binaries.add(new BinaryFile(path, Math.max(0, size), new byte[0]));
    }

    /**
     * Takes one file: keeps text (up to the entry limit), opens nested archives (up to the depth
     * limit) and records binaries by size and first bytes. {@code drain} says whether the rest of a
     * binary must be read to get to the next entry (streams) or can be left alone (random access,
     * where {@code sizeHint}, the stated size, is taken as the binary's size).
     */
    void addEntry(String path, InputStream in, long sizeHint, int depth, boolean drain) throws IOException {
        long max = limits.maxEntryBytes();
        Chunk head = read(in, new byte[0], SNIFF);
        ArchiveFormat nested = ArchiveFormat.detect(head.bytes, head.bytes.length);
        boolean text = nested == null && isText(head.bytes, head.bytes.length);
        long known = sizeHint >= 0 ? sizeHint : head.bytes.length < SNIFF ? head.bytes.length : Long.MAX_VALUE;
        boolean code = nested == null && !text && (holdsCode(head.bytes)
                || known <= SMALL_BINARY && keptBinaryBytes + known <= MAX_KEPT_BINARY_BYTES);
        if (nested == null && !text && !code) {
            long size = !drain ? Math.max(head.bytes.length, sizeHint)
                    : head.error == null ? head.bytes.length + drain(in) : head.bytes.length;
            binaries.add(new BinaryFile(path, size, Arrays.copyOf(head.bytes, Math.min(HEAD, head.bytes.length))));
            head.rethrow();
            return;
        }
        Chunk all = head.error == null && head.bytes.length == SNIFF ? read(in, head.bytes, max + 1) : head;
        if (all.error != null) {
            // Keep the start of a text cut short by a truncated archive; the archive reports the error.
            if (text) {
                texts.add(new TextEntry(path, all.bytes));
            }
            all.rethrow();
        }
        byte[] bytes = all.bytes;
        if (bytes.length > max) {
            bytes = Arrays.copyOf(bytes, (int) max);
            if (drain) {
                drain(in);
            }
            if (text) {
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                        "text entry larger than the " + max + "-byte entry limit; only its start is scanned", false));
            } else if (!code) {
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                        "nested archive larger than the " + max + "-byte entry limit; not opened", false));
                binaries.add(new BinaryFile(path, max, Arrays.copyOf(bytes, HEAD)));
                return;
            }
        }
        if (text) {
            texts.add(new TextEntry(path, bytes));
            return;
        }
        if (code) {
            // Code in binary form, or a small data file the package's code may read (a compressed
            // or encrypted payload): kept whole (up to the entry limit).
            keptBinaryBytes += bytes.length;
            binaries.add(new BinaryFile(path, all.bytes.length, Arrays.copyOf(bytes, Math.min(HEAD, bytes.length)), bytes));
            return;
        }
        if (depth >= limits.maxDepth()) {
            issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                    "archive nested more than " + limits.maxDepth() + " levels deep; not opened", false));
            binaries.add(new BinaryFile(path, bytes.length, Arrays.copyOf(bytes, Math.min(HEAD, bytes.length))));
            return;
        }
        int before = entries;
        try {
            openArchive(path, path + "!/", bytes, nested, depth + 1);
        } catch (LimitExceeded e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            fileErrors.add(new FileError(path, describe(nested, e, entries - before)));
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] sink = new byte[8192];
        long n = 0;
        int r;
        while ((r = in.read(sink)) > 0) {
            n += r;
        }
        return n;
    }

    /** Bytes read from an entry, and the error that cut the reading short, if any. */
    private record Chunk(byte[] bytes, IOException error) {
        void rethrow() throws IOException {
            if (error != null) {
                throw error;
            }
        }
    }

    /** Reads on from {@code start} until {@code limit} bytes or the end; a read error ends the chunk. */
    private static Chunk read(InputStream in, byte[] start, long limit) {
        byte[] buf = Arrays.copyOf(start, (int) Math.min(limit, Math.max(SNIFF, (long) start.length * 4)));
        int len = start.length;
        try {
            while (len < limit) {
                if (len == buf.length) {
                    buf = Arrays.copyOf(buf, (int) Math.min(limit, (long) buf.length * 2));
                }
                int r = in.read(buf, len, buf.length - len);
                if (r < 0) {
                    break;
                }
                len += r;
            }
        } catch (IOException e) {
            return new Chunk(Arrays.copyOf(buf, len), e);
        }
        return new Chunk(len == buf.length ? buf : Arrays.copyOf(buf, len), null);
    }

    /**
     * Whether a binary holds code the analysis reads without running it, so its content is kept:
     * a pickle of protocol 2 or later (a PROTO opcode; model files, caches), or CPython 3 bytecode
     * (a version number, then {@code \r\n}).
     */
    static boolean holdsCode(byte[] head) {
        boolean pickle = head.length >= 3 && (head[0] & 0xff) == 0x80 && head[1] >= 2 && head[1] <= 5;
        int magic = head.length < 4 ? 0 : (head[0] & 0xff) | (head[1] & 0xff) << 8;
        boolean bytecode = head.length >= 16 && head[2] == '\r' && head[3] == '\n' && magic >= 3000 && magic < 4000;
        return pickle || bytecode;
    }

    /**
     * Whether bytes look like text: no NUL byte (or a UTF-16 byte-order mark) and few control
     * characters, the same test version-control tools use.
     */
    static boolean isText(byte[] head, int length) {
        if (length >= 2 && (((head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe)
                || ((head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff))) {
            return true;
        }
        int control = 0;
        for (int i = 0; i < length; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1b && b != 0x0b) {
                control++;
            }
        }
        return control * 10 <= length;
    }

    static String describe(ArchiveFormat format, Throwable e, int entriesRead) {
        String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        String what = format.name().toLowerCase(Locale.ROOT);
        return entriesRead == 0
                ? "cannot read " + what + " data: " + why
                : what + " data is truncated or corrupt after " + entriesRead + " entries: " + why;
    }

    static String quote(String raw) {
        StringBuilder sb = new StringBuilder("\"");
        raw.codePoints().limit(200).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        if (raw.length() > 200) {
            sb.append('…');
        }
        return sb.append('"').toString();
    }

    /** Counts the compressed bytes a decompressor pulls, for the ratio limit. */
    private static final class CountingInputStream extends FilterInputStream {
        private long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /** Lets an entry of a streaming zip be read without closing the zip stream itself. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
