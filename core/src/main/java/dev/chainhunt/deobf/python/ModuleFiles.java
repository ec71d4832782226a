package dev.chainhunt.deobf.python;

import java.util.Map;

/**
 * The module being evaluated and the text files shipped beside it, so that code reading its own
 * package ({@code open(os.path.join(os.path.dirname(__file__), 'data.bin')).read()}) reads what the
 * package really holds. Nothing outside the scanned target is ever read.
 *
 * @param path  the module's normalised path inside the target ({@code pkg-1.0/pkg/__init__.py})
 * @param files the target's text files by normalised path
 */
public record ModuleFiles(String path, Map<String, byte[]> files) {

    /** A module with no package around it (a decoded stage without a file, a test snippet). */
    public static final ModuleFiles NONE = new ModuleFiles(null, Map.of());

    /** {@code __file__}: the module's path as an absolute path rooted at the target. */
    String file() {
        return path == null ? null : "/" + path;
    }

    /** The bytes of a shipped file (other than the module itself) named by an absolute path rooted at the target, or null. */
    byte[] read(String absolute) {
        if (absolute == null || !absolute.startsWith("/")) {
            return null;
        }
        String path = normalise(absolute.substring(1));
        // A module reading its own source inspects or rewrites itself; that text is already analysed.
        return path == null || path.equals(this.path) ? null : files.get(path);
    }

    /** Resolves {@code .} and {@code ..} and both separators; null when it climbs out of the target. */
    public static String normalise(String path) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String part : path.replace('\\', '/').split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.pollLast() == null) {
                    return null;
                }
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
