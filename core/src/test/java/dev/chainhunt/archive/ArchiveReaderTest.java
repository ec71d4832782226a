package dev.chainhunt.archive;

import dev.chainhunt.fixtures.FixtureArchive;
import dev.chainhunt.fixtures.FixtureArchive.Entry;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.TargetKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ArchiveReaderTest {

    private final ArchiveReader reader = new ArchiveReader(Limits.DEFAULT);
    private static final List<Entry> ENTRIES = List.of(
            Entry.file("pkg-1.0/PKG-INFO", "Name: pkg\nVersion: 1.0\n"),
            Entry.file("pkg-1.0/setup.py", "print('hi')\n"),
            Entry.file("pkg-1.0/logo.png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 1, 2, 3}));

    @ParameterizedTest
    @ValueSource(strings = {"tar.gz", "tar.bz2", "tar.xz", "tar", "zip"})
    void readsEveryFormatByContentWhateverTheName(String format) throws IOException {
        byte[] bytes = format.equals("zip") ? FixtureArchive.zip(ENTRIES) : FixtureArchive.tar(ENTRIES, format);
        // The name lies on purpose: formats are detected by magic bytes.
        Contents c = reader.read(Target.of("pkg-1.0.tar.gz", bytes));
        assertThat(c.error()).isNull();
        assertThat(c.kind()).isEqualTo(TargetKind.ARCHIVE);
        assertThat(c.texts()).extracting(TextEntry::path).containsExactly("pkg-1.0/PKG-INFO", "pkg-1.0/setup.py");
        assertThat(new String(c.texts().get(1).bytes(), StandardCharsets.UTF_8)).isEqualTo("print('hi')\n");
        assertThat(c.binaries()).singleElement().satisfies(b -> {
            assertThat(b.path()).isEqualTo("pkg-1.0/logo.png");
            assertThat(b.size()).isEqualTo(11);
            assertThat(b.head()).startsWith((byte) 0x89, (byte) 'P');
        });
        assertThat(c.sha256()).hasSize(64);
        assertThat(c.partial()).isFalse();
    }

    @Test
    void nestedArchivesAreNamedWithBangSlash() throws IOException {
        byte[] inner = FixtureArchive.zip(List.of(Entry.file("mod/__init__.py", "x = 1\n")));
        byte[] outer = FixtureArchive.tar(List.of(Entry.file("p/vendor/mod.whl", inner)), "tar.gz");
        Contents c = reader.read(Target.of("p.tgz", outer));
        assertThat(c.texts()).extracting(TextEntry::path).containsExactly("p/vendor/mod.whl!/mod/__init__.py");
    }

    @Test
    void aCompressedSingleFileIsReadAsOneEntry() throws IOException {
        byte[] gz = FixtureArchive.tar(List.of(), "tar.gz");
        // An empty tar inside gzip is still a tar; a gzip of plain text is a single file.
        assertThat(reader.read(Target.of("empty.tar.gz", gz)).texts()).isEmpty();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(out)) {
            z.write("import os\n".getBytes(StandardCharsets.UTF_8));
        }
        Contents c = reader.read(Target.of("payload.py.gz", out.toByteArray()));
        assertThat(c.texts()).extracting(TextEntry::path).containsExactly("payload.py");
    }

    @Test
    void aPlainFileIsATargetOfItsOwn() {
        Contents c = reader.read(Target.of("dir/setup.py", "import os\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(c.kind()).isEqualTo(TargetKind.FILE);
        assertThat(c.texts()).extracting(TextEntry::path).containsExactly("setup.py");
    }

    @Test
    void emptyAndMissingFilesAreErrors(@TempDir Path dir) {
        assertThat(reader.read(Target.of("x.tar.gz", new byte[0])).error()).isEqualTo("empty file");
        Contents missing = reader.read(Target.of(dir.resolve("nope.whl")));
        assertThat(missing.unreadable()).isTrue();
        assertThat(missing.error()).isEqualTo("no such file or directory");
    }

    @Test
    void directoriesAreWalkedInSortedOrderWithoutFollowingLinks(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("b/sub"));
        Files.createDirectories(dir.resolve(".git/objects"));
        Files.writeString(dir.resolve("b/sub/z.py"), "z = 1\n");
        Files.writeString(dir.resolve("a.py"), "a = 1\n");
        Files.writeString(dir.resolve("b/c.js"), "c = 1\n");
        Files.writeString(dir.resolve(".git/objects/blob"), "not part of the code\n");
        Files.write(dir.resolve("b/pkg.zip"), FixtureArchive.zip(List.of(Entry.file("in.py", "i = 1\n"))));
        Files.createSymbolicLink(dir.resolve("secrets"), Path.of("/etc"));
        Files.createSymbolicLink(dir.resolve("inside"), Path.of("a.py"));
        Contents c = reader.read(Target.of(dir));
        assertThat(c.kind()).isEqualTo(TargetKind.DIRECTORY);
        assertThat(c.texts()).extracting(TextEntry::path)
                .containsExactly("a.py", "b/c.js", "b/pkg.zip!/in.py", "b/sub/z.py");
        assertThat(c.issues()).singleElement().satisfies(i -> {
            assertThat(i.kind()).isEqualTo(ArchiveIssue.Kind.LINK);
            assertThat(i.path()).isEqualTo("secrets");
            assertThat(i.severe()).isTrue();
        });
    }

    @Test
    void utf16TextIsKeptAsText() {
        byte[] utf16 = "\uFEFFimport os\n".getBytes(StandardCharsets.UTF_16LE);
        assertThat(Extraction.isText(utf16, utf16.length)).isTrue();
        byte[] elf = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0};
        assertThat(Extraction.isText(elf, elf.length)).isFalse();
    }
}
