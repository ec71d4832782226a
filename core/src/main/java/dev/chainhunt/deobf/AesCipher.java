package dev.chainhunt.deobf;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * AES decryption as Python's crypto libraries do it, for payloads shipped with their key
 * (PyCryptodome's {@code AES.new(key, AES.MODE_CBC, iv).decrypt(ct)}, cryptography's
 * {@code Cipher(algorithms.AES(key), modes.CTR(nonce)).decryptor().update(ct)}). Decryption only
 * reads: nothing is verified or run. GCM is decrypted as the counter mode it is, without checking
 * the tag, as {@code decrypt} does before {@code verify}. Returns null when the key, the IV or the
 * length does not fit the mode.
 */
public final class AesCipher {

    /** The modes handled; CFB8 is PyCryptodome's default CFB (8-bit segments), CFB is full-block. */
    public enum Mode { ECB, CBC, CFB, CFB8, OFB, CTR, GCM }

    private AesCipher() {
    }

    /**
     * @param iv the IV (CBC, CFB, OFB), the whole initial counter block (CTR) or the nonce (GCM);
     *           ignored for ECB
     */
    public static byte[] decrypt(Mode mode, byte[] key, byte[] iv, byte[] data) {
        if (key == null || data == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
            return null;
        }
        try {
            SecretKeySpec k = new SecretKeySpec(key, "AES");
            Cipher aes;
            switch (mode) {
                case ECB, CBC -> {
                    if (data.length % 16 != 0 || mode == Mode.CBC && (iv == null || iv.length != 16)) {
                        return null;
                    }
                    aes = Cipher.getInstance("AES/" + mode + "/NoPadding");
                    if (mode == Mode.ECB) {
                        aes.init(Cipher.DECRYPT_MODE, k);
                    } else {
                        aes.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(iv));
                    }
                }
                case CFB, CFB8, OFB, CTR -> {
                    if (iv == null || iv.length != 16) {
                        return null;
                    }
                    aes = Cipher.getInstance("AES/" + mode + "/NoPadding");
                    aes.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(iv));
                }
                case GCM -> {
                    if (iv == null || iv.length != 12) {
                        return null; // other nonce lengths derive the counter through GHASH
                    }
                    // The payload's counter blocks start at J0 + 1, where J0 = nonce || 0x00000001.
                    byte[] counter = Arrays.copyOf(iv, 16);
                    counter[15] = 2;
                    aes = Cipher.getInstance("AES/CTR/NoPadding");
                    aes.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(counter));
                }
                default -> {
                    return null;
                }
            }
            return aes.doFinal(data);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** PKCS#7 padding removed ({@code Crypto.Util.Padding.unpad}); null when the padding is not valid. */
    public static byte[] unpad(byte[] data, int blockSize) {
        if (data == null || data.length == 0 || blockSize <= 0 || data.length % blockSize != 0) {
            return null;
        }
        int n = data[data.length - 1] & 0xff;
        if (n == 0 || n > blockSize) {
            return null;
        }
        for (int i = data.length - n; i < data.length; i++) {
            if ((data[i] & 0xff) != n) {
                return null;
            }
        }
        return Arrays.copyOf(data, data.length - n);
    }
}
