package dev.chainhunt.deobf;

/** Hexadecimal text to bytes and back, as {@code bytes.fromhex} and {@code binascii.unhexlify} do. */
public final class HexCodec {

    private HexCodec() {
    }

    /**
     * Decodes pairs of hex digits; {@code whitespace} allows blanks between pairs (fromhex).
     * Returns null for odd length or a non-hex character.
     */
    public static byte[] decode(String text, boolean whitespace) {
        byte[] out = new byte[text.length() / 2];
        int n = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (whitespace && Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (i + 1 >= text.length()) {
                return null;
            }
            int hi = Character.digit(c, 16);
            int lo = Character.digit(text.charAt(i + 1), 16);
            if (hi < 0 || lo < 0) {
                return null;
            }
            out[n++] = (byte) (hi << 4 | lo);
            i += 2;
        }
        return n == out.length ? out : java.util.Arrays.copyOf(out, n);
    }

    /**
     * Quoted-printable text ({@code quopri.decodestring}, {@code binascii.a2b_qp}): {@code =XX} is the
     * byte XX, {@code =} at the end of a line joins it to the next, anything else stands for itself
     * (Latin-1). Null when the text has no escape at all: nothing was encoded.
     */
    public static byte[] quotedPrintable(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(text.length());
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' && i + 1 < text.length() && (text.charAt(i + 1) == '\n' || text.charAt(i + 1) == '\r')) {
                i += text.startsWith("\r\n", i + 1) ? 2 : 1; // soft line break
                continue;
            }
            int hi = c == '=' && i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = hi < 0 ? -1 : Character.digit(text.charAt(i + 2), 16);
            if (lo >= 0) {
                out.write(hi << 4 | lo);
                escaped = true;
                i += 2;
            } else {
                out.write(c & 0xff);
            }
        }
        return escaped ? out.toByteArray() : null;
    }

    public static String encode(byte[] data) {
        return java.util.HexFormat.of().formatHex(data);
    }
}
