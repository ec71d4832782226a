package dev.chainhunt.model;

import java.util.List;

/**
 * An indicator a defender can act on (a URL, domain or IP address), where it was first seen, and,
 * for indicators recovered from decoded payloads, the decode chain that revealed it.
 */
public record Ioc(IocKind kind, String value, Location location, List<String> decodeChain) {

    public Ioc {
        decodeChain = decodeChain == null ? List.of() : List.copyOf(decodeChain);
    }

    /** True when the indicator only appears after undoing an encoding. */
    public boolean decoded() {
        return !decodeChain.isEmpty();
    }
}
