package dev.chainhunt.deobf;

/** ROT13, as {@code codecs.decode(s, 'rot13')}: rotates ASCII letters, leaves the rest. */
public final class Rot13 {

    private Rot13() {
    }

    public static String apply(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                sb.append((char) ('a' + (c - 'a' + 13) % 26));
            } else if (c >= 'A' && c <= 'Z') {
                sb.append((char) ('A' + (c - 'A' + 13) % 26));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
