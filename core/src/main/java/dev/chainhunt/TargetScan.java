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
 * collect indicators, and feed decoded code back in as stages (units of their own whose provenance
 * points at the encoded literal), within a depth and size budget. What runs on its own is
 * completed over the whole target at the end ({@link #finish}). Accumulates the target's
 * findings, indicators and errors. One instance per target; not thread-safe.
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

    /**
     * One piece of code of the target: a file, or a stage decoded from one. Its module level runs
     * as the file's role and its importers say, or, for a stage, as the scope that decoded it.
     */
    private static final class Unit {
        final SourceFile file;
        /** The unit whose code decoded this stage, and the scope of it that did; null for a file. */
        final Unit parent;
        final String scope;
        /** How the module level runs when neither the role nor a parent says: a .pth line runs on install. */
        final Trigger fixed;
        /** What computing reach needs of the unit's Python ({@link PyModel#reachOnly}); null for other files. */
        final PyModel reachModel;
        /** How each scope runs as last computed, and from what: how the module level ran and the file's marks then. */
        EntryPoints.Reach reach;
        Trigger level;
        int marks;
        /** The reach the rules last ran with, and what they found then. */
        EntryPoints.Reach checkedWith;
        final List<Finding> found = new ArrayList<>();

        Unit(SourceFile file, Unit parent, String scope, Trigger fixed, PyModel reachModel) {
            this.file = file;
            this.parent = parent;
            this.scope = scope;
            this.fixed = fixed;
            this.reachModel = reachModel;
        }
    }

    private final List<Unit> units = new ArrayList<>();

    /** Scans a file read from the target; scan the files in {@link EntryPoints#order}, then {@link #finish}. */
    void scan(SourceFile file) {
        scan(file, null, null, null);
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
        scan(new SourceFile(path, python.getBytes(StandardCharsets.UTF_8), Language.PYTHON, provenance), null, null, Trigger.NONE);
    }

    /**
     * Decodes, parses and evaluates a unit, runs the rules on it with what is known by now to run
     * on its own, collects its indicators, and scans the stages decoded from it. Only what reach
     * needs of its model is kept.
     */
    private void scan(SourceFile file, Unit parent, String scope, Trigger fixed) {
        SourceText text = Parsers.decode(file.language(), file.bytes());
        PyModel python = file.language() == Language.PYTHON ? analysePython(file, text, true) : null;
        Unit unit = new Unit(file, parent, scope, fixed, python == null ? null : python.reachOnly());
        units.add(unit);
        computeReach(unit);
        check(unit, text, python);
        if (file.language().isCode()) {
            addIndicators(IndicatorExtractor.extract(file.path(), text, file.provenance().decodeChain(),
                    file.provenance().origin()));
        }
        if (python != null) {
            followDecoded(unit, text, python);
        }
        if (file.language() == Language.PTH) {
            pthStage(file, text);
        }
    }

    /**
     * Completes what runs on its own over the whole target: a file scanned early may learn only
     * from a later one that it runs on install (setup.py calls a helper that calls into a module
     * whose name sorts first). Reach is computed again for every unit whose marks grew, until
     * nothing new is learnt, and the rules run again on the units whose reach changed. Then the
     * units' findings are added in scan order.
     */
    void finish() {
        boolean learnt = true;
        while (learnt) {
            learnt = false;
            for (Unit unit : units) {
                learnt |= computeReach(unit);
            }
        }
        for (Unit unit : units) {
            if (!unit.reach.scopes().equals(unit.checkedWith.scopes())) {
                SourceText text = Parsers.decode(unit.file.language(), unit.file.bytes());
                check(unit, text, unit.reachModel == null ? null : analysePython(unit.file, text, false));
            }
            findings.addAll(unit.found);
        }
        units.clear();
    }

    /** Computes the unit's reach when how its module level runs or its file's marks changed; true if it did. */
    private boolean computeReach(Unit unit) {
        Trigger level = unit.fixed != null ? unit.fixed
                : unit.parent == null ? entryPoints.moduleTrigger(unit.file.path()) : unit.parent.reach.trigger(unit.scope);
        int marks = entryPoints.changes(unit.file.path());
        if (unit.reach != null && level == unit.level && marks == unit.marks) {
            return false;
        }
        unit.level = level;
        unit.marks = marks;
        unit.reach = unit.reachModel == null ? EntryPoints.Reach.moduleOnly(level)
                : entryPoints.reach(unit.file.path(), unit.reachModel, level);
        return true;
    }

    private void check(Unit unit, SourceText text, PyModel python) {
        unit.checkedWith = unit.reach;
        unit.found.clear();
        SourceContext context = new SourceContext(unit.file, text, python, unit.reach, unit.found::add);
        for (SourceRule rule : catalog.sourceRules()) {
            if (rule.appliesTo(unit.file.language())) {
                guarded(rule, unit.file.path(), () -> rule.check(context));
            }
        }
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
                    null, null, Trigger.INSTALL);
        }
    }

    /** Evaluates a unit's Python; {@code report}: record why evaluation stopped early (not when evaluating it again). */
    private PyModel analysePython(SourceFile file, SourceText text, boolean report) {
        SyntaxTree tree = Parsers.parse(Language.PYTHON, text.text());
        PyModel model = PyEvaluator.evaluate(tree, Budget.forSource(text.length()), new ModuleFiles(file.path(), files, modules,
                entryPoints::moduleFile));
        if (report && model.stopped() != null) {
            errors.add(new FileError(file.path(), "deobfuscation stopped early: " + model.stopped()));
        }
        return model;
    }

    /** Indicators in decoded values, and decoded code scanned as stages that run when the scope that decoded them runs. */
    private void followDecoded(Unit unit, SourceText text, PyModel model) {
        SourceFile file = unit.file;
        for (PyModel.Decoded d : model.decoded()) {
            String decoded = d.text();
            if (decoded != null) {
                Location at = origin(file, text, d.origin());
                addIndicators(IndicatorExtractor.extract(file.path(), SourceText.of(decoded), chain(file, d.chain()), at));
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
                    unit, stage.scope(), null);
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
