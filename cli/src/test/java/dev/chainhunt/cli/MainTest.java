package dev.chainhunt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes, messages, formats, batches. */
class MainTest {

    private static final Path EXAMPLES = Path.of("../examples");
    private static final String SMUGGLED = "import os" + " ".repeat(300) + ";exec(open('x').read())\n";

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theShippedExamplesGetTheirDocumentedVerdicts() {
        Run r = run("scan", "--format", "jsonl", EXAMPLES.resolve("smuggled-setup").toString(),
                EXAMPLES.resolve("trojan-source").toString(), EXAMPLES.resolve("clean-package").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(verdicts(r.out())).containsExactly("malicious", "suspicious", "clean");
    }

    @Test
    void theShippedExamplesGetTheSameVerdictsWhenPacked(@TempDir Path dir) throws IOException {
        List<String> archives = new ArrayList<>();
        for (String example : List.of("smuggled-setup", "trojan-source", "clean-package")) {
            Path archive = dir.resolve(example + ".tar.gz");
            Files.write(archive, tarGz(EXAMPLES.resolve(example)));
            archives.add(archive.toString());
        }
        List<String> args = new ArrayList<>(List.of("scan", "--format", "jsonl"));
        args.addAll(archives);
        assertThat(verdicts(run(args.toArray(String[]::new)).out())).containsExactly("malicious", "suspicious", "clean");
    }

    @Test
    void exitCodesFollowTheContract(@TempDir Path dir) throws IOException {
        Path clean = Files.writeString(dir.resolve("clean.py"), "print('hello')\n");
        Path bad = Files.writeString(dir.resolve("bad.py"), SMUGGLED);
        assertThat(run("scan", clean.toString()).code()).isZero();
        assertThat(run("scan", bad.toString()).code()).isEqualTo(1);
        assertThat(run("scan", clean.toString(), dir.resolve("missing.tar.gz").toString()).code()).isEqualTo(3);
        assertThat(run("scan", bad.toString(), dir.resolve("missing.tar.gz").toString()).code()).isEqualTo(1);
        assertThat(run("scan", "--fail-on", "malicious", EXAMPLES.resolve("trojan-source").toString()).code()).isZero();
        assertThat(run("scan", "--fail-on", "suspicious", EXAMPLES.resolve("trojan-source").toString()).code()).isEqualTo(1);
    }

    @Test
    void usageErrorsAreOneClearLineWithoutAStackTrace(@TempDir Path dir) {
        for (String[] args : List.of(
                new String[] {"scan", "--bogus", "x"},
                new String[] {"scan"},
                new String[] {"scan", "--format", "xml", "x"},
                new String[] {"scan", "--max-total-bytes", "lots", "x"},
                new String[] {"scan", "--jobs", "0", "x"},
                new String[] {"scan", "--from-file", dir.resolve("nope.txt").toString()},
                new String[] {"scan", "--output", dir.resolve("no/such/dir/out.json").toString(), "x"},
                new String[] {"rules", "explain", "no-such-rule"},
                new String[] {"frobnicate"},
                new String[] {})) {
            Run r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).startsWith("chainhunt: ").doesNotContain("\tat ", "Exception");
            assertThat(r.err().lines().count()).as(String.join(" ", args)).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void anUnreadableArchiveIsReportedAndTheBatchGoesOn(@TempDir Path dir) throws IOException {
        Path broken = Files.write(dir.resolve("broken-1.0.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
        Path good = Files.writeString(dir.resolve("good.py"), "x = 1\n");
        Run r = run("scan", broken.toString(), good.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.out()).contains("ERROR", "broken-1.0.tar.gz", "cannot read gzip data", "CLEAN");
    }

    @Test
    void eachTurnsEveryArchiveUnderAFolderIntoATargetInSortedOrder(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b b/1.0 "));
        Files.createDirectories(dir.resolve("a"));
        Files.write(dir.resolve("a/one-1.0.tar.gz"), tarGz(EXAMPLES.resolve("clean-package")));
        // A wheel named like an sdist, as in the real dataset.
        Files.write(dir.resolve("b b/1.0 /two-1.0.tar.gz"), zip(Map.of("two/__init__.py", SMUGGLED,
                "two-1.0.dist-info/METADATA", "Name: two\nVersion: 1.0\n")));
        Files.writeString(dir.resolve("a/notes.txt"), "not an archive, not a target\n");
        Run r = run("scan", "--each", "--format", "jsonl", dir.toString());
        List<JsonNode> lines = jsonLines(r.out());
        assertThat(lines).extracting(n -> n.get("name").asText()).containsExactly("tidy", "two");
        assertThat(lines).extracting(n -> n.get("verdict").asText()).containsExactly("clean", "malicious");
        assertThat(lines.get(1).get("target").asText()).endsWith("b b/1.0 /two-1.0.tar.gz");
    }

    @Test
    void fromFileTakesEveryLineVerbatim(@TempDir Path dir) throws IOException {
        // As in the real dataset: a target path that ends in a space.
        Path trailing = Files.createDirectories(dir.resolve("pip install thing-1.0 "));
        Files.writeString(trailing.resolve("setup.py"), SMUGGLED);
        Path plain = Files.writeString(dir.resolve("plain.py"), "y = 2\n");
        Path list = Files.writeString(dir.resolve("list.txt"), trailing + "\n\n" + plain + "\r\n");
        Run r = run("scan", "--format", "jsonl", "--from-file", list.toString());
        assertThat(jsonLines(r.out())).extracting(n -> n.get("target").asText())
                .containsExactly(trailing.toString(), plain.toString());
        assertThat(verdicts(r.out())).containsExactly("malicious", "clean");
    }

    @Test
    void outputGoesToTheNamedFile(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report.sarif");
        Run r = run("scan", "--format", "sarif", "--output", out.toString(), EXAMPLES.resolve("smuggled-setup").toString());
        assertThat(r.out()).isEmpty();
        JsonNode sarif = new ObjectMapper().readTree(out.toFile());
        assertThat(sarif.get("runs").get(0).get("results").get(0).get("ruleId").asText()).isEqualTo("code-exec-smuggling");
    }

    @Test
    void rulesAreListedAndExplained() {
        Run list = run("rules", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("code-exec-smuggling", "archive-bomb", "T1027");
        Run explain = run("rules", "explain", "archive-path-escape");
        assertThat(explain.code()).isZero();
        assertThat(explain.out()).contains("zip slip", "Example:");
    }

    @Test
    void inspectShowsResolvedCallsDecodedValuesAndStages(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("layered.py"), String.join("\n",
                "import base64 as b, zlib",
                "getattr(__builtins__, 'ex' + 'ec')(zlib.decompress(b.b64decode('eJwrKMrMK9FQz0msTC1KTVHXBAAzsgWz')))",
                ""));
        Run r = run("inspect", file.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("== syntax tree ==", "MODULE @1:1", "builtins.exec(b\"print('layered')\")",
                "base64 → zlib  \"print('layered')\"", "== stage 1.1: python", "builtins.print(\"layered\")");
        Run missing = run("inspect", dir.resolve("nope.py").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).startsWith("chainhunt: no such file");
    }

    @Test
    void aBaselineFromTheCommandLineSuppressesReviewedFindings(@TempDir Path dir) throws IOException {
        Path example = EXAMPLES.resolve("smuggled-setup");
        Path baseline = dir.resolve("baseline.json");
        Run first = run("scan", "--format", "jsonl", "--write-baseline", baseline.toString(), example.toString());
        assertThat(first.code()).isEqualTo(1);
        assertThat(Files.readString(baseline)).contains("\"rule\" : \"code-exec-smuggling\"", "\"target\" : \"pypi/smuggled-demo\"");
        Run second = run("scan", "--format", "jsonl", "--baseline", baseline.toString(), example.toString());
        assertThat(second.code()).isZero();
        JsonNode result = jsonLines(second.out()).get(0);
        assertThat(result.get("verdict").asText()).isEqualTo("clean");
        assertThat(result.get("suppressed").asInt()).isGreaterThan(0);
        // The package cannot bring its own: a baseline file inside the scanned tree is just a file.
        Files.copy(baseline, example.resolve("chainhunt-baseline.json.tmp"));
        try {
            assertThat(run("scan", example.toString()).code()).isEqualTo(1);
        } finally {
            Files.delete(example.resolve("chainhunt-baseline.json.tmp"));
        }
        Files.writeString(dir.resolve("bad.json"), "{\"nope\": 1}");
        Run bad = run("scan", "--baseline", dir.resolve("bad.json").toString(), example.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).startsWith("chainhunt: cannot read --baseline");
    }

    @Test
    void userRulesAddToTheCatalogue(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("py-prints-greeting.yaml"), String.join("\n",
                "id: py-prints-greeting", "title: Prints a greeting", "description: A user rule for the test of --rules.",
                "severity: low", "confidence: high", "stage: indicator", "attack: [T1027]", "message: prints hello",
                "match:", "  call: [builtins.print]", "  arg:", "    text: hello", ""));
        Path code = Files.writeString(dir.resolve("x.py"), "print('hello')\n");
        Run r = run("scan", "--format", "jsonl", "--rules", dir.toString(), code.toString());
        assertThat(r.out()).contains("py-prints-greeting");
        Files.writeString(dir.resolve("broken.yaml"), "id: [\n");
        Run broken = run("scan", "--rules", dir.toString(), code.toString());
        assertThat(broken.code()).isEqualTo(2);
        assertThat(broken.err()).startsWith("chainhunt: cannot load rules:").contains("broken.yaml");
    }

    @Test
    void evalReportsTheConfusionMatrix(@TempDir Path dir) throws IOException {
        Path bad = Files.createDirectories(dir.resolve("bad"));
        Path good = Files.createDirectories(dir.resolve("good"));
        Files.write(bad.resolve("smuggled-0.1.tar.gz"), tarGz(EXAMPLES.resolve("smuggled-setup")));
        Files.write(bad.resolve("invisible-0.0.1.tar.gz"), tarGz(EXAMPLES.resolve("trojan-source")));
        Files.write(good.resolve("tidy-1.2.0.tar.gz"), tarGz(EXAMPLES.resolve("clean-package")));
        Run r = run("eval", "--malicious", bad.toString(), "--benign", good.toString(), "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode report = new ObjectMapper().readTree(r.out());
        JsonNode atMalicious = report.get("scores").get(0);
        assertThat(atMalicious.get("threshold").asText()).isEqualTo("malicious");
        assertThat(atMalicious.get("tp").asInt()).isEqualTo(1);
        assertThat(atMalicious.get("fn").asInt()).isEqualTo(1);
        assertThat(atMalicious.get("fp").asInt()).isZero();
        assertThat(report.get("scores").get(1).get("recall").asDouble()).isEqualTo(1.0);
        assertThat(report.get("missed")).hasSize(1);
        Run text = run("eval", "--malicious", bad.toString(), "--benign", good.toString());
        assertThat(text.out()).contains("threshold", "precision", "MCC", "throughput:");
    }

    @Test
    void versionAndHelp() {
        assertThat(run("--version").out()).startsWith("chainhunt ");
        Run help = run("scan", "--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--each", "--from-file", "--fail-on", "--max-ratio", "Exit codes");
    }

    @Test
    void limitsCanBeSetFromTheCommandLine(@TempDir Path dir) throws IOException {
        Path big = Files.write(dir.resolve("big.tar.gz"), tarGz(EXAMPLES.resolve("smuggled-setup")));
        Run r = run("scan", "--format", "jsonl", "--max-entries", "1", big.toString());
        JsonNode result = jsonLines(r.out()).get(0);
        assertThat(result.get("partial").asBoolean()).isTrue();
        assertThat(result.get("findings").toString()).contains("archive-bomb", "more than 1 entries");
    }

    private static List<String> verdicts(String jsonl) {
        return jsonLines(jsonl).stream().map(n -> n.get("verdict").asText()).toList();
    }

    private static List<JsonNode> jsonLines(String jsonl) {
        ObjectMapper json = new ObjectMapper();
        return jsonl.lines().filter(l -> !l.isBlank()).map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + l, e);
            }
        }).toList();
    }

    private static byte[] tarGz(Path folder) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
             var files = Files.walk(folder)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                TarArchiveEntry e = new TarArchiveEntry(folder.relativize(f).toString().replace('\\', '/'));
                byte[] data = Files.readAllBytes(f);
                e.setSize(data.length);
                tar.putArchiveEntry(e);
                tar.write(data);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (var e : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
