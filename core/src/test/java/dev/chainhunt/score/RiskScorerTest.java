package dev.chainhunt.score;

import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Trigger;
import dev.chainhunt.model.Verdict;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RiskScorerTest {

    private static Finding f(String rule, Severity s, Confidence c, String file) {
        return f(rule, s, c, AttackStage.EXECUTION, file);
    }

    /** A finding whose trigger is what its path suggests (setup.py on install, __init__.py on import). */
    private static Finding f(String rule, Severity s, Confidence c, AttackStage stage, String file) {
        Trigger trigger = file.endsWith("setup.py") ? Trigger.INSTALL : file.endsWith("__init__.py") ? Trigger.IMPORT : Trigger.NONE;
        return new Finding(rule, s, c, stage, "m", new Location(file, 1, 1), null, null, List.of(), List.of(), trigger);
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
    void stepsTheUserIsAskedToConfirmAreNoChain() {
        Finding fetch = f("py-download-plants-code", Severity.HIGH, Confidence.LOW, AttackStage.DOWNLOAD, "p/hub.py");
        Finding run = f("py-run-downloaded-file", Severity.CRITICAL, Confidence.LOW, AttackStage.EXECUTION, "p/hub.py");
        Risk asked = RiskScorer.score(List.of(fetch, run));
        assertThat(asked.verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(asked.reasons()).noneMatch(r -> r.startsWith("attack chain"));
        Finding silentFetch = f("py-download-plants-code", Severity.HIGH, Confidence.HIGH, AttackStage.DOWNLOAD, "p/hub.py");
        Finding silentRun = f("py-run-downloaded-file", Severity.CRITICAL, Confidence.HIGH, AttackStage.EXECUTION, "p/hub.py");
        assertThat(RiskScorer.score(List.of(silentFetch, silentRun)).reasons()).anyMatch(r -> r.startsWith("attack chain of 2"));
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
    void testsAndDocsWeighHalfInstallAndImportCodeMore() {
        assertThat(RiskScorer.score(List.of(f("code-trojan-source", Severity.HIGH, Confidence.MEDIUM, "p/tests/t.py"))).verdict())
                .isEqualTo(Verdict.CLEAN);
        assertThat(RiskScorer.score(List.of(f("code-trojan-source", Severity.HIGH, Confidence.MEDIUM, "p/lib/t.py"))).verdict())
                .isEqualTo(Verdict.SUSPICIOUS);
        assertThat(RiskScorer.score(List.of(f("code-exec-smuggling", Severity.CRITICAL, Confidence.HIGH, "p/tests/t.py"))).score())
                .isEqualTo(3.8);
        Finding importedTest = new Finding("py-exec-network-payload", Severity.CRITICAL, Confidence.HIGH, AttackStage.EXECUTION,
                "m", new Location("p-1.0/tests/helper.py", 1, 1), null, null, List.of(), List.of(), Trigger.INSTALL);
        assertThat(RiskScorer.score(List.of(importedTest)).score()).as("tests/ code that setup.py imports").isEqualTo(9.5);
        assertThat(RiskScorer.score(List.of(f("py-host-recon-exfil", Severity.HIGH, Confidence.MEDIUM, "p/core.py"))).score())
                .isEqualTo(4.5);
        assertThat(RiskScorer.score(List.of(f("py-host-recon-exfil", Severity.HIGH, Confidence.MEDIUM, "p-1.0/setup.py"))).score())
                .isEqualTo(6.8);
        assertThat(RiskScorer.score(List.of(f("py-exec-network-payload", Severity.CRITICAL, Confidence.HIGH, "p/__init__.py"))).score())
                .isEqualTo(9.5);
    }

    @Test
    void theAttackChainFollowsTheStepsOfAnInfection() {
        Finding exec = new Finding("py-exec-decoded-payload", Severity.CRITICAL, Confidence.HIGH, AttackStage.EXECUTION, "m",
                new Location("p-1.0/setup.py", 3, 1), null, null, List.of("base64", "zlib"), List.of(), Trigger.INSTALL);
        Finding hook = new Finding("py-webhook-exfiltration", Severity.HIGH, Confidence.HIGH, AttackStage.EXFILTRATION, "m",
                new Location("p-1.0/p/steal.py", 9, 1), null, null, List.of(), List.of(), Trigger.NONE);
        Finding hides = new Finding("code-exec-smuggling", Severity.HIGH, Confidence.HIGH, AttackStage.OBFUSCATION, "m",
                new Location("p-1.0/setup.py", 3, 1), null, null, List.of(), List.of(), Trigger.INSTALL);
        assertThat(RiskScorer.score(List.of(hook, exec, hides)).chain()).containsExactly(
                "runs on install: p-1.0/setup.py",
                "hides: code-exec-smuggling",
                "executes: py-exec-decoded-payload (base64 → zlib)",
                "sends: py-webhook-exfiltration");
    }

    @Test
    void infoFindingsNeverMoveTheScore() {
        Risk r = RiskScorer.score(List.of(f("archive-link", Severity.INFO, Confidence.HIGH, "x")));
        assertThat(r.score()).isZero();
        assertThat(r.reasons()).isEmpty();
    }

    @Test
    void onlyCodeThatRunsOnItsOwnWeighsMore() {
        Finding called = new Finding("py-install-network-access", Severity.HIGH, Confidence.MEDIUM, AttackStage.DOWNLOAD, "m",
                new Location("p-1.0/setup.py", 9, 1), null, null, List.of(), List.of(), Trigger.NONE);
        assertThat(RiskScorer.score(List.of(called)).score()).isEqualTo(4.5);
        Finding imported = new Finding("py-host-recon-exfil", Severity.HIGH, Confidence.MEDIUM, AttackStage.EXFILTRATION, "m",
                new Location("p-1.0/p/core.py", 9, 1), null, null, List.of(), List.of(), Trigger.INSTALL);
        assertThat(RiskScorer.score(List.of(imported)).score()).isEqualTo(6.8);
        assertThat(RiskScorer.score(List.of(imported)).chain()).first().isEqualTo("runs on install: p-1.0/p/core.py");
    }

    @Test
    void twoOrMoreHarmfulStepsMakeAChainThatWeighsOnItsOwn() {
        Finding collects = f("py-browser-wallet-theft", Severity.HIGH, Confidence.MEDIUM, AttackStage.COLLECTION, "p/w.py");
        Finding sends = f("py-webhook-exfiltration", Severity.HIGH, Confidence.MEDIUM, AttackStage.EXFILTRATION, "p/w.py");
        Finding points = f("py-suspicious-endpoint", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.INDICATOR, "p/w.py");
        Finding persists = f("py-persistence", Severity.HIGH, Confidence.MEDIUM, AttackStage.PERSISTENCE, "p/w.py");
        // An indicator alone is not a chain; 1 − 0.775 = 0.225
        assertThat(RiskScorer.score(List.of(points)).score()).isEqualTo(2.3);
        assertThat(RiskScorer.harmfulSteps(List.of(points))).isEmpty();
        // With a harmful step it sharpens it: 1 − 0.55 × 0.775 × (1 − 0.4) = 0.744
        assertThat(RiskScorer.score(List.of(collects, points)).score()).isEqualTo(7.4);
        // 1 − 0.55 × 0.55 × (1 − 0.4) = 0.8185
        Risk two = RiskScorer.score(List.of(collects, sends));
        assertThat(two.score()).isEqualTo(8.2);
        assertThat(two.reasons()).last().asString().isEqualTo("attack chain of 2 steps: collects, sends");
        // 1 − 0.55³ × (1 − 0.6) = 0.93345
        assertThat(RiskScorer.score(List.of(collects, sends, persists)).score()).isEqualTo(9.3);
        Finding weak = f("py-secret-file-access", Severity.LOW, Confidence.MEDIUM, AttackStage.COLLECTION, "p/w.py");
        assertThat(RiskScorer.harmfulSteps(List.of(weak, sends))).containsExactly(AttackStage.EXFILTRATION);
    }

    @Test
    void aChainIsMadeOfStepsThatBelongTogether() {
        Finding download = f("py-download-execute", Severity.HIGH, Confidence.MEDIUM, AttackStage.DOWNLOAD, "p-1/p/fetch.py");
        Finding hidden = f("py-hidden-process", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.EVASION, "p-1/p/show.py");
        // Unrelated files that nothing runs on its own: no chain, 1 − 0.55 × 0.775 = 0.574
        assertThat(RiskScorer.chainSteps(List.of(download, hidden))).hasSize(1);
        assertThat(RiskScorer.score(List.of(download, hidden)).score()).isEqualTo(5.7);
        // Code that runs on install or import is one chain, whichever files it spans.
        Finding installs = f("py-download-execute", Severity.HIGH, Confidence.MEDIUM, AttackStage.DOWNLOAD, "p-1/setup.py");
        Finding imports = f("py-hidden-process", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.EVASION, "p-1/p/__init__.py");
        assertThat(RiskScorer.chainSteps(List.of(installs, imports))).containsExactly(AttackStage.DOWNLOAD, AttackStage.EVASION);
    }

    @Test
    void weakSignalsAloneNeverMakeAPackageSuspicious() {
        Finding unpickles = f("py-exec-serialised-payload", Severity.HIGH, Confidence.HIGH, AttackStage.EXECUTION, "p-1/tests/test_a.py");
        Finding readsKeys = f("py-secret-file-access", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.COLLECTION, "p-1/p/keys.py");
        Finding longLine = f("code-long-encoded-line", Severity.LOW, Confidence.MEDIUM, AttackStage.OBFUSCATION, "p-1/p/data.py");
        Finding hides = f("py-hidden-process", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.EVASION, "p-1/p/run.py");
        // 0.24, 0.225, 0.075 and 0.225 would combine to 0.58; weak signals together stop at 0.35.
        assertThat(RiskScorer.score(List.of(unpickles, readsKeys, longLine, hides)).score()).isEqualTo(3.5);
        // Next to a strong finding they still count: 1 − (1 − 0.6) × (1 − 0.35) = 0.74
        Finding sends = f("py-host-recon-exfil", Severity.HIGH, Confidence.HIGH, AttackStage.EXFILTRATION, "p-1/p/beacon.py");
        assertThat(RiskScorer.score(List.of(unpickles, readsKeys, longLine, hides, sends)).score()).isEqualTo(7.4);
    }

    @Test
    void aTestModuleThePackageImportsIsPackageCode() {
        Finding persists = f("py-persistence", Severity.HIGH, Confidence.HIGH, AttackStage.PERSISTENCE, "p-1/p/tests/helpers.py");
        // 0.6 × 0.4 in a test nothing loads; the full 0.6 when the package's own code imports the module.
        assertThat(RiskScorer.score(List.of(persists)).score()).isEqualTo(2.4);
        assertThat(RiskScorer.score(List.of(persists), "p-1/p/tests/helpers.py"::equals).score()).isEqualTo(6.0);
    }

    @Test
    void collectingAloneInCodeThatRunsOnlyWhenCalledIsACapability() {
        // A cookie library reads and decrypts a browser's cookie store when its caller asks.
        List<Finding> library = List.of(
                f("py-browser-dpapi-decrypt", Severity.HIGH, Confidence.MEDIUM, AttackStage.COLLECTION, "p/cookies.py"),
                f("py-browser-wallet-theft", Severity.HIGH, Confidence.MEDIUM, AttackStage.COLLECTION, "p/cookies.py"));
        Risk capability = RiskScorer.score(library);
        assertThat(capability.verdict()).isEqualTo(Verdict.SUSPICIOUS);
        assertThat(capability.score()).isEqualTo(RiskScorer.COLLECTION_ONLY);
        // The same on import, or next to a send or a hidden endpoint, is not a capability.
        List<Finding> onImport = List.of(
                f("py-browser-dpapi-decrypt", Severity.HIGH, Confidence.MEDIUM, AttackStage.COLLECTION, "p/__init__.py"),
                f("py-browser-wallet-theft", Severity.HIGH, Confidence.MEDIUM, AttackStage.COLLECTION, "p/cookies.py"));
        assertThat(RiskScorer.score(onImport).verdict()).isEqualTo(Verdict.MALICIOUS);
        List<Finding> withEndpoint = new ArrayList<>(library);
        withEndpoint.add(f("py-suspicious-endpoint", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.INDICATOR, "p/cookies.py"));
        assertThat(RiskScorer.score(withEndpoint).verdict()).isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void findingsOnlyInTestsDocsAndToolingNeverMakeAPackageSuspicious() {
        // A selenium conftest that posts the environment, a dev script that runs what it downloads.
        List<Finding> aside = List.of(
                f("py-credential-exfil", Severity.CRITICAL, Confidence.HIGH, AttackStage.EXFILTRATION, "p-1/tests/conftest.py"),
                f("py-host-recon-exfil", Severity.HIGH, Confidence.HIGH, AttackStage.EXFILTRATION, "p-1/tests/conftest.py"),
                f("py-run-downloaded-file", Severity.CRITICAL, Confidence.HIGH, "p-1/dev/deps.py"));
        assertThat(RiskScorer.score(aside).score()).isEqualTo(RiskScorer.ASIDE_ONLY);
        assertThat(RiskScorer.score(aside).verdict()).isEqualTo(Verdict.CLEAN);
        // One of them in package code, or a test module the package imports, and they all count.
        List<Finding> mixed = new ArrayList<>(aside);
        mixed.add(f("py-hidden-process", Severity.MEDIUM, Confidence.MEDIUM, AttackStage.EVASION, "p-1/p/core.py"));
        assertThat(RiskScorer.score(mixed).score()).isGreaterThan(RiskScorer.ASIDE_ONLY);
        assertThat(RiskScorer.score(aside, "p-1/dev/deps.py"::equals).verdict()).isEqualTo(Verdict.MALICIOUS);
    }

    @Test
    void aWorkingChainInToolingNothingRunsIsWorthALookNotAVerdict() {
        // A maintainer's VM bootstrap that downloads an installer and runs it, started by hand.
        List<Finding> bootstrap = List.of(
                f("py-download-plants-code", Severity.HIGH, Confidence.HIGH, AttackStage.DOWNLOAD, "p-1/maint/vm/bootstrap.py"),
                f("py-run-downloaded-file", Severity.CRITICAL, Confidence.HIGH, "p-1/maint/vm/bootstrap.py"));
        assertThat(RiskScorer.chainSteps(bootstrap)).hasSize(2);
        assertThat(RiskScorer.score(bootstrap).score()).isEqualTo(RiskScorer.ASIDE_CHAIN);
        assertThat(RiskScorer.score(bootstrap).verdict()).isEqualTo(Verdict.SUSPICIOUS);
        // Imported by the package's own code, it is what the package does.
        assertThat(RiskScorer.score(bootstrap, "p-1/maint/vm/bootstrap.py"::equals).verdict()).isEqualTo(Verdict.MALICIOUS);
    }
}
