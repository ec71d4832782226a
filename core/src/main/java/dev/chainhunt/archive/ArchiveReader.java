package dev.chainhunt.archive;

import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.TargetKind;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a target into memory: an archive (detected by magic bytes: gzip, bzip2 or xz tar, zip,
 * plain tar; nested archives up to the depth limit), a single file, or a directory tree. Never
 * writes to disk, never follows links, never throws for bad input: problems end up in the
 * returned {@link Contents}.
 */
public final class ArchiveReader {

    /** Version-control metadata folders: not part of a package or a checkout's code. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", ".hg", ".svn");
    private static final List<String> ARCHIVE_SUFFIXES = List.of(
            ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tar.xz", ".txz", ".tar", ".zip", ".whl", ".egg", ".gz", ".bz2", ".xz");

    private final Limits limits;

    public ArchiveReader(Limits limits) {
        this.limits = limits;
    }

    public Contents read(Target target) {
        if (target instanceof Target.InMemory mem) {
            return readArtifact(baseName(mem.name()), mem.bytes());
        }
        return readPath(((Target.OnDisk) target).path());
    }

    private Contents readPath(Path path) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Contents.failed(null, 0, "no such file or directory");
        } catch (IOException e) {
            return Contents.failed(null, 0, "cannot read: " + message(e));
        }
        if (attrs.isDirectory()) {
            return readDirectory(path);
        }
        if (!attrs.isRegularFile()) {
            return Contents.failed(null, 0, "not a regular file or directory");
        }
        if (attrs.size() > limits.maxTotalBytes()) {
            return Contents.failed(null, attrs.size(), "file is " + attrs.size() + " bytes, more than the "
                    + limits.maxTotalBytes() + "-byte total limit (--max-total-bytes)");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (AccessDeniedException e) {
            return Contents.failed(null, attrs.size(), "permission denied");
        } catch (IOException | OutOfMemoryError e) {
            return Contents.failed(null, attrs.size(), "cannot read: " + message(e));
        }
        Path name = path.getFileName();
        return readArtifact(name == null ? path.toString() : name.toString(), bytes);
    }

    private Contents readArtifact(String name, byte[] bytes) {
        String sha256 = sha256(bytes);
        if (bytes.length == 0) {
            return Contents.failed(sha256, 0, "empty file");
        }
        ArchiveFormat format = ArchiveFormat.detect(bytes);
        Extraction ex = new Extraction(limits);
        if (format == null) {
            boolean text = Extraction.isText(bytes, Math.min(bytes.length, Extraction.SNIFF));
            if (!text && looksLikeArchiveName(name)) {
                return Contents.failed(sha256, bytes.length,
                        "not a recognised archive: no gzip, bzip2, xz, zip or tar signature");
            }
            try {
                ex.countEntry(name);
                ex.addEntry(name, new ByteArrayInputStream(bytes), bytes.length, 0, false);
            } catch (IOException | LimitExceeded e) {
                return Contents.failed(sha256, bytes.length, "cannot read: " + message(e));
            }
            return contents(ex, sha256, bytes.length, TargetKind.FILE, null);
        }
        String error = null;
        try {
            ex.openArchive(name, "", bytes, format, 0);
        } catch (LimitExceeded e) {
            ex.issues.add(e.issue());
        } catch (IOException | RuntimeException e) {
            error = Extraction.describe(format, e, ex.entries());
        }
        return contents(ex, sha256, bytes.length, TargetKind.ARCHIVE, error);
    }

    private Contents readDirectory(Path root) {
        Extraction ex = new Extraction(limits);
        List<Path> files = new ArrayList<>();
        Deque<Path> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            for (Path child : list(pending.pop(), ex)) {
                if (Files.isSymbolicLink(child)) {
                    symlink(root, child, relative(root, child), ex);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    if (!SKIPPED_DIRECTORIES.contains(child.getFileName().toString())) {
                        pending.push(child);
                    }
                } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                    files.add(child);
                }
            }
        }
        // Sorted by relative path so results do not depend on the file system's listing order.
        files.sort((a, b) -> relative(root, a).compareTo(relative(root, b)));
        try {
            for (Path file : files) {
                readFile(file, relative(root, file), ex);
            }
        } catch (LimitExceeded e) {
            ex.issues.add(e.issue());
        }
        return contents(ex, null, ex.totalBytes(), TargetKind.DIRECTORY, null);
    }

    private static List<Path> list(Path dir, Extraction ex) {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            ex.fileErrors.add(new FileError(dir.toString(), "cannot list directory: " + message(e)));
        }
        return children;
    }

    private void readFile(Path file, String rel, Extraction ex) {
        ex.countEntry(rel);
        MeteredInputStream.Meter meter;
        try {
            long size = Files.size(file);
            meter = new MeteredInputStream.Meter(ex, rel, null);
            try (InputStream in = new MeteredInputStream(Files.newInputStream(file), meter)) {
                ex.addEntry(rel, in, size, 0, false);
            }
        } catch (IOException e) {
            ex.fileErrors.add(new FileError(rel, "cannot read: " + message(e)));
        }
    }

    private static void symlink(Path root, Path link, String rel, Extraction ex) {
        try {
            Path target = Files.readSymbolicLink(link);
            Path resolved = link.getParent().resolve(target).normalize();
            if (!resolved.startsWith(root.normalize())) {
                ex.issues.add(new ArchiveIssue(ArchiveIssue.Kind.LINK, rel, "symbolic link to "
                        + Extraction.quote(target.toString()) + ", which points outside the tree; not followed", true));
            }
        } catch (IOException e) {
            ex.fileErrors.add(new FileError(rel, "cannot read link: " + message(e)));
        }
    }

    private static Contents contents(Extraction ex, String sha256, long size, TargetKind kind, String error) {
        boolean partial = error != null || ex.issues.stream().anyMatch(i -> i.kind() == ArchiveIssue.Kind.BOMB);
        return new Contents(sha256, size, kind, ex.texts, ex.binaries, ex.issues, ex.fileErrors, error, partial);
    }

    private static String relative(Path root, Path child) {
        String rel = root.relativize(child).toString().replace('\\', '/');
        return EntryPaths.normalise(rel).path();
    }

    static boolean looksLikeArchiveName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return ARCHIVE_SUFFIXES.stream().anyMatch(lower::endsWith);
    }

    static String baseName(String name) {
        String n = name.replace('\\', '/');
        while (n.endsWith("/") && n.length() > 1) {
            n = n.substring(0, n.length() - 1);
        }
        return n.substring(n.lastIndexOf('/') + 1);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
