package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.AesCipher;
import dev.chainhunt.deobf.Value;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The objects of Python's AES APIs as values, so that a payload shipped with its key decrypts:
 * PyCryptodome's {@code AES.new(key, mode, iv)} ({@code Crypto} and {@code Cryptodome}) with
 * {@code decrypt}, {@code unpad}, and cryptography's {@code Cipher(algorithms.AES(key), modes.X(iv))}
 * with {@code decryptor().update()/finalize()} and {@code padding.PKCS7(128).unpadder()}. A cipher's
 * state is its key, its mode's name and its IV (or initial counter block, or GCM nonce).
 */
final class PyAes {

    private static final String HAZMAT = "cryptography.hazmat.primitives.";
    /** PyCryptodome's mode numbers ({@code AES.MODE_CBC == 2}). */
    private static final Map<Integer, String> MODE_NUMBERS = Map.of(1, "ECB", 2, "CBC", 3, "CFB", 5, "OFB", 6, "CTR", 11, "GCM");

    private PyAes() {
    }

    /** The object a call of {@code path} builds, or null when it is not one of these or its arguments are not known. */
    static Value construct(String path, List<Value> args, Map<String, Value> kw) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        Value a1 = args.size() > 1 ? args.get(1) : kw.get("mode");
        if ((path.startsWith("Crypto.") || path.startsWith("Cryptodome.")) && path.endsWith(".Cipher.AES.new")) {
            return pycryptodome(path, a0 != null ? a0 : kw.get("key"), a1, args.size() > 2 ? args.get(2) : null, kw);
        }
        if (path.equals(HAZMAT + "ciphers.algorithms.AES")) {
            return a0 instanceof Value.Bytes ? new Value.Instance(path, List.of(a0), Set.of()) : null;
        }
        if (path.startsWith(HAZMAT + "ciphers.modes.") || path.startsWith("cryptography.hazmat.decrepit.ciphers.modes.")) {
            String mode = path.substring(path.lastIndexOf('.') + 1);
            if (!MODE_NUMBERS.containsValue(mode) && !mode.equals("CFB8")) {
                return null; // XTS and the like: not decrypted here
            }
            Value iv = mode.equals("ECB") ? Value.None.INSTANCE : a0;
            return iv instanceof Value.Bytes || iv instanceof Value.None
                    ? new Value.Instance(path, List.of(Value.Str.of(mode), iv), Set.of()) : null;
        }
        if (path.equals(HAZMAT + "ciphers.Cipher") && a0 instanceof Value.Instance algorithm
                && algorithm.type().endsWith("algorithms.AES") && a1 instanceof Value.Instance mode
                && mode.type().contains(".ciphers.modes.")) {
            return new Value.Instance(path, List.of(algorithm.state().get(0), mode.state().get(0), mode.state().get(1)), Set.of());
        }
        if (path.equals(HAZMAT + "padding.PKCS7") && PyValues.toInt(a0) != null) {
            return new Value.Instance(path, List.of(a0), Set.of());
        }
        return null;
    }

    private static Value pycryptodome(String path, Value key, Value modeValue, Value third, Map<String, Value> kw) {
        String mode = modeValue instanceof Value.Sym s && s.path().contains(".MODE_") ? s.path().substring(s.path().lastIndexOf(".MODE_") + 6)
                : modeValue instanceof Value.Int i ? MODE_NUMBERS.get(i.value().intValue()) : null;
        if (!(key instanceof Value.Bytes) || mode == null) {
            return null;
        }
        Value iv = third != null ? third : kw.containsKey("iv") ? kw.get("iv") : kw.get("nonce");
        if (mode.equals("CFB") && !(kw.get("segment_size") instanceof Value.Int size && size.value().intValue() == 128)) {
            mode = "CFB8";
        }
        if (mode.equals("CTR") && iv instanceof Value.Bytes nonce && nonce.value().length < 16) {
            // The counter block: the nonce, then the counter from initial_value, big-endian.
            BigInteger start = kw.containsKey("initial_value") ? PyValues.toInt(kw.get("initial_value")) : BigInteger.ZERO;
            if (start == null) {
                return null;
            }
            byte[] block = java.util.Arrays.copyOf(nonce.value(), 16);
            byte[] counter = start.toByteArray();
            for (int i = 0; i < counter.length && i < 16 - nonce.value().length; i++) {
                block[15 - i] = counter[counter.length - 1 - i];
            }
            iv = new Value.Bytes(block, nonce.chain(), nonce.origin());
        }
        if (!mode.equals("ECB") && !(iv instanceof Value.Bytes)) {
            return null; // a random IV or nonce: what was encrypted under it is not known here
        }
        return new Value.Instance(path, List.of(key, Value.Str.of(mode), iv == null ? Value.None.INSTANCE : iv), Set.of());
    }

    /** The result of a method of one of these objects, or null when it is not one or not known. */
    static Value method(Value.Instance object, String name, List<Value> args) {
        Value a0 = args.isEmpty() ? null : args.get(0);
        String type = object.type();
        boolean cipher = type.endsWith(".Cipher.AES.new") || type.equals(HAZMAT + "ciphers.Cipher().decryptor");
        if (cipher && (name.equals("decrypt") || name.equals("decrypt_and_verify") || name.equals("update"))
                && a0 instanceof Value.Bytes data) {
            Value key = object.state().get(0);
            byte[] iv = object.state().get(2) instanceof Value.Bytes b ? b.value() : null;
            byte[] plain = AesCipher.decrypt(AesCipher.Mode.valueOf(PyValues.text(object.state().get(1))),
                    ((Value.Bytes) key).value(), iv, data.value());
            return plain == null ? null
                    : new Value.Bytes(plain, PyValues.append(PyValues.mergeChains(key.chain(), data.chain()), "aes"), data.origin());
        }
        if (type.equals(HAZMAT + "ciphers.Cipher") && name.equals("decryptor") && args.isEmpty()) {
            return new Value.Instance(type + "().decryptor", object.state(), Set.of());
        }
        if (type.equals(HAZMAT + "padding.PKCS7") && name.equals("unpadder") && args.isEmpty()) {
            return new Value.Instance(type + "().unpadder", object.state(), Set.of());
        }
        if (type.equals(HAZMAT + "padding.PKCS7().unpadder") && name.equals("update") && a0 instanceof Value.Bytes data) {
            BigInteger bits = PyValues.toInt(object.state().get(0));
            byte[] plain = bits == null ? null : AesCipher.unpad(data.value(), bits.intValue() / 8);
            return plain == null ? null : new Value.Bytes(plain, data.chain(), data.origin());
        }
        if ((type.equals(HAZMAT + "ciphers.Cipher().decryptor") || type.equals(HAZMAT + "padding.PKCS7().unpadder"))
                && name.equals("finalize") && args.isEmpty()) {
            return new Value.Bytes(new byte[0], List.of(), -1); // update() gave everything
        }
        return null;
    }

    /** {@code Crypto.Util.Padding.unpad(data, block_size)}; null when it is not that call or the padding is wrong. */
    static Value unpad(String path, List<Value> args) {
        if (!(path.endsWith("Util.Padding.unpad") && (path.startsWith("Crypto.") || path.startsWith("Cryptodome.")))
                || args.size() < 2 || !(args.get(0) instanceof Value.Bytes data)) {
            return null;
        }
        BigInteger size = PyValues.toInt(args.get(1));
        byte[] plain = size == null ? null : AesCipher.unpad(data.value(), size.intValue());
        return plain == null ? null : new Value.Bytes(plain, data.chain(), data.origin());
    }
}
