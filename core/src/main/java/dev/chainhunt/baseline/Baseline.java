package dev.chainhunt.baseline;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.PackageInfo;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Suppressions the user decided on: findings to drop, each keyed by the target (its package
 * identity, or its path as given), the rule, and the fingerprint of the matched code. A baseline
 * comes only from the command line; nothing inside a scanned package can add to it.
 */
public final class Baseline {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One suppressed finding; {@code file}, {@code line} and {@code reason} are for people. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String target, String rule, String fingerprint, String file, Integer line, String reason) {
    }

    /** The file format: a version and the entries. */
    record Document(int version, List<Entry> suppressions) {
    }

    public static final Baseline EMPTY = new Baseline(List.of());

    private final List<Entry> entries;
    private final Set<String> keys = new HashSet<>();

    public Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : entries) {
            keys.add(e.target() + '\n' + e.rule() + '\n' + e.fingerprint());
        }
    }

    public static Baseline read(Path file) throws IOException {
        Document doc;
        try {
            doc = JSON.readValue(file.toFile(), Document.class);
        } catch (IOException e) {
            throw new IOException("not a chainhunt baseline: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (doc == null || doc.suppressions() == null) {
            throw new IOException("not a chainhunt baseline: no 'suppressions' list");
        }
        for (Entry e : doc.suppressions()) {
            if (e.target() == null || e.rule() == null || e.fingerprint() == null) {
                throw new IOException("baseline entry without target, rule or fingerprint: " + e);
            }
        }
        return new Baseline(doc.suppressions());
    }

    public void write(Writer out) throws IOException {
        JSON.writeValue(out, new Document(1, entries));
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The identity a baseline uses for a target: ecosystem/name when known (versions change), else its path. */
    public static String targetKey(String target, PackageInfo pkg) {
        if (pkg != null && pkg.name() != null && pkg.ecosystem() != null && pkg.ecosystem() != dev.chainhunt.model.Ecosystem.UNKNOWN) {
            return pkg.ecosystem().id() + "/" + pkg.name();
        }
        return target;
    }

    /** Whether the user suppressed {@code finding} in {@code target}. */
    public boolean suppresses(String targetKey, Finding finding) {
        return !keys.isEmpty() && keys.contains(targetKey + '\n' + finding.ruleId() + '\n' + finding.fingerprint());
    }

    /** A baseline that suppresses every finding given, for {@code --write-baseline}. */
    public static Baseline of(List<Suppressible> found) {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Suppressible s : found) {
            Finding f = s.finding();
            if (seen.add(s.targetKey() + '\n' + f.ruleId() + '\n' + f.fingerprint())) {
                entries.add(new Entry(s.targetKey(), f.ruleId(), f.fingerprint(), f.location().file(),
                        f.location().line() > 0 ? f.location().line() : null, null));
            }
        }
        return new Baseline(entries);
    }

    /** A finding together with the key of the target it was found in. */
    public record Suppressible(String targetKey, Finding finding) {
    }
}
