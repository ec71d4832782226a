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
}
