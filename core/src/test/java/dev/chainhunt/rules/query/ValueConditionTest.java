package dev.chainhunt.rules.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chainhunt.deobf.Value;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueConditionTest {

    private static ValueCondition condition(String yaml) throws Exception {
        JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        return QueryRuleLoader.value(node, "test");
    }

    private static Value argv(Value... items) {
        return new Value.Seq(Value.Seq.Kind.LIST, Arrays.asList(items));
    }

    private static final Value NETWORK = new Value.Opaque(Set.of("requests.get"));
    private static final Value PYTHON = new Value.Sym("sys.executable", Set.of());

    @Test
    void commandLooksOnlyAtTheProgramAndItsCode() throws Exception {
        ValueCondition fromNetwork = condition("command: true\nfrom: [requests.**]");
        assertThat(fromNetwork.test(argv(Value.Str.of("pip"), Value.Str.of("install"), NETWORK))).isFalse();
        assertThat(fromNetwork.test(argv(NETWORK, Value.Str.of("--quiet")))).isTrue();
        assertThat(fromNetwork.test(argv(Value.Str.of("bash"), Value.Str.of("-c"), NETWORK))).isTrue();
        assertThat(fromNetwork.test(argv(Value.Str.of("powershell"), Value.Str.of("-NoProfile"), Value.Str.of("-Command"), NETWORK)))
                .isTrue();
        assertThat(fromNetwork.test(NETWORK)).as("a whole command string").isTrue();
        Value builtPath = new Value.Opaque(Set.of("requests.get", "pathlib.Path"), java.util.List.of("/drivers/"));
        assertThat(fromNetwork.test(argv(builtPath, Value.Str.of("--version"))))
                .as("a program at a path the code builds, in a folder the network named").isFalse();
        assertThat(condition("from: [requests.**]").test(argv(Value.Str.of("pip"), Value.Str.of("install"), NETWORK)))
                .as("without command, any part counts").isTrue();
    }

    @Test
    void fragmentsOfAListCommandLineAreReadInOrderWithGaps() throws Exception {
        ValueCondition pipInstall = condition("fragment: '-m\\s+pip\\s+install\\s+…'");
        assertThat(pipInstall.test(argv(PYTHON, Value.Str.of("-m"), Value.Str.of("pip"), Value.Str.of("install"), NETWORK)))
                .isTrue();
        assertThat(pipInstall.test(argv(Value.Str.of("-m"), Value.Str.of("pip"), Value.Str.of("list")))).isFalse();
    }

    @Test
    void sysExecutableReadsAsPythonInAKnownCommandLine() throws Exception {
        ValueCondition setupPy = condition("text: '^python\\s+setup\\.py\\b'");
        assertThat(setupPy.test(argv(PYTHON, Value.Str.of("setup.py"), Value.Str.of("build_ext")))).isTrue();
        assertThat(setupPy.test(argv(NETWORK, Value.Str.of("setup.py")))).isFalse();
        assertThat(setupPy.test(Value.Str.of("python3 setup.py"))).isFalse();
    }

    @Test
    void notInvertsANestedCondition() throws Exception {
        ValueCondition notLocal = condition("fragment: 'pip install'\nnot:\n  text: 'install \\.$'");
        assertThat(notLocal.test(Value.Str.of("pip install ."))).isFalse();
        assertThat(notLocal.test(Value.Str.of("pip install other"))).isTrue();
        assertThat(notLocal.test(null)).isFalse();
    }

    @Test
    void unknownKeysAndBadRegexesAreNamed() {
        assertThatThrownBy(() -> condition("form: [requests.**]")).hasMessageContaining("form");
        assertThatThrownBy(() -> condition("text: '('")).hasMessageContaining("test.text");
    }
}
