package dev.chainhunt.deobf;

import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.LZMAInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;

/**
 * In-memory decompression of constant payloads (zlib, gzip, bz2, lzma/xz) with a hard cap on the
 * output, so a decompression bomb hidden in a string literal stops at the cap. Returns null when
 * the data is not in the format or exceeds the cap.
 */
public final class Decompressor {

    private static final int LZMA_MEMORY_KIB = 96 * 1024;

    private Decompressor() {
    }

    /**
     * zlib.decompress: {@code wbits} 8..15 expects a zlib header, -8..-15 raw deflate, 24..31 a
     * gzip header, 40..47 either header.
     */
    public static byte[] zlib(byte[] data, int wbits, int cap) {
        if (wbits >= 16 + 8 && wbits <= 16 + 15) {
            return gzip(data, cap);
        }
        if (wbits >= 32 + 8 && wbits <= 32 + 15) {
            return data.length > 1 && (data[0] & 0xff) == 0x1f ? gzip(data, cap) : inflate(data, false, cap);
        }
        return inflate(data, wbits < 0, cap);
    }

    private static byte[] inflate(byte[] data, boolean raw, int cap) {
        Inflater inflater = new Inflater(raw);
        try {
            inflater.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(cap, Math.max(64, data.length * 4)));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0) {
                    if (inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                }
                out.write(buf, 0, n);
                if (out.size() > cap) {
                    return null;
                }
            }
            return out.size() == 0 && !inflater.finished() ? null : out.toByteArray();
        } catch (DataFormatException e) {
            return null;
        } finally {
            inflater.end();
        }
    }

    public static byte[] gzip(byte[] data, int cap) {
        try {
            return readCapped(new GZIPInputStream(new ByteArrayInputStream(data)), cap);
        } catch (IOException e) {
            return null;
        }
    }

    public static byte[] bz2(byte[] data, int cap) {
        try {
            return readCapped(new BZip2CompressorInputStream(new ByteArrayInputStream(data), true), cap);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** lzma.decompress with FORMAT_AUTO: an .xz stream or a legacy .lzma ("alone") stream. */
    public static byte[] lzma(byte[] data, int cap) {
        try {
            InputStream in = data.length > 5 && (data[0] & 0xff) == 0xfd && data[1] == '7'
                    ? new XZInputStream(new ByteArrayInputStream(data), LZMA_MEMORY_KIB)
                    : new LZMAInputStream(new ByteArrayInputStream(data), LZMA_MEMORY_KIB);
            return readCapped(in, cap);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] readCapped(InputStream in, int cap) throws IOException {
        try (in) {
            byte[] out = in.readNBytes(cap + 1);
            return out.length > cap ? null : out;
        }
    }
}
