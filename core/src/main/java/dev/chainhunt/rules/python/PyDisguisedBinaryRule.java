package dev.chainhunt.rules.python;

import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.BinaryFile;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.TargetContext;
import dev.chainhunt.rules.TargetRule;

import java.util.List;
import java.util.Locale;

/**
 * A file named as compiled Python or as a native library whose bytes are neither: a
 * {@code __pycache__/staggerd.pyc} that has no bytecode header, a {@code terminate.dll} that is
 * not a Windows executable, a {@code _unistring.typed} (PEP 561's marker is a word of text) holding
 * 290 KB of noise. Python never loads such a file as what its name says, so it is there
 * for code (often another package's) that reads and decrypts it: an encrypted second stage kept
 * out of sight of reviewers, who skip compiled files, and of scanners, which parse them.
 * Text files (linker scripts named {@code .so}, Git LFS pointers) are not binaries and are not
 * looked at; nor are small files, which a build can leave empty or truncated.
 */
public final class PyDisguisedBinaryRule implements TargetRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "py-disguised-binary",
            "A file named as bytecode, a native library or a typing marker is none of them",
            "The package ships a file named as compiled Python (.pyc, .pyo), as a native library "
                    + "(.pyd, .so, .dll, .dylib) or as a typing marker (.typed, a word of text by PEP 561) whose "
                    + "bytes are none of these: no bytecode header, no executable header, not text. "
                    + "Python and the system loader cannot use it as what its name says; code that knows "
                    + "where it is reads and decrypts it. Malware ships its encrypted second stage this way "
                    + "because reviewers skip compiled files and scanners that parse them find nothing. Real "
                    + "bytecode starts with a version magic and CR LF, real libraries with MZ, ELF or Mach-O.",
            Severity.CRITICAL,
            Confidence.HIGH,
            AttackStage.EVASION,
            List.of("T1036.008", "T1027.013"),
            "aiohappy/__pycache__/staggerd.pyc holding 290 KB of encrypted data");

    /** Files smaller than this are not judged: a build can leave a placeholder or a truncated file. */
    static final long MIN_SIZE = 1024;

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public void check(TargetContext context) {
        for (BinaryFile file : context.contents().binaries()) {
            String claimed = claimedType(file.path());
            if (claimed != null && file.size() >= MIN_SIZE && !looksLike(claimed, file.head())) {
                context.at(this, file.path())
                        .evidence(String.format(Locale.ROOT, "%,d bytes starting %s", file.size(), hex(file.head(), 8)))
                        .report(file.path() + " is named as " + claimed + " but is not: an opaque blob kept under another file type's name");
            }
        }
    }

    /** What a file's name says it is ("bytecode", "a native library"), or null for other names. */
    static String claimedType(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.endsWith(".pyc") || name.endsWith(".pyo")) {
            return "bytecode";
        }
        if (name.endsWith(".typed")) {
            // PEP 561's marker is an empty or one-word text file; a blob under the name is a disguise.
            return "a typing marker";
        }
        if (name.endsWith(".pyd") || name.endsWith(".so") || name.endsWith(".dll") || name.endsWith(".dylib")
                || name.matches(".*\\.so\\.\\d+(\\.\\d+)*")) {
            return "a native library";
        }
        return null;
    }

    static boolean looksLike(String claimed, byte[] head) {
        if (head.length < 4) {
            return false;
        }
        if (claimed.equals("a typing marker")) {
            return false;
        }
        if (claimed.equals("bytecode")) {
            // Every CPython version's magic is two bytes followed by CR LF.
            return head[2] == '\r' && head[3] == '\n';
        }
        int b0 = head[0] & 0xff;
        int b1 = head[1] & 0xff;
        int b2 = head[2] & 0xff;
        int b3 = head[3] & 0xff;
        boolean pe = b0 == 'M' && b1 == 'Z';
        boolean elf = b0 == 0x7f && b1 == 'E' && b2 == 'L' && b3 == 'F';
        boolean machO = (b0 == 0xcf || b0 == 0xce) && b1 == 0xfa && b2 == 0xed && b3 == 0xfe
                || b0 == 0xfe && b1 == 0xed && b2 == 0xfa && (b3 == 0xce || b3 == 0xcf);
        boolean fat = b0 == 0xca && b1 == 0xfe && b2 == 0xba && b3 == 0xbe;
        // Static archives (.a renamed) and WebAssembly side modules are libraries too.
        boolean ar = b0 == '!' && b1 == '<' && b2 == 'a' && b3 == 'r';
        boolean wasm = b0 == 0 && b1 == 'a' && b2 == 's' && b3 == 'm';
        return pe || elf || machO || fat || ar || wasm;
    }

    private static String hex(byte[] bytes, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < Math.min(max, bytes.length); i++) {
            s.append(String.format(Locale.ROOT, "%02x", bytes[i] & 0xff));
        }
        return s.toString();
    }
}
