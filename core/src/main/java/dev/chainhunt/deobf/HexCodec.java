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

    public static String encode(byte[] data) {
        return java.util.HexFormat.of().formatHex(data);
    }
}
