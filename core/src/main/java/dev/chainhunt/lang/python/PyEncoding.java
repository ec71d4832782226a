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
            return SourceText.of(unescape(new String(bytes, StandardCharsets.ISO_8859_1), !normal(declared).startsWith("raw")));
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
     * package registers itself: a charset, or one of the escape codecs.
     */
    public static boolean isKnownEncoding(String name) {
        return charset(name) != null || isEscapeCodec(name);
    }

    /** The escape codecs, which turn backslash escapes in the file into the characters they name. */
    public static boolean isEscapeCodec(String name) {
        String n = normal(name);
        return n.equals("unicode-escape") || n.equals("raw-unicode-escape");
    }

    private static String normal(String name) {
        return name.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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
        String n = normal(name);
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
