package dev.chainhunt.deobf.python;

import dev.chainhunt.manifest.EntryPoints;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class CompiledModuleTest {

    /**
     * CPython 3.11 bytecode of:
     * <pre>
     * import os
     * TARGETS = ("a.txt", "b.txt")
     * def go():
     *     os.system("echo hi")
     * </pre>
     */
    private static final byte[] SMALL = HexFormat.of().parseHex("a70d0d0a00000000483e0a6b4a000000e3000000000000000000000000020000"
            + "0000000000f3180000009700640064016c005a0064025a01640384005a02640153002904e9000000004e29027a05612e7478747a05622e7478"
            + "74630000000000000000000000000300000003000000f32e00000097007401000000000000000000006a0100000000000000006401a6010000ab"
            + "01000000000000000001006400530029024e7a076563686f2068692902da026f73da0673797374656da900f300000000fa08736d616c6c2e7079"
            + "da02676f72090000000300000073180000008000dd040684498869d10418d40418d00418d00418d00418720700000029037204000000da075441"
            + "52474554537209000000720600000072070000007208000000fa083c6d6f64756c653e720b00000001000000732c000000f003010101d8000980"
            + "098009d80a1c8007f002010119f000010119f000010119f000010119f0000101197207000000");

    @Test
    void namesAndStringsOfEveryCodeObject() {
        CompiledModule m = CompiledModule.read(SMALL);
        assertThat(m.version()).isEqualTo("3.11");
        assertThat(m.names()).contains("os", "TARGETS", "go", "system");
        assertThat(m.strings()).contains("a.txt", "b.txt", "echo hi");
        assertThat(m.listing()).contains("names = (", "'system'", "'echo hi',");
    }

    @Test
    void notBytecodeAndBrokenBytecode() {
        assertThat(CompiledModule.read("print('hello')\n".getBytes())).isNull();
        assertThat(CompiledModule.read(new byte[0])).isNull();
        Random random = new Random(3);
        for (int n = 0; n < 5_000; n++) {
            byte[] b = Arrays.copyOf(SMALL, 17 + random.nextInt(SMALL.length - 17));
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                b[16 + random.nextInt(b.length - 16)] = (byte) random.nextInt(256);
            }
            CompiledModule m = CompiledModule.read(b); // never throws; a prefix yields what it holds
            if (m != null) {
                assertThat(m.listing()).startsWith("# compiled for Python 3.11");
            }
        }
    }

    /** {@code marshal.dumps(compile("import os\nos.system('echo hi')\n", 'x', 'exec'))} by CPython 3.11. */
    private static final byte[] BARE = HexFormat.of().parseHex("630000000000000000000000000300000000000000f32e000000970064"
            + "0064016c005a00020065006a0100000000000000006402a6010000ab0100000000000000000100640153002903e9000000004e7a076563686f"
            + "2068692902da026f73da0673797374656da900f300000000da0178fa083c6d6f64756c653e7207000000010000007326000000f003010101d8"
            + "0009800980098009d80009800284098829d10014d40014d00014d00014d000147205000000");

    @Test
    void bareMarshalDataAsMarshalLoadsIsGivenIt() {
        byte[] bare = BARE;
        CompiledModule m = CompiledModule.fromMarshal(bare);
        assertThat(m.version()).isEqualTo("3.11+");
        assertThat(m.names()).contains("os", "system");
        assertThat(m.strings()).contains("echo hi");
        assertThat(CompiledModule.fromMarshal(Arrays.copyOf(bare, bare.length - 3))).isNull(); // cut short
        assertThat(CompiledModule.fromMarshal(SMALL)).isNull(); // a .pyc header is not bare data

        // marshal.dumps("print('hi')\n") and marshal.dumps(b"ab"): the text itself, not a code object
        assertThat(CompiledModule.marshalledText(HexFormat.of().parseHex("fa0c7072696e742827686927290a"))).isEqualTo("print('hi')\n");
        assertThat(CompiledModule.marshalledText(HexFormat.of().parseHex("f3020000006162"))).isEqualTo("ab");
        assertThat(CompiledModule.marshalledText(HexFormat.of().parseHex("fa0c7072696e74"))).isNull(); // cut short
        assertThat(CompiledModule.marshalledText(bare)).isNull();

        Random random = new Random(5);
        for (int n = 0; n < 5_000; n++) {
            byte[] b = Arrays.copyOf(bare, 1 + random.nextInt(bare.length));
            for (int flips = random.nextInt(4); flips > 0; flips--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            CompiledModule.fromMarshal(b); // never throws
            CompiledModule.marshalledText(b);
        }
    }

    @Test
    void sourceOfACompiledModule() {
        assertThat(EntryPoints.sourceOf("pkg/__pycache__/m.cpython-311.pyc")).isEqualTo("pkg/m.py");
        assertThat(EntryPoints.sourceOf("pkg/m.pyc")).isEqualTo("pkg/m.py");
        assertThat(EntryPoints.sourceOf("m.pyc")).isEqualTo("m.py");
    }
}
