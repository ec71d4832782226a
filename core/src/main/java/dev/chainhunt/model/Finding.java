package dev.chainhunt.model;

import java.util.List;
import java.util.Objects;

/**
 * One technique found in one place, explained: which rule, how bad, how sure, which step of an
 * attack it is, where, the code
 * that matched, extra evidence (for example the hidden tail of a smuggled line or a decoded
 * payload), the decode chain that led to it and the MITRE ATT&CK techniques it maps to.
 */
public record Finding(
        String ruleId,
        Severity severity,
        Confidence confidence,
        AttackStage stage,
        String message,
        Location location,
        String snippet,
        String evidence,
        List<String> decodeChain,
        List<String> attack) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        decodeChain = decodeChain == null ? List.of() : List.copyOf(decodeChain);
        attack = attack == null ? List.of() : List.copyOf(attack);
    }
}
