package dev.chainhunt.deobf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class AesCipherTest {

    private static final HexFormat HEX = HexFormat.of();

    @ParameterizedTest
    @CsvSource({
            // NIST SP 800-38A, AES-128, first block (F.1.2, F.2.2, F.5.2)
            "ECB, 2b7e151628aed2a6abf7158809cf4f3c, '', 3ad77bb40d7a3660a89ecaf32466ef97, 6bc1bee22e409f96e93d7e117393172a",
            "CBC, 2b7e151628aed2a6abf7158809cf4f3c, 000102030405060708090a0b0c0d0e0f, 7649abac8119b246cee98e9b12e9197d, 6bc1bee22e409f96e93d7e117393172a",
            "CTR, 2b7e151628aed2a6abf7158809cf4f3c, f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff, 874d6191b620e3261bef6864990db6ce, 6bc1bee22e409f96e93d7e117393172a",
    })
    void decryptsTheStandardVectors(AesCipher.Mode mode, String key, String iv, String ciphertext, String plaintext) {
        byte[] plain = AesCipher.decrypt(mode, HEX.parseHex(key), iv.isEmpty() ? null : HEX.parseHex(iv), HEX.parseHex(ciphertext));
        assertThat(HEX.formatHex(plain)).isEqualTo(plaintext);
    }

    @ParameterizedTest
    @CsvSource({
            // "import os; os.system('id')" encrypted by Python's cryptography 48 under key 00..0f
            "GCM, 000102030405060708090a0b, fa01d7a1146fd73b38e941e5458d0371c0527f8b7bca9492c108",
            "CFB8, 101112131415161718191a1b1c1d1e1f, 6e39a31cb6b25bcaa5fe8d0c8507ca09e721321c52bc1747b675",
            "CFB, 101112131415161718191a1b1c1d1e1f, 6e939f1b93a12301e335ce7efdbae1ea9857763e1896d667b8c5",
            "OFB, 101112131415161718191a1b1c1d1e1f, 6e939f1b93a12301e335ce7efdbae1eafabbe1650d2c91a08bb3",
    })
    void decryptsWhatPythonsLibrariesEncrypt(AesCipher.Mode mode, String iv, String ciphertext) {
        byte[] plain = AesCipher.decrypt(mode, HEX.parseHex("000102030405060708090a0b0c0d0e0f"), HEX.parseHex(iv),
                HEX.parseHex(ciphertext));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("import os; os.system('id')");
    }

    @Test
    void cbcWithPaddingAsOpensslWritesIt() {
        // printf "import os; os.system('id')" | openssl enc -aes-128-cbc -K 00..0f -iv 0f..00
        byte[] plain = AesCipher.decrypt(AesCipher.Mode.CBC, HEX.parseHex("000102030405060708090a0b0c0d0e0f"),
                HEX.parseHex("0f0e0d0c0b0a09080706050403020100"),
                HEX.parseHex("d079b42e7cfdc325b0b0ccb0907b63fc4d6be9f8d7b0e4fa443682df49a4557d"));
        assertThat(new String(AesCipher.unpad(plain, 16), StandardCharsets.UTF_8)).isEqualTo("import os; os.system('id')");
    }

    @Test
    void wrongSizesAndPaddingAreNotGuessed() {
        byte[] key = new byte[16];
        assertThat(AesCipher.decrypt(AesCipher.Mode.CBC, new byte[15], new byte[16], new byte[16])).isNull();
        assertThat(AesCipher.decrypt(AesCipher.Mode.CBC, key, new byte[8], new byte[16])).isNull();
        assertThat(AesCipher.decrypt(AesCipher.Mode.ECB, key, null, new byte[15])).isNull();
        assertThat(AesCipher.decrypt(AesCipher.Mode.GCM, key, new byte[16], new byte[4])).isNull();
        assertThat(AesCipher.unpad(new byte[] {1, 2, 3, 0}, 4)).isNull();
        assertThat(AesCipher.unpad(new byte[] {1, 2, 2, 3}, 4)).isNull();
        assertThat(AesCipher.unpad(new byte[] {1, 3, 3, 3}, 4)).containsExactly(1);
    }
}
