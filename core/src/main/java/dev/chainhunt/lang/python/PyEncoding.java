package dev.chainhunt.lang.python;

import dev.chainhunt.lang.SourceText;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes Python source the way the interpreter does: a PEP 263 encoding declaration in the first
 * two lines ({@code # -*- coding: latin-1 -*-}) wins, then a UTF-8 byte-order mark, then UTF-8.
 * Never fails: unknown encodings fall back to the default decoding, bad bytes become U+FFFD.
 */
public final class PyEncoding {

    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");

    private PyEncoding() {
    }

    public static SourceText decode(byte[] bytes) {
        String declared = declaredEncoding(bytes);
        if (declared != null && isEscapeCodec(declared)) {
            // # coding: unicode_escape: the interpreter reads \x65\x78\x65\x63 as exec.
            return SourceText.of(unescape(new String(bytes, StandardCharsets.ISO_8859_1), !pythonName(declared).startsWith("raw")));
        }
        if (declared != null) {
            Charset charset = charset(declared);
            if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
                try {
                    String text = charset.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPLACE)
                            .onUnmappableCharacter(CodingErrorAction.REPLACE)
                            .decode(ByteBuffer.wrap(bytes)).toString();
                    return SourceText.of(text);
                } catch (java.nio.charset.CharacterCodingException e) {
                    // REPLACE never throws; fall through to the default decoding
                }
            }
        }
        return SourceText.decode(bytes);
    }

    /**
     * Whether Python could decode a source file declared in {@code name} without a codec the
     * package registers itself: one of its text encodings or their aliases, after the tokenizer's
     * and the codec registry's own normalisation ({@code UTF_8-unix}, {@code Latin-1}, {@code u8}).
     */
    public static boolean isKnownEncoding(String name) {
        String n = pythonName(name);
        return PYTHON_CODECS.contains(n) || PYTHON_CODECS.contains(n.replace('.', '_'));
    }

    /** The escape codecs, which turn backslash escapes in the file into the characters they name. */
    public static boolean isEscapeCodec(String name) {
        String n = pythonName(name);
        return n.equals("unicode_escape") || n.equals("raw_unicode_escape");
    }

    /**
     * A declared encoding as Python looks it up: the tokenizer reads {@code utf-8-*} as utf-8 and
     * {@code latin-1-*}, {@code iso-8859-1-*}, {@code iso-latin-1-*} as latin-1; the registry then
     * lower-cases the name and turns each run of punctuation other than '.' into one '_'.
     */
    static String pythonName(String name) {
        String head = name.substring(0, Math.min(12, name.length())).toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (head.equals("utf-8") || head.startsWith("utf-8-")) {
            return "utf_8";
        }
        for (String latin : new String[] {"latin-1", "iso-8859-1", "iso-latin-1"}) {
            if (head.equals(latin) || head.startsWith(latin + "-")) {
                return "latin_1";
            }
        }
        StringBuilder out = new StringBuilder(name.length());
        boolean punctuation = false;
        for (int i = 0; i < name.length(); i++) {
            char c = Character.toLowerCase(name.charAt(i));
            if (Character.isLetterOrDigit(c) || c == '.') {
                if (punctuation && !out.isEmpty()) {
                    out.append('_');
                }
                out.append(c);
                punctuation = false;
            } else {
                punctuation = true;
            }
        }
        return out.toString();
    }

    /** Python's source codec names, from {@code python-source-codecs.txt}. */
    private static final java.util.Set<String> PYTHON_CODECS = loadCodecs();

    private static java.util.Set<String> loadCodecs() {
        try (java.io.InputStream in = PyEncoding.class.getClassLoader().getResourceAsStream("dev/chainhunt/python-source-codecs.txt")) {
            if (in == null) {
                throw new IllegalStateException("python-source-codecs.txt is missing from the build");
            }
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip());
                }
            }
            return java.util.Set.copyOf(names);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Python's unicode_escape decoding of Latin-1 text, or with {@code all} false raw_unicode_escape's
     * (only \\u and \\U); malformed escapes stay as written. Also what a pickle's STRING and
     * UNICODE opcodes hold.
     */
    public static String unescape(String s, boolean all) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char n = s.charAt(i + 1);
            int digits = n == 'u' ? 4 : n == 'U' ? 8 : all && n == 'x' ? 2 : 0;
            if (digits > 0) {
                int cp = i + 2 + digits <= s.length() ? hex(s, i + 2, i + 2 + digits) : -1;
                if (cp >= 0 && cp <= Character.MAX_CODE_POINT) {
                    out.appendCodePoint(cp);
                    i += 1 + digits;
                    continue;
                }
            } else if (all && n == 'N' && i + 2 < s.length() && s.charAt(i + 2) == '{') {
                // \N{LATIN SMALL LETTER E}: a character by its Unicode name.
                int close = s.indexOf('}', i + 3);
                int cp = close < 0 || close - i > 100 ? -1 : codePointNamed(s.substring(i + 3, close));
                if (cp >= 0) {
                    out.appendCodePoint(cp);
                    i = close;
                    continue;
                }
            } else if (all) {
                String simple = switch (n) {
                    case '\\' -> "\\";
                    case '\'' -> "'";
                    case '"' -> "\"";
                    case 'n' -> "\n";
                    case 't' -> "\t";
                    case 'r' -> "\r";
                    case 'a' -> "\u0007";
                    case 'b' -> "\b";
                    case 'f' -> "\f";
                    case 'v' -> "\u000b";
                    case '\n' -> "";
                    default -> null;
                };
                if (simple != null) {
                    out.append(simple);
                    i++;
                    continue;
                }
                if (n >= '0' && n <= '7') {
                    int end = i + 1;
                    int v = 0;
                    while (end < s.length() && end < i + 4 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                        v = v * 8 + (s.charAt(end++) - '0');
                    }
                    out.append((char) v);
                    i = end - 1;
                    continue;
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    private static int codePointNamed(String name) {
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static int hex(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            int d = Character.digit(s.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }

    /** The encoding named in the first two lines, or null. */
    public static String declaredEncoding(byte[] bytes) {
        int lineStart = 0;
        for (int line = 0; line < 2 && lineStart < bytes.length; line++) {
            int end = lineStart;
            while (end < bytes.length && bytes[end] != '\n' && end - lineStart < 200) {
                end++;
            }
            String text = new String(bytes, lineStart, end - lineStart, StandardCharsets.ISO_8859_1);
            Matcher m = COOKIE.matcher(text);
            if (m.find()) {
                return m.group(1);
            }
            if (!text.isBlank() && !text.stripLeading().startsWith("#")) {
                return null;
            }
            lineStart = end + 1;
        }
        return null;
    }

    private static Charset charset(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        if (n.startsWith("utf-8") || n.equals("utf8")) {
            return StandardCharsets.UTF_8;
        }
        if (n.equals("latin-1") || n.startsWith("iso-8859-1") || n.startsWith("iso-latin-1")) {
            return StandardCharsets.ISO_8859_1;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
