package dev.chainhunt.lang;

import dev.chainhunt.model.Language;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/** Tells a file's language from its name, then from a {@code #!} line; never from its folder. */
public final class Languages {

    private static final Map<String, Language> BY_EXTENSION = Map.ofEntries(
            Map.entry("py", Language.PYTHON), Map.entry("pyw", Language.PYTHON), Map.entry("pyi", Language.PYTHON),
            Map.entry("pth", Language.PTH),
            Map.entry("js", Language.JAVASCRIPT), Map.entry("mjs", Language.JAVASCRIPT),
            Map.entry("cjs", Language.JAVASCRIPT), Map.entry("jsx", Language.JAVASCRIPT),
            Map.entry("ts", Language.JAVASCRIPT), Map.entry("mts", Language.JAVASCRIPT),
            Map.entry("cts", Language.JAVASCRIPT), Map.entry("tsx", Language.JAVASCRIPT),
            Map.entry("sh", Language.SHELL), Map.entry("bash", Language.SHELL), Map.entry("zsh", Language.SHELL),
            Map.entry("command", Language.SHELL),
            Map.entry("ps1", Language.POWERSHELL), Map.entry("psm1", Language.POWERSHELL),
            Map.entry("psd1", Language.POWERSHELL),
            Map.entry("bat", Language.BATCH), Map.entry("cmd", Language.BATCH),
            Map.entry("json", Language.JSON));

    private Languages() {
    }

    /** The language of the file at {@code path} (an entry path; nested archives use {@code !/}). */
    public static Language detect(String path, byte[] bytes) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('!')) + 1).toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            Language byExtension = BY_EXTENSION.get(name.substring(dot + 1));
            if (byExtension != null) {
                return byExtension;
            }
        }
        return fromShebang(bytes);
    }

    private static Language fromShebang(byte[] bytes) {
        if (bytes.length < 3 || bytes[0] != '#' || bytes[1] != '!') {
            return Language.TEXT;
        }
        int end = 2;
        while (end < bytes.length && end < 200 && bytes[end] != '\n') {
            end++;
        }
        String line = new String(bytes, 2, end - 2, StandardCharsets.ISO_8859_1);
        if (line.contains("python")) {
            return Language.PYTHON;
        }
        if (line.contains("node") || line.contains("deno") || line.contains("bun")) {
            return Language.JAVASCRIPT;
        }
        if (line.contains("pwsh") || line.contains("powershell")) {
            return Language.POWERSHELL;
        }
        if (line.matches(".*\\b(ba|z|da|k)?sh\\b.*")) {
            return Language.SHELL;
        }
        return Language.TEXT;
    }
}
