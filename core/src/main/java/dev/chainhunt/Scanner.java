package dev.chainhunt;

import dev.chainhunt.archive.ArchiveReader;
import dev.chainhunt.archive.Contents;
import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.baseline.Baseline;
import dev.chainhunt.deobf.python.CompiledModule;
import dev.chainhunt.deobf.python.PickleDecompiler;
import dev.chainhunt.deobf.python.YamlGadgets;
import dev.chainhunt.lang.Languages;
import dev.chainhunt.manifest.EntryPoints;
import dev.chainhunt.manifest.PackageIdentity;
import dev.chainhunt.model.BinaryFile;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.PackageInfo;
import dev.chainhunt.model.Provenance;
import dev.chainhunt.model.SourceFile;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.Trigger;
import dev.chainhunt.rules.RuleCatalog;
import dev.chainhunt.rules.TargetContext;
import dev.chainhunt.rules.TargetRule;
import dev.chainhunt.score.Risk;
import dev.chainhunt.score.RiskScorer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The facade: scans targets through the pipeline (read → identify → files: parse, evaluate, rules,
 * decoded stages → score). Thread-safe; a scan never throws for bad input, it returns a result
 * with an error instead.
 */
public final class Scanner {

    /** Scans run on threads with a deep stack: parsing and evaluation are depth-bounded, generously. */
    private static final long STACK_BYTES = 64L << 20;

    private final ArchiveReader reader;
    private final RuleCatalog catalog;
    private final Baseline baseline;

    public Scanner(ScanOptions options) {
        this(options, RuleCatalog.builtIn());
    }

    public Scanner(ScanOptions options, RuleCatalog catalog) {
        this.reader = new ArchiveReader(options.limits());
        this.catalog = catalog;
        this.baseline = options.baseline();
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    /** Scans one target on the calling thread. */
    public ScanResult scan(Target target) {
        try {
            return scanContents(target.name(), reader.read(target));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // One target that defeats the analysis's bounds is that target's error, not the batch's end:
            // what it allocated is unreachable once this returns.
            return ScanResult.failed(target.name(), null, 0, "internal error, please report: " + e);
        }
    }

    private ScanResult scanContents(String name, Contents contents) {
        if (contents.unreadable()) {
            return ScanResult.failed(name, contents.sha256(), contents.size(), contents.error());
        }
        PackageInfo pkg = PackageIdentity.identify(name, contents.texts());
        EntryPoints entryPoints = new EntryPoints(contents.texts().stream().map(TextEntry::path).toList());
        for (TextEntry e : contents.texts()) {
            entryPoints.pyproject(e.path(), e.bytes());
            entryPoints.entryPoints(e.path(), e.bytes());
        }
        Map<String, byte[]> files = new HashMap<>();
        contents.texts().forEach(e -> files.putIfAbsent(e.path(), e.bytes()));
        contents.binaries().stream().filter(b -> b.content() != null).forEach(b -> files.putIfAbsent(b.path(), b.content()));
        TargetScan scan = new TargetScan(catalog, entryPoints, contents.fileErrors(), files);
        TargetContext targetContext = new TargetContext(name, contents, pkg, scan.findings::add);
        for (TargetRule rule : catalog.targetRules()) {
            scan.guarded(rule, name, () -> rule.check(targetContext));
        }
        // Importers before what they import, so most of what runs on its own is known when a file is
        // scanned (finish() completes it).
        List<TextEntry> order = entryPoints.order(contents.texts(), TextEntry::path, TextEntry::bytes);
        for (TextEntry entry : order) {
            dev.chainhunt.model.Language language = Languages.detect(entry.path(), entry.bytes());
            if (language != dev.chainhunt.model.Language.PYTHON && PickleDecompiler.looksLikeTextPickle(entry.bytes())) {
                // A protocol 0 pickle is printable text: what it runs when loaded is what counts.
                scan.scanDecompiled(entry.path(), "pickle", PickleDecompiler.decompile(entry.bytes()));
            }
            scan.scan(new SourceFile(entry.path(), entry.bytes(), language, Provenance.ORIGINAL));
        }
        for (BinaryFile binary : contents.binaries()) {
            if (binary.content() == null) {
                continue;
            }
            if (PickleDecompiler.looksLikePickle(binary.content())) {
                scan.scanDecompiled(binary.path(), "pickle", PickleDecompiler.decompile(binary.content()));
                continue;
            }
            CompiledModule compiled = CompiledModule.read(binary.content());
            if (compiled != null && !files.containsKey(EntryPoints.sourceOf(binary.path()))) {
                // Bytecode shipped without its source: its names and strings, read as a stage.
                scan.scanDecompiled(binary.path(), "marshal", compiled.listing());
            }
        }
        for (TextEntry entry : contents.texts()) {
            if (YamlGadgets.mayHold(entry.path(), entry.bytes())) {
                scan.scanDecompiled(entry.path(), "yaml", YamlGadgets.decompile(new String(entry.bytes(), StandardCharsets.UTF_8)));
            }
        }
        scan.finish();
        List<Finding> findings = scan.findings;
        int suppressed = 0;
        if (!baseline.isEmpty()) {
            String key = Baseline.targetKey(name, pkg);
            findings = scan.findings.stream().filter(f -> !baseline.suppresses(key, f)).toList();
            suppressed = scan.findings.size() - findings.size();
        }
        Risk risk = RiskScorer.score(findings, path -> entryPoints.moduleTrigger(path).automatic());
        return new ScanResult(name, contents.kind(), pkg, contents.sha256(), contents.size(), risk.score(), risk.verdict(),
                risk.reasons(), risk.chain(), findings, scan.indicators, scan.errors, contents.error(), contents.partial(),
                contents.texts().size(), suppressed);
    }

    /**
     * Scans {@code targets} on {@code jobs} threads and hands each result to {@code inOrder} in the
     * order of the input, as soon as it and all before it are done. Every target yields a result.
     */
    public void scanAll(List<Target> targets, int jobs, Consumer<ScanResult> inOrder) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(null, r, "chainhunt-scan", STACK_BYTES);
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<ScanResult>> window = new ArrayDeque<>();
        Iterator<Target> next = targets.iterator();
        try {
            while (next.hasNext() || !window.isEmpty()) {
                while (next.hasNext() && window.size() < Math.max(1, jobs) * 4) {
                    Target target = next.next();
                    window.add(pool.submit(() -> scan(target)));
                }
                inOrder.accept(await(window.poll()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static ScanResult await(Future<ScanResult> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("scan() does not throw", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
