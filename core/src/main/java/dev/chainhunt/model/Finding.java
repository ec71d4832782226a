package dev.chainhunt.model;

import java.util.List;
import java.util.Objects;

/**
 * One technique found in one place, explained: which rule, how bad, how sure, which step of an
 * attack it is, where, the code
 * that matched, extra evidence (for example the hidden tail of a smuggled line or a decoded
 * payload), the decode chain that led to it, the MITRE ATT&CK techniques it maps to and whether
 * the code runs on its own (on install, on import) or only when called.
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
        List<String> attack,
        Trigger trigger) {

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(location, "location");
        decodeChain = decodeChain == null ? List.of() : List.copyOf(decodeChain);
        attack = attack == null ? List.of() : List.copyOf(attack);
        trigger = trigger == null ? Trigger.NONE : trigger;
    }

    /**
     * A stable identity for the matched code: a hash of the rule, the file's name (not its folder,
     * which carries the version) and the matched text with blanks collapsed. Survives version bumps
     * and moved lines; changes when the code does.
     */
    public String fingerprint() {
        String file = location.file();
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('!')) + 1);
        String code = (snippet == null ? "" : snippet) + "\n" + (evidence == null ? message : evidence);
        try {
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            sha.update((ruleId + "\n" + name + "\n" + code.replaceAll("\\s+", " ").strip())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
