package dev.chainhunt;

import dev.chainhunt.deobf.Budget;
import dev.chainhunt.deobf.python.ModuleFiles;
import dev.chainhunt.deobf.python.PyEvaluator;
import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.indicators.IndicatorExtractor;
import dev.chainhunt.lang.Parsers;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.lang.SyntaxTree;
import dev.chainhunt.manifest.EntryPoints;
import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Ioc;
import dev.chainhunt.model.Language;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.Provenance;
import dev.chainhunt.model.SourceFile;
import dev.chainhunt.model.Trigger;
import dev.chainhunt.rules.Rule;
import dev.chainhunt.rules.RuleCatalog;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;
import dev.chainhunt.rules.python.PyPthExecutesCodeRule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The per-file part of scanning one target: decode, parse, evaluate, run the source rules,
 * collect indicators, and feed decoded code back in as stages (files of their own whose
 * provenance points at the encoded literal), within a depth and size budget. Accumulates the
 * target's findings, indicators and errors. One instance per target; not thread-safe.
 */
final class TargetScan {

    /** Indicators kept per target; a package with more is not short of evidence. */
    static final int MAX_INDICATORS = 200;
    /** Decoded stages analysed per target, and how deep they may nest. */
    static final int MAX_STAGES = 500;
    static final int MAX_STAGE_DEPTH = 64;

    private final RuleCatalog catalog;
    private final EntryPoints entryPoints;
    /** The target's text files by path: what its code may read of its own package. */
    private final Map<String, byte[]> files;
    /** What the target's modules know of each other: names defined at their top, trees parsed once. */
    private final ModuleFiles.Cache modules = new ModuleFiles.Cache();
    final List<Finding> findings = new ArrayList<>();
    final List<Ioc> indicators = new ArrayList<>();
    final List<FileError> errors;
    private final Set<String> seenIndicators = new HashSet<>();
    private int stages;

    TargetScan(RuleCatalog catalog, EntryPoints entryPoints, List<FileError> initialErrors, Map<String, byte[]> files) {
        this.catalog = catalog;
        this.entryPoints = entryPoints;
        this.files = files;
        this.errors = new ArrayList<>(initialErrors);
    }

    /** Scans a file read from the target; scan the files in {@link EntryPoints#rank} order. */
    void scan(SourceFile file) {
        scan(file, entryPoints.moduleTrigger(file.path()));
    }

    /** Scans a file whose module level runs {@code moduleLevel} (for a stage: as the code that decoded it). */
    private void scan(SourceFile file, Trigger moduleLevel) {
        SourceText text = Parsers.decode(file.language(), file.bytes());
        PyModel python = file.language() == Language.PYTHON ? analysePython(file, text) : null;
        EntryPoints.Reach reach = python == null ? EntryPoints.Reach.moduleOnly(moduleLevel)
                : entryPoints.reach(file.path(), python, moduleLevel);
        SourceContext context = new SourceContext(file, text, python, reach, findings::add);
        for (SourceRule rule : catalog.sourceRules()) {
            if (rule.appliesTo(file.language())) {
                guarded(rule, file.path(), () -> rule.check(context));
            }
        }
        if (file.language().isCode()) {
            addIndicators(IndicatorExtractor.extract(file.path(), text, file.provenance().decodeChain(),
                    file.provenance().origin()));
        }
        if (python != null) {
            followDecoded(file, text, python, reach);
        }
        if (file.language() == Language.PTH) {
            pthStage(file, text);
        }
    }

    /**
     * The Python that a serialised file runs when loaded ({@code step} names the format: pickle,
     * yaml), analysed as a stage reported at the file. Who loads it is not known, so it runs
     * when called.
     */
    void scanDecompiled(String path, String step, String python) {
        if (python == null || stages >= MAX_STAGES) {
            return;
        }
        stages++;
        Provenance provenance = new Provenance(new Location(path, 1, 1), List.of(step, "python"), 1);
        scan(new SourceFile(path, python.getBytes(StandardCharsets.UTF_8), Language.PYTHON, provenance), Trigger.NONE);
    }

    /** The executed lines of a .pth file, analysed as the Python they are (with install-time context). */
    private void pthStage(SourceFile file, SourceText text) {
        StringBuilder code = new StringBuilder();
        int first = 0;
        for (int line = 1; line <= text.lineCount(); line++) {
            if (PyPthExecutesCodeRule.isExecuted(text.line(line))) {
                first = first == 0 ? line : first;
                code.append(text.line(line)).append('\n');
            }
        }
        if (code.length() > 0 && !file.provenance().isDecoded()) {
            Provenance provenance = new Provenance(new Location(file.path(), first, 1), List.of("pth"), 1);
            scan(new SourceFile(file.path(), code.toString().getBytes(StandardCharsets.UTF_8), Language.PYTHON, provenance),
                    Trigger.INSTALL);
        }
    }

    private PyModel analysePython(SourceFile file, SourceText text) {
        SyntaxTree tree = Parsers.parse(Language.PYTHON, text.text());
        PyModel model = PyEvaluator.evaluate(tree, Budget.forSource(text.length()), new ModuleFiles(file.path(), files, modules,
                entryPoints::moduleFile));
        if (model.stopped() != null) {
            errors.add(new FileError(file.path(), "deobfuscation stopped early: " + model.stopped()));
        }
        return model;
    }

    /** Indicators in decoded values, and decoded code analysed as stages of their own. */
    private void followDecoded(SourceFile file, SourceText text, PyModel model, EntryPoints.Reach reach) {
        for (PyModel.Decoded d : model.decoded()) {
            String decoded = d.text();
            if (decoded != null) {
                Location at = origin(file, text, d.origin());
                addIndicators(IndicatorExtractor.extract(file.path(), SourceText.of(decoded),
                        chain(file, d.chain()), at));
            }
        }
        int depth = file.provenance().depth() + 1;
        for (PyModel.Stage stage : model.stages()) {
            if (depth > MAX_STAGE_DEPTH || stages >= MAX_STAGES) {
                errors.add(new FileError(file.path(), "decoded stages nested deeper than " + MAX_STAGE_DEPTH
                        + " or more than " + MAX_STAGES + "; the rest is not analysed"));
                return;
            }
            stages++;
            Provenance provenance = new Provenance(origin(file, text, stage.origin()), chain(file, stage.chain()), depth);
            scan(new SourceFile(file.path(), stage.text().getBytes(StandardCharsets.UTF_8), stage.language(), provenance),
                    reach.trigger(stage.scope()));
        }
    }

    /** Where a decoded value is reported: at its literal, or, inside a stage, where that stage came from. */
    private static Location origin(SourceFile file, SourceText text, int offset) {
        if (file.provenance().isDecoded() && file.provenance().origin() != null) {
            return file.provenance().origin();
        }
        int o = Math.max(0, Math.min(offset, text.length()));
        return new Location(file.path(), text.lineOf(o), text.columnOf(o));
    }

    private static List<String> chain(SourceFile file, List<String> chain) {
        List<String> full = new ArrayList<>(file.provenance().decodeChain());
        full.addAll(chain);
        return full;
    }

    void addIndicators(List<Ioc> found) {
        for (Ioc ioc : found) {
            if (indicators.size() < MAX_INDICATORS && seenIndicators.add(ioc.kind().id() + ' ' + ioc.value())) {
                indicators.add(ioc);
            }
        }
    }

    /** One rule failing on one file is recorded and the scan goes on. */
    void guarded(Rule rule, String where, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException | StackOverflowError e) {
            errors.add(new FileError(where, "rule " + rule.id() + " failed: " + e));
        }
    }
}
