package dev.chainhunt;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Structural guarantees behind the non-negotiables: the library never writes files, starts
 * processes, opens network connections, prints or exits, and its packages do not form cycles.
 */
class ArchitectureTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chainhunt");

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.chainhunt.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void nothingScannedIsEverWrittenToDisk() {
        noClasses().should().callMethod(java.nio.file.Files.class, "write", java.nio.file.Path.class, byte[].class,
                        java.nio.file.OpenOption[].class)
                .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe("a file-writing method",
                        call -> call.getTargetOwner().isEquivalentTo(java.nio.file.Files.class)
                                && call.getName().matches("write.*|newOutputStream|newBufferedWriter|createTemp.*|copy|move|createSymbolicLink|createLink")))
                .orShould().accessClassesThat().belongToAnyOf(java.io.FileOutputStream.class, java.io.FileWriter.class,
                        java.io.RandomAccessFile.class)
                .because("targets are read in memory only; nothing from a target is unpacked to disk")
                .check(CORE);
    }

    @Test
    void nothingIsEverExecutedOrFetched() {
        noClasses().should().accessClassesThat().belongToAnyOf(ProcessBuilder.class, java.net.Socket.class,
                        java.net.URLConnection.class, java.net.http.HttpClient.class, javax.script.ScriptEngineManager.class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(java.net.URL.class, "openStream")
                .because("chainhunt never runs or downloads what it scans")
                .check(CORE);
    }

    @Test
    void theLibraryNeitherPrintsNorExits() {
        noClasses().should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .orShould().callMethod(System.class, "exit", int.class)
                .because("core is an embeddable library; the CLI owns the terminal and the exit code")
                .check(CORE);
    }

    /**
     * HotSpot never compiles a method of more than 8,000 bytes of bytecode (-XX:HugeMethodLimit);
     * such a method runs interpreted for the whole scan. A dispatch switch that grew past it made
     * a batch scan 20% slower without any test noticing.
     */
    @Test
    void everyMethodIsSmallEnoughToBeCompiled() throws Exception {
        java.nio.file.Path classes = java.nio.file.Path.of(Scanner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        java.util.List<String> huge = new java.util.ArrayList<>();
        int methods = 0;
        try (var files = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                for (var m : ClassFileSizes.codeLengths(java.nio.file.Files.readAllBytes(f)).entrySet()) {
                    methods++;
                    if (m.getValue() > 8000) {
                        huge.add(classes.relativize(f) + " " + m.getKey() + ": " + m.getValue() + " bytes");
                    }
                }
            }
        }
        org.assertj.core.api.Assertions.assertThat(methods).as("methods read").isGreaterThan(1000);
        org.assertj.core.api.Assertions.assertThat(huge).as("methods too large for the JIT").isEmpty();
    }

    /** The bytecode length of each method of a class file (JVMS 4.1, 4.4, 4.6, 4.7.3). */
    static final class ClassFileSizes {
        static java.util.Map<String, Integer> codeLengths(byte[] bytes) throws java.io.IOException {
            var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes));
            in.skipNBytes(8); // magic, minor and major version
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                    case 5, 6 -> {
                        in.skipNBytes(8);
                        i++; // long and double take two entries
                    }
                    case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                    case 15 -> in.skipNBytes(3);
                    default -> throw new java.io.IOException("constant pool tag " + tag);
                }
            }
            in.skipNBytes(6); // access flags, this class, super class
            in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
            members(in, utf8, null); // fields
            java.util.Map<String, Integer> out = new java.util.LinkedHashMap<>();
            members(in, utf8, out);
            return out;
        }

        private static void members(java.io.DataInputStream in, String[] utf8, java.util.Map<String, Integer> code)
                throws java.io.IOException {
            int n = in.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                in.skipNBytes(2);
                String name = utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    String attribute = utf8[in.readUnsignedShort()];
                    int length = in.readInt();
                    if (code != null && attribute.equals("Code")) {
                        in.skipNBytes(4); // max stack, max locals
                        int codeLength = in.readInt();
                        code.put(name, codeLength);
                        in.skipNBytes(length - 8L);
                    } else {
                        in.skipNBytes(length);
                    }
                }
            }
        }
    }
}
