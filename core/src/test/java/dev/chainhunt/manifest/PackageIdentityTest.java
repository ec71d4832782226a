package dev.chainhunt.manifest;

import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.model.Ecosystem;
import dev.chainhunt.model.FileRole;
import dev.chainhunt.model.PackageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackageIdentityTest {

    private static TextEntry text(String path, String content) {
        return new TextEntry(path, content.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void metadataWinsOverTheFileName() {
        PackageInfo p = PackageIdentity.identify("dl/renamed.tar.gz", List.of(
                text("real-2.0/real.egg-info/PKG-INFO", "Name: wrong\nVersion: 0\n"),
                text("real-2.0/PKG-INFO", "Metadata-Version: 2.1\nName: real\nVersion: 2.0\n\nName: body\n")));
        assertThat(p).isEqualTo(new PackageInfo(Ecosystem.PYPI, "real", "2.0"));
    }

    @Test
    void theCurrentFolderIsNamedAfterItself() {
        String here = java.nio.file.Path.of("").toAbsolutePath().getFileName().toString();
        assertThat(PackageIdentity.identify(".", List.of(text("setup.py", "from setuptools import setup\n"))).name())
                .isEqualTo(here);
        assertThat(PackageIdentity.identify("./", List.of()).name()).isEqualTo(here);
    }

    @Test
    void wheelMetadataAndNpmManifests() {
        assertThat(PackageIdentity.identify("w.whl", List.of(text("w-1.0.dist-info/METADATA", "Name: w\nVersion: 1.0\n"))))
                .isEqualTo(new PackageInfo(Ecosystem.PYPI, "w", "1.0"));
        assertThat(PackageIdentity.identify("x.tgz", List.of(text("package/package.json",
                "{\"name\": \"@scope/left-pad\", \"version\": \"1.3.0\", \"scripts\": {}}"))))
                .isEqualTo(new PackageInfo(Ecosystem.NPM, "@scope/left-pad", "1.3.0"));
        assertThat(PackageIdentity.identify("broken-0.1.tgz", List.of(text("package/package.json", "{not json"))))
                .isEqualTo(new PackageInfo(Ecosystem.NPM, "broken", "0.1"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
        "requests-2.31.0.tar.gz, requests, 2.31.0",
        "pip install haxorsiambomber-2.1.3.tar.gz, pip install haxorsiambomber, 2.1.3",
        "my_pkg-1.0.0-py3-none-any.whl, my_pkg, 1.0.0",
        "left-pad-1.3.0.tgz, left-pad, 1.3.0",
        "noversion.zip, noversion, -",
    })
    void fileNamesAsALastResort(String file, String name, String version) {
        PackageInfo p = PackageIdentity.fromFileName(file);
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.version()).isEqualTo(version);
    }

    @ParameterizedTest
    @CsvSource({
        "pkg-1.0/setup.py, INSTALL",
        "setup.py, INSTALL",
        "pkg-1.0/tests/data/setup.py, TEST",
        "pkg-1.0/vendor/x/setup.py, CODE",
        "wheel/nspkg.pth, INSTALL",
        "pkg-1.0/pkg/__init__.py, IMPORT",
        "pkg-1.0/pkg/core.py, CODE",
        "pkg-0.1.0/pkg/__init__py.py, IMPORT",
        "pkg-0.1.0/pkg/__init.py, IMPORT",
        "pkg-0.1.0/pkg/_init_.py, IMPORT",
        "pkg-0.1.0/pkg/init.py, CODE",
        "pkg-0.1.0/pkg/initialise.py, CODE",
        "pkg-0.1.0/tests/__init__py.py, TEST",
        "pkg-1.0/tests/test_api.py, TEST",
        "pkg-1.0/src/conftest.py, TEST",
        "package/lib/index.test.js, TEST",
        "package/__tests__/a.js, TEST",
        "pkg-1.0/docs/conf.py, DOCS",
        "pkg-1.0/examples/demo.py, DOCS",
        "pkg-1.0/contest.py, CODE",
        "pillow-11.1.0/winbuild/build_prepare.py, TOOLING",
        "twisted-24.11.0/admin/zz_coverage.pth, TOOLING",
        "tools/helper.py, CODE",
        "mypkg/scripts/run.py, CODE",
        "pkg-1.0/src/pkg/tools/run.py, CODE",
        "pkg-1.0/tests/hook.pth, TEST",
        "pkg-1.0/hook.pth, INSTALL",
        "pkg-1.0/scripts/release.py, TOOLING",
        "pkg-1.0.data/scripts/git, CODE",
    })
    void fileRolesFromPaths(String path, FileRole role) {
        assertThat(FileRoles.of(path)).isEqualTo(role);
    }
}
