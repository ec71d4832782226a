package dev.chainhunt.deobf;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Fernet decryption ({@code cryptography.fernet.Fernet(key).decrypt(token)}): the token is
 * url-safe base64 of version, timestamp, IV, AES-128-CBC ciphertext and an HMAC-SHA256; the key
 * is url-safe base64 of a 16-byte signing key and a 16-byte encryption key. Malware ships both
 * as literals, so decrypting is just reading. Returns null for a bad key, token or signature.
 */
public final class FernetCipher {

    private FernetCipher() {
    }

    public static byte[] decrypt(String key, String token) {
        byte[] k = Base64Codec.b64decode(key);
        byte[] t = Base64Codec.b64decode(token);
        if (k == null || t == null || k.length != 32 || t.length < 1 + 8 + 16 + 16 + 32 || (t[0] & 0xff) != 0x80) {
            return null;
        }
        try {
            byte[] signed = Arrays.copyOfRange(t, 0, t.length - 32);
            byte[] mac = Arrays.copyOfRange(t, t.length - 32, t.length);
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(Arrays.copyOfRange(k, 0, 16), "HmacSHA256"));
            if (!MessageDigest.isEqual(hmac.doFinal(signed), mac)) {
                return null;
            }
            byte[] iv = Arrays.copyOfRange(t, 9, 25);
            byte[] ciphertext = Arrays.copyOfRange(t, 25, t.length - 32);
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(Arrays.copyOfRange(k, 16, 32), "AES"), new IvParameterSpec(iv));
            return aes.doFinal(ciphertext);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
