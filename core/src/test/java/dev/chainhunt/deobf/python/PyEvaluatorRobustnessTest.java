package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.lang.python.PyParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The evaluator never fails on its own account: on pathological programs and on mutated real files. */
class PyEvaluatorRobustnessTest {

    static List<String> pathological() {
        return List.of(
                "def f(x):\n    return f(x)\nf(1)\n",
                "def a(x):\n    return b(x) + b(x)\ndef b(x):\n    return a(x) + a(x)\na('s')\n",
                "x = []\nwhile True:\n    x.append(x)\n",
                "s = 'a'\nfor i in range(100000):\n    s = s + s\n",
                "x = [1] * 10**9\n",
                "x = 'a' * 10**12\n",
                "x = 10 ** 10 ** 10\n",
                "x = 1 << 10 ** 9\n",
                "import zlib\nx = zlib.decompress(b'x\\x9c' * 1000)\n",
                "d = {}\nfor i in range(200000):\n    d[i] = i\n",
                "x = '%s' % ('a',) * 100\n",
                "import os\nx = ('%(' * 200000 + '%s') % (os.environ['A'],)\ny = ('%' + '9' * 200000 + 'd') % (1,)\n",
                "x = ''.join(chr(i % 0x110000) for i in range(-5, 5))\n",
                "x = bytes(range(300))\n",
                "x = [][0]\ny = {}['k']\nz = 1 / 0\nw = int('zz')\n",
                "exec(exec)\neval(None)\ncompile(1, 2, 3)\n",
                "f = lambda: f()\nf()\n",
                "class A(A): pass\n",
                "x, *y, z = 'ab'\n(a, b), c = 1, 2\n",
                "import base64\nexec(base64.b64decode('!!!!'))\n",
                "getattr()\ngetattr(1)\n__import__()\nchr()\nord('ab')\n",
                "import io, tarfile, zipfile\nb = io.BytesIO()\nt = tarfile.open(fileobj=b, mode='w')\nt.add('x')\n"
                        + "z = zipfile.ZipFile()\nimport sys\nsys.argv = None\nimport runpy\nrunpy.run_module()\n");
    }

    @ParameterizedTest(name = "pathological #{index}")
    @MethodSource("pathological")
    void pathologicalProgramsEndWithinTheBudget(String code) {
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.stopped() == null || !model.stopped().startsWith(PyEvaluator.INTERNAL_ERROR))
                .as("stopped: %s", model.stopped()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.chainhunt.lang.python.PyParserRobustnessTest#corpus")
    void mutatedFilesNeverCauseAnInternalError(Path file) throws IOException {
        String original = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        Random random = new Random(file.toString().hashCode() * 31L);
        String alphabet = "()[]{}'\"\\:#\n =,.*+%^exec0123";
        for (int i = 0; i < 100; i++) {
            StringBuilder s = new StringBuilder(original);
            for (int e = 0; e < 1 + random.nextInt(4) && s.length() > 0; e++) {
                int at = random.nextInt(s.length());
                if (random.nextBoolean()) {
                    s.deleteCharAt(at);
                } else {
                    s.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            PyModel model = PyEvaluator.evaluate(PyParser.parse(s.toString()), Budget.defaults());
            assertThat(model.stopped() == null || !model.stopped().startsWith(PyEvaluator.INTERNAL_ERROR))
                    .as("stopped: %s", model.stopped()).isTrue();
        }
    }
}
