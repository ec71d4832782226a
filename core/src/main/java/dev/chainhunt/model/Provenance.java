package dev.chainhunt.model;

import java.util.List;

/**
 * Where a source file's text came from. Files read from a target have the {@link #ORIGINAL}
 * provenance; decoded payloads point at the encoded literal they came from and carry the decode
 * chain (for example {@code base64 → zlib → python}) and their stage depth.
 */
public record Provenance(Location origin, List<String> decodeChain, int depth) {

    public static final Provenance ORIGINAL = new Provenance(null, List.of(), 0);

    public Provenance {
        decodeChain = decodeChain == null ? List.of() : List.copyOf(decodeChain);
    }

    public boolean isDecoded() {
        return depth > 0;
    }
}
