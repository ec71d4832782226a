package dev.chainhunt.lang.python;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.lang.SyntaxDump;
import dev.chainhunt.lang.SyntaxTree;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tree dumps: each {@code golden/python/X.py} is parsed and its dump compared with
 * {@code X.tree}. A changed dump is a changed parser; review it, then regenerate with
 * {@code -Dgolden.update=true}.
 */
class PyParserGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/golden/python");

    static List<Path> inputs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.toString().endsWith(".py")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void treeMatchesGoldenDump(Path input) throws IOException {
        SourceText text = PyEncoding.decode(Files.readAllBytes(input));
        SyntaxTree tree = PyParser.parse(text.text());
        String dump = SyntaxDump.dump(tree, text);
        Path golden = DIR.resolve(input.getFileName().toString().replace(".py", ".tree"));
        if (Boolean.getBoolean("golden.update") || !Files.exists(golden)) {
            Files.writeString(golden, dump, StandardCharsets.UTF_8);
        }
        assertThat(dump).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
