package dev.chainhunt.archive;

import java.nio.charset.StandardCharsets;

/** Container formats chainhunt opens, recognised by their magic bytes and never by a file name. */
public enum ArchiveFormat {
    GZIP, BZIP2, XZ, ZIP, TAR;

    private static final int TAR_HEADER = 512;

    /** The format of {@code data} judged from its first bytes, or {@code null} when it is none of these. */
    public static ArchiveFormat detect(byte[] data, int length) {
        if (length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (length >= 4 && data[0] == 'B' && data[1] == 'Z' && data[2] == 'h' && data[3] >= '1' && data[3] <= '9') {
            return BZIP2;
        }
        if (length >= 6 && (data[0] & 0xff) == 0xfd && data[1] == '7' && data[2] == 'z' && data[3] == 'X'
                && data[4] == 'Z' && data[5] == 0) {
            return XZ;
        }
        if (length >= 4 && data[0] == 'P' && data[1] == 'K'
                && ((data[2] == 3 && data[3] == 4) || (data[2] == 5 && data[3] == 6) || (data[2] == 7 && data[3] == 8))) {
            return ZIP;
        }
        if (isTarHeader(data, length)) {
            return TAR;
        }
        return null;
    }

    public static ArchiveFormat detect(byte[] data) {
        return detect(data, data.length);
    }

    /**
     * Whether the first 512 bytes are a tar header: the "ustar" magic, or (for old v7 archives)
     * a header whose checksum field matches the header's byte sum.
     */
    static boolean isTarHeader(byte[] data, int length) {
        if (length < TAR_HEADER) {
            return false;
        }
        if (new String(data, 257, 5, StandardCharsets.ISO_8859_1).equals("ustar")) {
            return true;
        }
        if (data[0] == 0) {
            return false;
        }
        long stored = parseOctal(data, 148, 8);
        if (stored < 0) {
            return false;
        }
        long unsigned = 0;
        for (int i = 0; i < TAR_HEADER; i++) {
            unsigned += (i >= 148 && i < 156) ? ' ' : (data[i] & 0xff);
        }
        return stored == unsigned;
    }

    private static long parseOctal(byte[] data, int offset, int length) {
        long value = 0;
        boolean digits = false;
        for (int i = offset; i < offset + length; i++) {
            byte b = data[i];
            if (b == 0 || b == ' ') {
                if (digits) {
                    break;
                }
                continue;
            }
            if (b < '0' || b > '7') {
                return -1;
            }
            value = value * 8 + (b - '0');
            digits = true;
        }
        return digits ? value : -1;
    }
}
