package dev.chainhunt.rules;

import dev.chainhunt.ScanOptions;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Scanner;
import dev.chainhunt.fixtures.Annotation;
import dev.chainhunt.fixtures.Fixture;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.TargetKind;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the whole pipeline on every fixture and compares (place, rule) pairs both ways: a
 * {@code ruleid} that does not fire fails, and so does any finding nobody annotated.
 */
class RuleFixturesTest {

    private static final Scanner SCANNER = new Scanner(ScanOptions.defaults());

    static List<Fixture> fixtures() {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void findingsMatchAnnotationsBothWays(Fixture fixture) {
        ScanResult result = SCANNER.scan(fixture.target());
        assertThat(result.error()).as("scan error").isNull();
        Set<String> known = SCANNER.catalog().all().stream().map(Rule::id).collect(Collectors.toSet());
        boolean folder = result.kind() == TargetKind.ARCHIVE;

        Map<String, List<Finding>> actual = new TreeMap<>();
        for (Finding f : result.findings()) {
            actual.computeIfAbsent(key(folder ? f.location().file() : null, f.location().line(), f.ruleId()),
                    k -> new ArrayList<>()).add(f);
        }
        Set<String> expected = new TreeSet<>();
        List<String> problems = new ArrayList<>();
        for (Annotation a : fixture.annotations()) {
            if (!known.contains(a.ruleId())) {
                problems.add(a + ": no rule has this id");
                continue;
            }
            if (a.kind() == Annotation.Kind.OK && a.file().equals("*")) {
                continue;
            }
            String key = key(folder ? a.file() : null, a.line(), a.ruleId());
            List<Finding> found = actual.get(key);
            switch (a.kind()) {
                case RULEID -> {
                    expected.add(key);
                    if (found == null) {
                        problems.add(a + ": expected a finding, none reported");
                    } else if (a.contains() != null && found.stream().noneMatch(f -> mentions(f, a.contains()))) {
                        problems.add(a + ": no finding mentions '" + a.contains() + "': " + found.get(0).message());
                    }
                }
                case TODORULEID -> {
                    if (found != null) {
                        problems.add(a + ": now reported; promote to ruleid");
                    }
                }
                case TODOOK -> {
                    expected.add(key);
                    if (found == null) {
                        problems.add(a + ": no longer reported; promote to ok");
                    }
                }
                case OK -> {
                    // Any finding here is caught below as unexpected.
                }
            }
        }
        for (Map.Entry<String, List<Finding>> e : actual.entrySet()) {
            if (!expected.contains(e.getKey())) {
                problems.add(e.getKey() + ": unexpected finding: " + e.getValue().get(0).message());
            }
        }
        assertThat(problems).as(fixture.name()).isEmpty();
    }

    private static String key(String file, int line, String ruleId) {
        return (file == null ? "" : file + ":") + line + " " + ruleId;
    }

    private static boolean mentions(Finding f, String text) {
        return f.message().contains(text) || (f.snippet() != null && f.snippet().contains(text))
                || (f.evidence() != null && f.evidence().contains(text));
    }
}
