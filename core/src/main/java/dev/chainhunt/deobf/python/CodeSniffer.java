package dev.chainhunt.deobf.python;

import dev.chainhunt.lang.SyntaxNode;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.lang.python.PyKind;
import dev.chainhunt.lang.python.PyParser;
import dev.chainhunt.model.Language;

import java.util.regex.Pattern;

/**
 * Tells whether decoded text is code worth analysing as a stage of its own, and in which language:
 * Python that parses cleanly and does something (imports, calls, definitions), or a shell or
 * PowerShell command line.
 */
public final class CodeSniffer {

    private static final Pattern SHELL = Pattern.compile(
            "(?m)(^|[;&|]\\s*)(curl|wget|bash|sh|chmod|nohup|nc|ncat|python3?|perl|rm\\s+-rf|crontab|base64\\s+-d|echo\\s+[^|]*\\|\\s*(ba)?sh)\\b");
    private static final Pattern POWERSHELL = Pattern.compile(
            "(?i)\\b(Invoke-WebRequest|Invoke-Expression|IEX|Start-Process|New-Object\\s+Net\\.WebClient|DownloadString|DownloadFile|Add-MpPreference|Set-MpPreference|-EncodedCommand|powershell(\\.exe)?\\s+-)");

    private CodeSniffer() {
    }

    /** The language of {@code text} if it looks like code, else null. */
    public static Language languageOf(String text) {
        if (text == null || text.length() < 8 || text.length() > (4 << 20) || binaryLooking(text)) {
            return null;
        }
        if (looksLikePython(text)) {
            return Language.PYTHON;
        }
        if (POWERSHELL.matcher(text).find()) {
            return Language.POWERSHELL;
        }
        if (text.length() < 100_000 && SHELL.matcher(text).find()) {
            return Language.SHELL;
        }
        return null;
    }

    static boolean looksLikePython(String text) {
        if (!(text.contains("(") || text.contains("import ") || text.contains("="))) {
            return false;
        }
        SyntaxTree tree = PyParser.parse(text);
        if (!tree.errors().isEmpty()) {
            return false;
        }
        int meaningful = 0;
        for (SyntaxNode s : tree.root().childrenFrom(0)) {
            if (s.is(PyKind.IMPORT) || s.is(PyKind.IMPORT_FROM) || s.is(PyKind.FUNCTION) || s.is(PyKind.CLASS)
                    || s.is(PyKind.ASSIGN) || s.is(PyKind.IF) || s.is(PyKind.TRY) || s.is(PyKind.FOR) || s.is(PyKind.WHILE)
                    || s.is(PyKind.WITH) || s.is(PyKind.EXEC)
                    || (s.is(PyKind.EXPR) && s.child(0) != null && s.child(0).is(PyKind.CALL))) {
                meaningful++;
            }
        }
        return meaningful > 0;
    }

    private static boolean binaryLooking(String text) {
        int control = 0;
        int n = Math.min(text.length(), 4096);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0xfffd) {
                control++;
            }
        }
        return control * 20 > n;
    }
}
