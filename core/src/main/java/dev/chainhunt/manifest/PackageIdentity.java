package dev.chainhunt.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.Ecosystem;
import dev.chainhunt.model.PackageInfo;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out what a target claims to be: ecosystem, name and version from its own metadata
 * (PKG-INFO, a wheel's METADATA, package.json), falling back to the artifact's file name.
 */
public final class PackageIdentity {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ARCHIVE_SUFFIX = Pattern.compile(
            "(?i)\\.(tar\\.gz|tgz|tar\\.bz2|tbz2|tar\\.xz|txz|tar|zip|whl|egg|gz|bz2|xz)$");
    private static final Pattern NAME_VERSION = Pattern.compile("^(.+?)-(v?\\d[\\w.+!]*)$");

    private PackageIdentity() {
    }

    /**
     * @param targetName the target's name as given (a path); its last segment is the fallback
     * @param texts      the text files read from the target
     */
    public static PackageInfo identify(String targetName, List<TextEntry> texts) {
        TextEntry pkgInfo = shallowest(texts, "PKG-INFO");
        TextEntry metadata = shallowest(texts, "METADATA");
        TextEntry packageJson = shallowest(texts, "package.json");
        String fileName = lastSegment(targetName);
        PackageInfo fromName = fromFileName(fileName);

        TextEntry pythonMetadata = pkgInfo != null ? pkgInfo : metadata != null && metadata.path().contains(".dist-info/")
                ? metadata : null;
        if (pythonMetadata != null && (packageJson == null || depth(pythonMetadata) <= depth(packageJson))) {
            String text = SourceText.decode(pythonMetadata.bytes()).text();
            return new PackageInfo(Ecosystem.PYPI, or(header(text, "Name"), fromName.name()),
                    or(header(text, "Version"), fromName.version()));
        }
        if (packageJson != null) {
            try {
                JsonNode node = JSON.readTree(packageJson.bytes());
                return new PackageInfo(Ecosystem.NPM, or(textField(node, "name"), fromName.name()),
                        or(textField(node, "version"), fromName.version()));
            } catch (IOException | RuntimeException e) {
                return new PackageInfo(Ecosystem.NPM, fromName.name(), fromName.version());
            }
        }
        boolean python = texts.stream().anyMatch(t -> isTopLevel(t, "setup.py") || isTopLevel(t, "pyproject.toml")
                || isTopLevel(t, "setup.cfg")) || fileName.toLowerCase(Locale.ROOT).matches(".*\\.(whl|egg)$");
        return new PackageInfo(python ? Ecosystem.PYPI : Ecosystem.UNKNOWN, fromName.name(), fromName.version());
    }

    /** Name and version as encoded in an artifact's file name ({@code name-1.0.tar.gz}, wheels, npm tarballs). */
    static PackageInfo fromFileName(String fileName) {
        String stem = ARCHIVE_SUFFIX.matcher(fileName).replaceFirst("");
        if (fileName.toLowerCase(Locale.ROOT).endsWith(".whl") || fileName.toLowerCase(Locale.ROOT).endsWith(".egg")) {
            String[] parts = stem.split("-");
            if (parts.length >= 2) {
                return new PackageInfo(Ecosystem.PYPI, parts[0], parts[1]);
            }
        }
        Matcher m = NAME_VERSION.matcher(stem.strip());
        if (m.matches()) {
            return new PackageInfo(Ecosystem.UNKNOWN, m.group(1), m.group(2));
        }
        return new PackageInfo(Ecosystem.UNKNOWN, stem.isBlank() ? null : stem.strip(), null);
    }

    /** The value of an RFC 822 style header in the first block of a metadata file. */
    static String header(String text, String name) {
        for (String line : text.split("\r?\n|\r")) {
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                String value = line.substring(colon + 1).trim();
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    private static TextEntry shallowest(List<TextEntry> texts, String fileName) {
        TextEntry best = null;
        for (TextEntry t : texts) {
            if (t.path().contains("!/") || t.path().contains("node_modules/")) {
                continue;
            }
            if (lastSegment(t.path()).equals(fileName) && (best == null || depth(t) < depth(best))) {
                best = t;
            }
        }
        return best;
    }

    private static boolean isTopLevel(TextEntry t, String fileName) {
        return !t.path().contains("!/") && depth(t) <= 1 && lastSegment(t.path()).equals(fileName);
    }

    private static int depth(TextEntry t) {
        return (int) t.path().chars().filter(c -> c == '/').count();
    }

    private static String lastSegment(String path) {
        String p = path.replace('\\', '/');
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        String last = p.substring(p.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..")) {
            // `chainhunt scan .` in a project: the folder's own name
            try {
                java.nio.file.Path named = java.nio.file.Path.of(path).toAbsolutePath().normalize().getFileName();
                return named == null ? last : named.toString();
            } catch (java.nio.file.InvalidPathException e) {
                return last;
            }
        }
        return last;
    }

    private static String textField(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }

    private static String or(String first, String second) {
        return first != null ? first : second;
    }
}
