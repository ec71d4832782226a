package dev.chainhunt.rules;

import dev.chainhunt.fixtures.Annotation;
import dev.chainhunt.fixtures.Fixture;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
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
            assertThat(rule.getClass().getSimpleName()).as(m.id() + " class name")
                    .isEqualTo(pascal(m.id()) + "Rule");
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
    void rejectsDuplicateIdsAndMalformedMetadata() {
        Rule a = CodeLikeRule.of("code-same-id");
        Rule b = CodeLikeRule.of("code-same-id");
        assertThatThrownBy(() -> RuleCatalog.of(List.of(a, b))).hasMessageContaining("code-same-id");
        assertThatThrownBy(() -> CodeLikeRule.of("NoPrefix")).hasMessageContaining("kebab-case");
        assertThatThrownBy(() -> new RuleMetadata("code-x", "t", "d", Severity.LOW, Confidence.LOW, List.of("1027"), "e"))
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
            return new CodeLikeRule(new RuleMetadata(id, "t", "d", Severity.LOW, Confidence.LOW, List.of("T1027"), "e"));
        }

        @Override
        public void check(TargetContext context) {
        }
    }
}
