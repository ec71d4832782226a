package dev.chainhunt.archive;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class EntryPathsTest {

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "pkg-1.0/setup.py            | pkg-1.0/setup.py | -",
        "./pkg-1.0/./a//b.py         | pkg-1.0/a/b.py   | -",
        "pkg-1.0/sub/../setup.py     | pkg-1.0/setup.py | -",
        "pkg\\\\win\\\\path.py       | pkg/win/path.py  | -",
        "../../etc/passwd            | etc/passwd       | path climbs out of the archive with ..",
        "pkg/../../x.py              | x.py             | path climbs out of the archive with ..",
        "/etc/cron.d/job             | etc/cron.d/job   | absolute path",
        "//server/share/x            | server/share/x   | absolute path",
        "C:\\\\Windows\\\\x.exe      | Windows/x.exe    | drive-letter path",
        "c:relative.py               | relative.py      | drive-letter path",
        "..                          | (unnamed)        | path climbs out of the archive with ..",
    })
    void normalisesAndFlagsEscapes(String raw, String path, String escape) {
        EntryPaths.Normalised n = EntryPaths.normalise(raw);
        assertThat(n.path()).isEqualTo(path);
        assertThat(n.escape()).isEqualTo(escape);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "pkg/docs/README.md | ../README.md        | pkg/README.md",
        "pkg/a              | b/c                 | pkg/b/c",
        "pkg/a              | ../../etc           | -",
        "pkg/a              | /                   | -",
        "pkg/a              | C:\\\\Windows       | -",
    })
    void resolvesLinksInsideTheTreeOnly(String entry, String target, String resolved) {
        assertThat(EntryPaths.resolveLink(entry, target)).isEqualTo(resolved);
    }

    @ParameterizedTest
    @CsvSource({"'a\u0000b'", "'name\u001b[31m'"})
    void controlCharactersAreReplacedAndFlagged(String raw) {
        EntryPaths.Normalised n = EntryPaths.normalise(raw);
        assertThat(n.escapes()).isTrue();
        assertThat(n.path()).contains("\uFFFD").doesNotContain("\u0000", "\u001b");
    }
}
