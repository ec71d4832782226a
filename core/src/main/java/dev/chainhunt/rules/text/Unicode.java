package dev.chainhunt.rules.text;

/** Shows characters that render as nothing, so people can see what a rule saw. */
final class Unicode {

    private Unicode() {
    }

    /** Whether {@code cp} normally renders as nothing at all. */
    static boolean isInvisible(int cp) {
        return cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x115f || cp == 0x1160 || cp == 0x17b4
                || cp == 0x17b5 || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e)
                || (cp >= 0x2060 && cp <= 0x2069) || cp == 0x3164 || (cp >= 0xfe00 && cp <= 0xfe0f)
                || cp == 0xfeff || cp == 0xffa0 || (cp >= 0xe0000 && cp <= 0xe007f) || (cp >= 0xe0100 && cp <= 0xe01ef);
    }

    /** The text with every invisible or bidirectional character replaced by {@code ⟨U+XXXX⟩}. */
    static String visible(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(cp -> {
            if (isInvisible(cp)) {
                sb.append(String.format("⟨U+%04X⟩", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
