package dev.chainhunt;

import dev.chainhunt.model.Target;
import dev.chainhunt.model.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScannerTest {

    private final Scanner scanner = new Scanner(ScanOptions.defaults());

    @Test
    void batchResultsComeBackInInputOrderAndNoneIsDropped() {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            targets.add(i % 7 == 0 ? Target.of(Path.of("does/not/exist-" + i + ".tar.gz"))
                    : Target.of("t" + i + ".py", ("x = " + i + "\n").repeat(i * 50).getBytes(StandardCharsets.UTF_8)));
        }
        List<String> seen = new ArrayList<>();
        scanner.scanAll(targets, 4, r -> seen.add(r.target()));
        assertThat(seen).containsExactlyElementsOf(targets.stream().map(Target::name).toList());
    }

    @Test
    void anUnreadableTargetIsAResultWithAnError() {
        ScanResult r = scanner.scan(Target.of(Path.of("no/such/file.whl")));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.error()).isEqualTo("no such file or directory");
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void indicatorsAreDeduplicatedPerTarget() {
        String code = "a = 'https://example.invalid/x'\nb = 'https://example.invalid/x'\n";
        ScanResult r = scanner.scan(Target.of("dup.py", code.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.indicators()).extracting(i -> i.kind().id() + " " + i.value() + " @" + i.location().line())
                .containsExactly("url https://example.invalid/x @1", "domain example.invalid @1");
    }
}
