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
    /** An XZ stream may not ask for more memory than this (kilobytes): a decoder-allocation bomb guard. */
    private static final int XZ_MEMORY_KIB = 64 * 1024;
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
        MeteredInputStream.Meter meter = new MeteredInputStream.Meter(this, path, data.length);
        switch (format) {
            case ZIP -> readZip(path, prefix, data, depth, meter);
            case TAR -> readTar(prefix, new MeteredInputStream(new ByteArrayInputStream(data), meter), depth);
            case GZIP, BZIP2, XZ -> {
                InputStream in = new BufferedInputStream(
                        new MeteredInputStream(decompressor(format, new ByteArrayInputStream(data)), meter), 1 << 16);
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
            case GZIP -> new GZIPInputStream(raw, 1 << 16);
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
                addEntry(path, tar, entry.getSize(), depth, true);
            }
        }
    }

    private void readZip(String path, String prefix, byte[] data, int depth, MeteredInputStream.Meter meter)
            throws IOException {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(data)).get();
        } catch (IOException | RuntimeException noCentralDirectory) {
            readZipStream(path, prefix, data, depth, meter);
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
                try (InputStream in = new MeteredInputStream(zip.getInputStream(entry), meter)) {
                    if (entry.isUnixSymlink()) {
                        link(entryPath, new String(in.readNBytes(MAX_LINK_BYTES), StandardCharsets.UTF_8),
                                "symbolic link");
                    } else {
                        addEntry(entryPath, in, entry.getSize(), depth, false);
                    }
                }
            }
        }
    }

    /** Salvages what can be read from a zip without a usable central directory (truncated downloads). */
    private void readZipStream(String path, String prefix, byte[] data, int depth, MeteredInputStream.Meter meter)
            throws IOException {
        fileErrors.add(new FileError(path, "zip central directory is missing or corrupt; entries read from local headers"));
        ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(data), "UTF-8", true, true);
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

    private void checkDeclaredSizes(String path, long compressed, List<ZipArchiveEntry> all) {
        long declared = 0;
        for (ZipArchiveEntry e : all) {
            long size = e.getSize();
            long csize = e.getCompressedSize();
            if (size > Limits.RATIO_FLOOR && csize > 0 && size / csize > limits.maxRatio()) {
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path, "entry " + quote(e.getName()) + " declares "
                        + size + " bytes from " + csize + " compressed (ratio " + size / csize + ")", true));
            }
            declared += Math.max(0, size);
        }
        if (declared > limits.maxTotalBytes()) {
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
     * binary must be read to get to the next entry (streams) or can be left alone (random access).
     */
    void addEntry(String path, InputStream in, long declared, int depth, boolean drain) throws IOException {
        long max = limits.maxEntryBytes();
        if (declared > max) {
            issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path, "entry declares " + declared
                    + " bytes, more than the " + max + "-byte entry limit", declared > limits.maxTotalBytes()));
        }
        byte[] head = in.readNBytes(SNIFF);
        ArchiveFormat nested = ArchiveFormat.detect(head, head.length);
        if (nested == null && !isText(head, head.length)) {
            long size = head.length + (drain ? drain(in) : Math.max(0, declared - head.length));
            binaries.add(new BinaryFile(path, size, Arrays.copyOf(head, Math.min(HEAD, head.length))));
            return;
        }
        byte[] all = readUpTo(head, in, max + 1);
        if (all.length > max) {
            all = Arrays.copyOf(all, (int) max);
            if (drain) {
                drain(in);
            }
            if (nested == null) {
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                        "text entry larger than the " + max + "-byte entry limit; only its start is scanned", false));
            } else {
                issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                        "nested archive larger than the " + max + "-byte entry limit; not opened", false));
                binaries.add(new BinaryFile(path, max, Arrays.copyOf(all, HEAD)));
                return;
            }
        }
        if (nested == null) {
            texts.add(new TextEntry(path, all));
            return;
        }
        if (depth >= limits.maxDepth()) {
            issues.add(new ArchiveIssue(ArchiveIssue.Kind.BOMB, path,
                    "archive nested more than " + limits.maxDepth() + " levels deep; not opened", false));
            binaries.add(new BinaryFile(path, all.length, Arrays.copyOf(all, Math.min(HEAD, all.length))));
            return;
        }
        int before = entries;
        try {
            openArchive(path, path + "!/", all, nested, depth + 1);
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

    private static byte[] readUpTo(byte[] head, InputStream in, long limit) throws IOException {
        if (head.length < SNIFF) {
            return head;
        }
        byte[] buf = Arrays.copyOf(head, SNIFF * 4);
        int len = head.length;
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
        return Arrays.copyOf(buf, len);
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
