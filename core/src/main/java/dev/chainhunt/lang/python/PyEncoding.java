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

    /** The encoding named in the first two lines, or null. */
    static String declaredEncoding(byte[] bytes) {
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
