package dev.chainhunt.cli;

import dev.chainhunt.model.Target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Turns what the user named into the list of targets, in a stable order. */
final class TargetList {

    private TargetList() {
    }

    /** The lines of a list file, each a path taken verbatim (only a trailing CR is dropped); blank lines skipped. */
    static List<String> readListFile(Path file) {
        try {
            byte[] bytes = "-".equals(file.toString()) ? System.in.readAllBytes() : Files.readAllBytes(file);
            List<String> lines = new ArrayList<>();
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n", -1)) {
                String path = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (!path.isEmpty()) {
                    lines.add(path);
                }
            }
            return lines;
        } catch (NoSuchFileException e) {
            throw new UsageException("cannot read --from-file " + file + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read --from-file " + file + ": " + e.getMessage());
        }
    }

    /**
     * Each name becomes one target, except that with {@code each} a directory becomes one target per
     * archive found under it (recursively, sorted by path). A directory with no archive stays a single
     * target so that it is reported rather than silently dropped.
     */
    static List<Target> expand(List<String> names, boolean each) {
        List<Target> targets = new ArrayList<>();
        for (String name : names) {
            Path path = Path.of(name);
            if (each && Files.isDirectory(path)) {
                List<Path> archives = archivesUnder(path);
                if (archives.isEmpty()) {
                    targets.add(Target.of(path));
                }
                archives.forEach(a -> targets.add(Target.of(a)));
            } else {
                targets.add(new Target.OnDisk(name, path));
            }
        }
        return targets;
    }

    private static List<Path> archivesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(TargetList::startsLikeArchive).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UsageException("cannot walk " + dir + ": " + e.getMessage());
        }
    }

    private static boolean startsLikeArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            return dev.chainhunt.archive.ArchiveFormat.detect(head, head.length) != null;
        } catch (IOException e) {
            return true; // let the scan report why it cannot be read
        }
    }
}
