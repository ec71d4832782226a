package dev.chainhunt.deobf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Base-N decoders as Python's base64 and binascii modules behave: base64 (standard and URL-safe),
 * base32, base16, base85 and Ascii85. Decoding is lenient where Python is lenient (characters
 * outside the alphabet are dropped, missing padding is added); a hopeless input gives null.
 */
public final class Base64Codec {

    private static final String B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static final String B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String B32HEX = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
    private static final String B85 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~";

    private Base64Codec() {
    }

    /** Base64 in either alphabet ('+/' or the URL-safe '-_'); other characters are dropped, as Python does. */
    public static byte[] b64decode(String text) {
        byte[] out = new byte[text.length() * 3 / 4 + 3];
        int length = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=') {
                break;
            }
            int v = c < 128 ? SEXTET[c] : -1;
            if (v < 0) {
                continue;
            }
            bits = bits << 6 | v;
            if (++n % 4 == 0) {
                out[length++] = (byte) (bits >> 16);
                out[length++] = (byte) (bits >> 8);
                out[length++] = (byte) bits;
                bits = 0;
            }
        }
        switch (n % 4) {
            case 1 -> {
                return null;
            }
            case 2 -> out[length++] = (byte) (bits >> 4);
            case 3 -> {
                out[length++] = (byte) (bits >> 10);
                out[length++] = (byte) (bits >> 2);
            }
            default -> {
            }
        }
        return java.util.Arrays.copyOf(out, length);
    }

    /** The value of each base64 character in either alphabet, -1 for characters Python drops. */
    private static final int[] SEXTET = new int[128];

    static {
        java.util.Arrays.fill(SEXTET, -1);
        for (int i = 0; i < B64.length(); i++) {
            SEXTET[B64.charAt(i)] = i;
        }
        SEXTET['-'] = 62;
        SEXTET['_'] = 63;
    }

    public static String b64encode(byte[] data, boolean urlSafe) {
        String alphabet = urlSafe ? B64.substring(0, 62) + "-_" : B64;
        StringBuilder sb = new StringBuilder((data.length + 2) / 3 * 4);
        for (int i = 0; i < data.length; i += 3) {
            int b0 = data[i] & 0xff;
            int b1 = i + 1 < data.length ? data[i + 1] & 0xff : 0;
            int b2 = i + 2 < data.length ? data[i + 2] & 0xff : 0;
            int v = b0 << 16 | b1 << 8 | b2;
            sb.append(alphabet.charAt(v >> 18 & 63)).append(alphabet.charAt(v >> 12 & 63));
            sb.append(i + 1 < data.length ? alphabet.charAt(v >> 6 & 63) : '=');
            sb.append(i + 2 < data.length ? alphabet.charAt(v & 63) : '=');
        }
        return sb.toString();
    }

    public static byte[] b32decode(String text) {
        return base32(text, B32);
    }

    /** Python's {@code base64.b32hexdecode}: base32 with the extended hex alphabet (RFC 4648 section 7). */
    public static byte[] b32hexdecode(String text) {
        return base32(text, B32HEX);
    }

    private static byte[] base32(String text, String alphabet) {
        String t = text.toUpperCase(java.util.Locale.ROOT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long buffer = 0;
        int bits = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '=') {
                break;
            }
            int v = alphabet.indexOf(c);
            if (v < 0) {
                if (Character.isWhitespace(c)) {
                    continue;
                }
                return null;
            }
            buffer = buffer << 5 | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((int) (buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    public static byte[] b16decode(String text) {
        return HexCodec.decode(text, false);
    }

    /** Python's {@code base64.b85decode} (the git/RFC 1924 alphabet). */
    public static byte[] b85decode(String text) {
        return base85(text, B85, false);
    }

    /** Python's {@code base64.a85decode}: Adobe Ascii85, with optional {@code <~ ~>} and the 'z' shortcut. */
    public static byte[] a85decode(String text) {
        String t = text.strip();
        if (t.startsWith("<~")) {
            t = t.substring(2);
        }
        if (t.endsWith("~>")) {
            t = t.substring(0, t.length() - 2);
        }
        StringBuilder alphabet = new StringBuilder();
        for (char c = '!'; c <= 'u'; c++) {
            alphabet.append(c);
        }
        return base85(t, alphabet.toString(), true);
    }

    private static byte[] base85(String text, String alphabet, boolean zShortcut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length() * 4 / 5 + 4);
        long acc = 0;
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (zShortcut && c == 'z' && count == 0) {
                out.writeBytes(new byte[4]);
                continue;
            }
            if (Character.isWhitespace(c)) {
                continue;
            }
            int v = alphabet.indexOf(c);
            if (v < 0) {
                return null;
            }
            acc = acc * 85 + v;
            if (++count == 5) {
                if (acc > 0xffffffffL) {
                    return null;
                }
                out.write((int) (acc >> 24));
                out.write((int) (acc >> 16));
                out.write((int) (acc >> 8));
                out.write((int) acc);
                acc = 0;
                count = 0;
            }
        }
        if (count > 0) {
            int pad = 5 - count;
            for (int i = 0; i < pad; i++) {
                acc = acc * 85 + 84;
            }
            byte[] last = {(byte) (acc >> 24), (byte) (acc >> 16), (byte) (acc >> 8), (byte) acc};
            out.write(last, 0, 4 - pad);
        }
        return out.toByteArray();
    }

    /** The text of bytes as base64 decoders read it (ASCII). */
    public static String ascii(byte[] data) {
        return new String(data, StandardCharsets.ISO_8859_1);
    }
}
