package dev.chainhunt.archive;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The one place entry names are turned into paths. A normalised path uses {@code /}, has no
 * empty, {@code .} or {@code ..} segments and never starts with {@code /} or a drive letter; names
 * that tried to leave the extraction folder are marked so the caller can report them.
 */
public final class EntryPaths {

    /** The result of normalising one raw entry name. {@code escape} is null for a harmless name. */
    public record Normalised(String path, String escape) {
        public boolean escapes() {
            return escape != null;
        }
    }

    private EntryPaths() {
    }

    public static Normalised normalise(String raw) {
        String escape = null;
        StringBuilder clean = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\') {
                clean.append('/');
            } else if (c < 0x20 || c == 0x7f) {
                escape = "control character in entry name";
                clean.append('\uFFFD');
            } else {
                clean.append(c);
            }
        }
        String name = clean.toString();
        if (name.length() >= 2 && Character.isLetter(name.charAt(0)) && name.charAt(1) == ':') {
            escape = "drive-letter path";
            name = name.substring(2);
        }
        if (name.startsWith("/") && escape == null) {
            escape = "absolute path";
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    escape = "path climbs out of the archive with ..";
                } else {
                    segments.removeLast();
                }
                continue;
            }
            segments.addLast(segment);
        }
        String path = segments.isEmpty() ? "(unnamed)" : String.join("/", segments);
        return new Normalised(path, escape);
    }

    /**
     * Where a link stored at {@code entryPath} pointing to {@code linkTarget} leads, or null when it
     * leads out of the tree (absolute target, drive letter, or too many {@code ..}).
     */
    public static String resolveLink(String entryPath, String linkTarget) {
        String target = linkTarget.replace('\\', '/');
        if (target.startsWith("/") || (target.length() >= 2 && Character.isLetter(target.charAt(0))
                && target.charAt(1) == ':')) {
            return null;
        }
        Deque<String> segments = new ArrayDeque<>();
        int slash = entryPath.lastIndexOf('/');
        if (slash > 0) {
            for (String s : entryPath.substring(0, slash).split("/")) {
                segments.addLast(s);
            }
        }
        for (String segment : target.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }
}
