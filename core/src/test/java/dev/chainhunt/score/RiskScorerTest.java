package dev.chainhunt.score;

import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskScorerTest {

    private static Finding f(String rule, Severity s, Confidence c, String file) {
        return new Finding(rule, s, c, "m", new Location(file, 1, 1), null, null, List.of(), List.of());
    }

    @Test
    void noFindingsIsClean() {
        Risk r = RiskScorer.score(List.of());
        assertThat(r.score()).isZero();
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.reasons()).isEmpty();
    }

    @Test
    void oneCriticalFindingIsMalicious() {
        Risk r = RiskScorer.score(List.of(f("code-exec-smuggling", Severity.CRITICAL, Confidence.HIGH, "setup.py")));
        assertThat(r.score()).isEqualTo(9.5);
        assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
        assertThat(r.reasons()).singleElement().asString().startsWith("code-exec-smuggling (critical, high confidence) at setup.py");
    }

    @Test
    void aRuleCountsOnceHoweverOftenItFires() {
        List<Finding> many = Collections.nCopies(1000, f("code-long-encoded-line", Severity.LOW, Confidence.MEDIUM, "a.js"));
        Risk r = RiskScorer.score(many);
        assertThat(r.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(r.score()).isEqualTo(0.8);
    }

    @Test
    void independentRulesCombine() {
        List<Finding> two = new ArrayList<>();
        two.add(f("archive-path-escape", Severity.HIGH, Confidence.MEDIUM, "x"));
        assertThat(RiskScorer.score(two).verdict()).isEqualTo(Verdict.SUSPICIOUS);
        two.add(f("archive-link", Severity.HIGH, Confidence.MEDIUM, "y"));
        Risk r = RiskScorer.score(two);
        assertThat(r.score()).isEqualTo(7.0);
        assertThat(r.verdict()).isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void testsAndDocsWeighHalfUnlessCritical() {
        assertThat(RiskScorer.score(List.of(f("code-trojan-source", Severity.HIGH, Confidence.MEDIUM, "p/tests/t.py"))).verdict())
                .isEqualTo(Verdict.CLEAN);
        assertThat(RiskScorer.score(List.of(f("code-trojan-source", Severity.HIGH, Confidence.MEDIUM, "p/lib/t.py"))).verdict())
                .isEqualTo(Verdict.SUSPICIOUS);
        assertThat(RiskScorer.score(List.of(f("code-exec-smuggling", Severity.CRITICAL, Confidence.HIGH, "p/tests/t.py"))).verdict())
                .isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void infoFindingsNeverMoveTheScore() {
        Risk r = RiskScorer.score(List.of(f("archive-link", Severity.INFO, Confidence.HIGH, "x")));
        assertThat(r.score()).isZero();
        assertThat(r.reasons()).isEmpty();
    }
}
