package dev.chainhunt.archive;

import dev.chainhunt.ScanOptions;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Scanner;
import dev.chainhunt.fixtures.FixtureArchive;
import dev.chainhunt.fixtures.FixtureArchive.Entry;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.Verdict;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipEncodingHelper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Archives built to hurt the reader. Each must give a finding or a clear error, never an
 * exception, a hang or an OutOfMemoryError. The suite runs with -Xmx256m (see core/pom.xml),
 * far below what the bombs would expand to.
 */
class HostileArchiveTest {

    private final Scanner scanner = new Scanner(ScanOptions.defaults());

    @Test
    void textZipBombStopsAtTheRatioLimit() throws IOException {
        // 1 GiB of text that deflates about a thousandfold: more than the heap if it were kept.
        byte[] bomb = zipOfRepeatedText("pkg-1.0/data.py", "a".repeat(63) + "\n", 1L << 30);
        ScanResult r = scanner.scan(Target.of("bomb-1.0.tar.gz", bomb));
        assertThat(r.verdict()).isNotEqualTo(Verdict.ERROR);
        assertThat(r.partial()).isTrue();
        assertThat(findings(r, "archive-bomb")).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.message()).contains("expands more than 200 times");
        });
        assertThat(findings(r, "archive-bomb")).anySatisfy(f -> assertThat(f.message()).contains("declares 1073741824 bytes"));
    }

    @Test
    void binaryZipBombIsReportedFromItsDeclaredSizesWithoutInflating() throws IOException {
        byte[] bomb = FixtureArchive.zip(List.of(Entry.file("pkg/a.py", "print(1)\n"), Entry.zeros("pkg/zeros.bin", 256L << 20)));
        ScanResult r = scanner.scan(Target.of("zeros.zip", bomb));
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("declares 268435456 bytes"));
        assertThat(r.files()).isEqualTo(1);
    }

    @Test
    void tenThousandNestedGzipLayersStopAtTheDepthLimit() throws IOException {
        byte[] data = FixtureArchive.tar(List.of(Entry.file("deep/setup.py", "print('bottom')\n")), "tar.gz");
        for (int i = 0; i < 10_000; i++) {
            data = gzipStored(data);
        }
        ScanResult r = scanner.scan(Target.of("deep.tar.gz", data));
        assertThat(r.verdict()).isNotEqualTo(Verdict.ERROR);
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("nested more than 3 levels"));
        assertThat(r.files()).isZero();
    }

    @Test
    void thousandNestedZipsStopAtTheDepthLimit() throws IOException {
        byte[] data = FixtureArchive.zip(List.of(Entry.file("inner.py", "print('bottom')\n")));
        for (int i = 0; i < 1_000; i++) {
            data = FixtureArchive.zip(List.of(Entry.file("layer.zip", data)));
        }
        ScanResult r = scanner.scan(Target.of("nested.zip", data));
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.location().file()).isEqualTo("layer.zip!/layer.zip!/layer.zip!/layer.zip"));
    }

    @Test
    void nestedArchivesWithinTheDepthLimitAreOpened() throws IOException {
        byte[] wheel = FixtureArchive.zip(List.of(Entry.file("pkg/__init__.py", "import os\n")));
        byte[] sdist = FixtureArchive.tar(List.of(Entry.file("outer-1.0/dist/pkg-1.0-py3-none-any.whl", wheel)), "tar.gz");
        ScanResult r = scanner.scan(Target.of("outer-1.0.tar.gz", sdist));
        assertThat(r.findings()).isEmpty();
        assertThat(r.files()).isEqualTo(1);
    }

    @Test
    void traversalNamesAreReportedAndNormalised() throws IOException {
        for (String format : List.of("tar.gz", "zip")) {
            List<Entry> entries = List.of(Entry.file("../../etc/passwd", "root:x:0:0\n"),
                    Entry.file("/abs/evil.py", "print(1)\n"), Entry.file("ok/fine.py", "print(2)\n"));
            byte[] bytes = format.equals("zip") ? FixtureArchive.zip(entries) : FixtureArchive.tar(entries, format);
            ScanResult r = scanner.scan(Target.of("slip." + format, bytes));
            assertThat(findings(r, "archive-path-escape")).extracting(f -> f.location().file())
                    .as(format).containsExactly("etc/passwd", "abs/evil.py");
            assertThat(r.files()).as(format).isEqualTo(3);
        }
    }

    @Test
    void symlinksToTheRootAreReportedAndNeverFollowed() throws IOException {
        for (String format : List.of("tar.gz", "zip")) {
            List<Entry> entries = List.of(Entry.symlink("pkg/root", "/"), Entry.symlink("pkg/key", "../../.ssh/id_rsa"),
                    Entry.file("pkg/setup.py", "print(1)\n"));
            byte[] bytes = format.equals("zip") ? FixtureArchive.zip(entries) : FixtureArchive.tar(entries, format);
            ScanResult r = scanner.scan(Target.of("links." + format, bytes));
            assertThat(findings(r, "archive-link")).as(format).hasSize(2)
                    .allSatisfy(f -> assertThat(f.message()).contains("points outside the archive"));
            assertThat(r.files()).as(format).isEqualTo(1);
        }
    }

    @Test
    void truncatedGzipGivesAClearErrorAndKeepsWhatWasRead() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            entries.add(Entry.file("pkg/m" + i + ".py", "x = '" + "%08d".formatted(i * 7919L * 104729L) + "'\n".repeat(200)));
        }
        byte[] full = FixtureArchive.tar(entries, "tar.gz");
        ScanResult cut = scanner.scan(Target.of("cut.tar.gz", Arrays.copyOf(full, full.length * 2 / 3)));
        assertThat(cut.error()).contains("truncated or corrupt");
        assertThat(cut.partial()).isTrue();
        assertThat(cut.verdict()).isEqualTo(Verdict.CLEAN);
        assertThat(cut.files()).isBetween(1, 39);

        ScanResult stub = scanner.scan(Target.of("stub.tar.gz", Arrays.copyOf(full, 12)));
        assertThat(stub.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(stub.error()).startsWith("cannot read gzip data");
    }

    @Test
    void tarClaimingOneTerabyteIsNotBelieved() throws IOException {
        TarArchiveEntry huge = new TarArchiveEntry("pkg/huge.py");
        huge.setSize(1L << 40);
        byte[] header = new byte[512];
        huge.writeEntryHeader(header, ZipEncodingHelper.getZipEncoding("UTF-8"), true);
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        tar.write(header);
        tar.write("print('only a little data follows')\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        ScanResult r = scanner.scan(Target.of("huge.tar.gz", gzipStored(tar.toByteArray())));
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("declares 1099511627776 bytes"));
        assertThat(r.error()).contains("truncated or corrupt");
        assertThat(r.files()).isEqualTo(1);
    }

    @Test
    void tooManyEntriesStopTheScan() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            entries.add(Entry.file("pkg/f" + i + ".txt", "x"));
        }
        Scanner small = new Scanner(ScanOptions.defaults().withLimits(Limits.DEFAULT.withMaxEntries(100)));
        ScanResult r = small.scan(Target.of("many.zip", FixtureArchive.zip(entries)));
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("more than 100 entries"));
        assertThat(r.files()).isEqualTo(100);
        assertThat(r.partial()).isTrue();
    }

    @Test
    void totalBytesLimitStopsTheScan() throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            entries.add(Entry.file("pkg/f" + i + ".py", ("v" + i + " = 1\n").repeat(20_000)));
        }
        Scanner small = new Scanner(ScanOptions.defaults().withLimits(Limits.DEFAULT.withMaxTotalBytes(1L << 20)));
        ScanResult r = small.scan(Target.of("big.tar.gz", FixtureArchive.tar(entries, "tar.gz")));
        assertThat(findings(r, "archive-bomb")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("bytes uncompressed in total"));
        assertThat(r.files()).isLessThan(20);
    }

    @Test
    void corruptDataAfterAZipSignatureIsAnErrorNotAnException() {
        byte[] junk = new byte[4096];
        junk[0] = 'P';
        junk[1] = 'K';
        junk[2] = 3;
        junk[3] = 4;
        for (int i = 4; i < junk.length; i++) {
            junk[i] = (byte) (i * 31 + 7);
        }
        ScanResult r = scanner.scan(Target.of("junk.whl", junk));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.error()).isNotBlank();
    }

    @Test
    void randomBytesNamedLikeAnArchiveAreAnError() {
        byte[] junk = new byte[1000];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) (i * 131 % 251);
        }
        ScanResult r = scanner.scan(Target.of("pkg-1.0.tar.gz", junk));
        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.error()).startsWith("not a recognised archive");
    }

    private static List<Finding> findings(ScanResult r, String ruleId) {
        return r.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    /** Gzip without compression: fast to build many layers of. */
    private static byte[] gzipStored(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out, 1 << 16) {
            {
                def.setLevel(Deflater.NO_COMPRESSION);
            }
        }) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] zipOfRepeatedText(String name, String line, long total) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zip.putArchiveEntry(new ZipArchiveEntry(name));
            byte[] chunk = line.repeat((1 << 16) / line.length()).getBytes(StandardCharsets.UTF_8);
            writeRepeated(zip, chunk, total);
            zip.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void writeRepeated(OutputStream out, byte[] chunk, long total) throws IOException {
        for (long left = total; left > 0; left -= chunk.length) {
            out.write(chunk, 0, (int) Math.min(chunk.length, left));
        }
    }
}
