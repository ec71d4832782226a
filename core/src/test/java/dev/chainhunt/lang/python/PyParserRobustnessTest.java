package dev.chainhunt.lang.python;

import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The parser never throws, never overflows the stack and always returns a well-formed tree:
 * on pathological inputs and on thousands of random mutations of real Python files.
 */
class PyParserRobustnessTest {

    static List<String> pathological() {
        int n = 100_000;
        return List.of(
                "(".repeat(n),
                "[".repeat(n) + "]".repeat(n),
                "{".repeat(n),
                "x = " + "-".repeat(n) + "1",
                "x = " + "not ".repeat(n) + "y",
                "f = " + "lambda: ".repeat(n) + "0",
                "x = " + "a if b else ".repeat(n) + "c",
                "x = " + "2 ** ".repeat(n) + "2",
                "x = " + "a.".repeat(n) + "b",
                "x = " + "f(".repeat(n),
                "x = " + "y[0]".repeat(n),
                "x = f'" + "{f'".repeat(2000),
                "x = " + "1 + ".repeat(n) + "1",
                "if x:\n" + buildNested(2000),
                "\"\"\"" + "a".repeat(n),
                "'" + "\\".repeat(n),
                "\t".repeat(n) + "x",
                "@".repeat(n),
                "def f(" + "a, ".repeat(n) + "):\n  pass",
                "x = `" + "`".repeat(n),
                "\u0000\u0001\uffff\ud800" + "🐍".repeat(1000));
    }

    private static String buildNested(int depth) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= depth; i++) {
            sb.append(" ".repeat(i)).append("if x:\n");
        }
        return sb.append(" ".repeat(depth + 1)).append("pass\n").toString();
    }

    @ParameterizedTest(name = "pathological input #{index}")
    @MethodSource("pathological")
    void pathologicalInputsGiveATreeNotAnException(String source) {
        SyntaxTree tree = PyParser.parse(source);
        assertWellFormed(tree);
    }

    @Test
    void deepButLegalNestingStillParsesCleanly() {
        String source = "x = " + "(".repeat(150) + "1" + ")".repeat(150) + "\n";
        SyntaxTree tree = PyParser.parse(source);
        assertThat(tree.errors()).isEmpty();
        String tooDeep = "x = " + "(".repeat(300) + "1" + ")".repeat(300) + "\ny = 2\n";
        SyntaxTree deep = PyParser.parse(tooDeep);
        assertThat(deep.errors()).extracting(SyntaxTree.SyntaxError::message).anyMatch(m -> m.contains("nested"));
        assertThat(deep.root().child(1).kind()).isEqualTo(PyKind.ASSIGN);
    }

    /** The Python files of the golden dumps and rule fixtures: real code to mutate (shared with the evaluator's robustness test). */
    static List<Path> corpus() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("src/test/resources/golden/python", "src/test/resources/fixtures/python")) {
            try (Stream<Path> s = Files.walk(Path.of(dir))) {
                s.filter(p -> p.toString().endsWith(".py")).sorted().forEach(files::add);
            }
        }
        return files;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void randomMutationsNeverBreakTheParser(Path file) throws IOException {
        String original = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Random random = new Random(file.getFileName().toString().hashCode());
        String alphabet = "()[]{}'\"\\:#\n\t =,.*@`f\u00e9\u202e";
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder(original);
            int edits = 1 + random.nextInt(5);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                switch (random.nextInt(4)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    case 2 -> s.setLength(at);
                    default -> s.insert(at, s.substring(at, Math.min(s.length(), at + random.nextInt(40))));
                }
            }
            SyntaxTree tree = PyParser.parse(s.toString());
            assertWellFormed(tree);
        }
    }

    /** Every node lies within its parent and within the source; errors lie within the source. */
    static void assertWellFormed(SyntaxTree tree) {
        int length = tree.source().length();
        Deque<SyntaxNode> pending = new ArrayDeque<>();
        pending.push(tree.root());
        while (!pending.isEmpty()) {
            SyntaxNode node = pending.pop();
            assertThat(node.start()).isBetween(0, node.end());
            assertThat(node.end()).isLessThanOrEqualTo(length);
            for (SyntaxNode child : node.children()) {
                if (child != null) {
                    pending.push(child);
                }
            }
        }
        for (SyntaxTree.SyntaxError e : tree.errors()) {
            assertThat(e.start()).isBetween(0, length);
        }
    }
}
