package dev.chainhunt.rules;

import dev.chainhunt.fixtures.Annotation;
import dev.chainhunt.fixtures.Fixture;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.query.QueryRule;
import dev.chainhunt.rules.query.QueryRuleLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue's meta-test: every rule is complete, documented and covered by fixtures both ways. */
class RuleCatalogTest {

    private final RuleCatalog catalog = RuleCatalog.builtIn();

    @Test
    void everyRuleHasCompleteMetadata() {
        assertThat(catalog.all()).isNotEmpty();
        for (Rule rule : catalog.all()) {
            RuleMetadata m = rule.metadata();
            assertThat(m.title()).as(m.id() + " title").isNotBlank();
            assertThat(m.description()).as(m.id() + " description").hasSizeGreaterThan(40);
            assertThat(m.attack()).as(m.id() + " ATT&CK").isNotEmpty();
            assertThat(m.example()).as(m.id() + " example").isNotBlank();
            if (!(rule instanceof QueryRule)) {
                assertThat(rule.getClass().getSimpleName()).as(m.id() + " class name").isEqualTo(pascal(m.id()) + "Rule");
            }
        }
    }

    @Test
    void everyRuleHasFixturesThatFireAndFixturesThatDoNot() {
        Map<String, Set<Annotation.Kind>> kinds = Fixture.all().stream()
                .flatMap(f -> f.annotations().stream())
                .collect(Collectors.groupingBy(Annotation::ruleId,
                        Collectors.mapping(Annotation::kind, Collectors.toSet())));
        for (Rule rule : catalog.all()) {
            assertThat(kinds.getOrDefault(rule.id(), Set.of())).as(rule.id() + " fixtures")
                    .contains(Annotation.Kind.RULEID, Annotation.Kind.OK);
        }
        Set<String> ids = catalog.all().stream().map(Rule::id).collect(Collectors.toSet());
        assertThat(ids).as("every annotated rule exists").containsAll(kinds.keySet());
    }

    @Test
    void declarativeRulesAreNamedAfterTheirIds() throws java.io.IOException {
        Path dir = Path.of("src/main/resources/dev/chainhunt/rules");
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(yaml).isNotEmpty();
            for (Path f : yaml) {
                try (var in = Files.newInputStream(f)) {
                    QueryRule rule = QueryRuleLoader.parse(in, f.toString());
                    assertThat(f.getFileName().toString()).isEqualTo(rule.id() + ".yaml");
                    assertThat(f.getParent().getFileName().toString()).as(rule.id() + " folder")
                            .isEqualTo(rule.languages().get(0).id());
                }
            }
        }
    }

    @Test
    void malformedRulesAreRejectedWithTheFieldNamed() throws java.io.IOException {
        String base = "id: py-x-y\ntitle: t\ndescription: d\nseverity: high\nconfidence: high\nstage: execution\n"
                + "attack: [T1027]\nmessage: m\n";
        assertThatThrownBy(() -> parse(base + "match:\n  call: [a]\n  bogus: 1\n"))
                .hasMessageContaining("unknown field 'bogus'");
        assertThatThrownBy(() -> parse(base + "match:\n  text: '('\n")).hasMessageContaining("bad regex");
        assertThatThrownBy(() -> parse(base.replace("stage: execution", "stage: nope") + "match:\n  call: [a]\n"))
                .hasMessageContaining("stage must be one of");
        assertThatThrownBy(() -> parse(base + "match:\n  nothing: 1\n")).hasMessageContaining("expected one of call");
        assertThat(parse(base + "match:\n  call: [builtins.exec]\n").id()).isEqualTo("py-x-y");
        // Named sets shared by the catalogue ($process_calls) expand in place; unknown names are errors.
        assertThat(parse(base + "match:\n  call: [$process_calls, builtins.exec]\n").id()).isEqualTo("py-x-y");
        assertThatThrownBy(() -> parse(base + "match:\n  call: [$nope]\n"))
                .hasMessageContaining("unknown set '$nope'").hasMessageContaining("process_calls");
        // So do named regexes ($secret_folders) in text and fragment conditions.
        assertThat(parse(base + "match:\n  call: [os.walk]\n  arg: {fragment: $secret_folders}\n").id()).isEqualTo("py-x-y");
        assertThatThrownBy(() -> parse(base + "match:\n  text: $nope\n"))
                .hasMessageContaining("unknown pattern '$nope'").hasMessageContaining("browser_wallet_stores");
        // YAML aliases would reach the rule as their bare names: refused, with the line.
        assertThatThrownBy(() -> parse(base + "match:\n  any:\n    - call: &c [builtins.exec]\n    - call: *c\n"))
                .hasMessageContaining("line 12").hasMessageContaining("aliases (*c)");
    }

    private static QueryRule parse(String yaml) throws java.io.IOException {
        return QueryRuleLoader.parse(new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "test.yaml");
    }

    @Test
    void rejectsDuplicateIdsAndMalformedMetadata() {
        Rule a = CodeLikeRule.of("code-same-id");
        Rule b = CodeLikeRule.of("code-same-id");
        assertThatThrownBy(() -> RuleCatalog.of(List.of(a, b))).hasMessageContaining("code-same-id");
        assertThatThrownBy(() -> CodeLikeRule.of("NoPrefix")).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> new RuleMetadata("code-x", "t", "d", Severity.LOW, Confidence.LOW, AttackStage.OBFUSCATION, List.of("1027"), "e"))
                .hasMessageContaining("ATT&CK");
    }

    private static String pascal(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    /** A minimal rule for catalogue tests. */
    private record CodeLikeRule(RuleMetadata metadata) implements TargetRule {
        static CodeLikeRule of(String id) {
            return new CodeLikeRule(new RuleMetadata(id, "t", "d", Severity.LOW, Confidence.LOW, AttackStage.OBFUSCATION, List.of("T1027"), "e"));
        }

        @Override
        public void check(TargetContext context) {
        }
    }
}
