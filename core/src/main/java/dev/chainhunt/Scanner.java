package dev.chainhunt;

import dev.chainhunt.archive.ArchiveReader;
import dev.chainhunt.archive.Contents;
import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.indicators.IndicatorExtractor;
import dev.chainhunt.lang.Languages;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.manifest.PackageIdentity;
import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Ioc;
import dev.chainhunt.model.PackageInfo;
import dev.chainhunt.model.Provenance;
import dev.chainhunt.model.SourceFile;
import dev.chainhunt.model.Target;
import dev.chainhunt.rules.Rule;
import dev.chainhunt.rules.RuleCatalog;
import dev.chainhunt.rules.SourceContext;
import dev.chainhunt.rules.SourceRule;
import dev.chainhunt.rules.TargetContext;
import dev.chainhunt.rules.TargetRule;
import dev.chainhunt.score.Risk;
import dev.chainhunt.score.RiskScorer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The facade: scans targets through the pipeline (read → identify → rules → score). Thread-safe;
 * a scan never throws for bad input, it returns a result with an error instead.
 */
public final class Scanner {

    /** Indicators kept per target; a package with more is not short of evidence. */
    static final int MAX_INDICATORS = 200;

    private final ArchiveReader reader;
    private final RuleCatalog catalog;

    public Scanner(ScanOptions options) {
        this(options, RuleCatalog.builtIn());
    }

    public Scanner(ScanOptions options, RuleCatalog catalog) {
        this.reader = new ArchiveReader(options.limits());
        this.catalog = catalog;
    }

    public RuleCatalog catalog() {
        return catalog;
    }

    public ScanResult scan(Target target) {
        try {
            return scanContents(target.name(), reader.read(target));
        } catch (RuntimeException | StackOverflowError e) {
            return ScanResult.failed(target.name(), null, 0, "internal error, please report: " + e);
        }
    }

    private ScanResult scanContents(String name, Contents contents) {
        if (contents.unreadable()) {
            return ScanResult.failed(name, contents.sha256(), contents.size(), contents.error());
        }
        PackageInfo pkg = PackageIdentity.identify(name, contents.texts());
        Collector out = new Collector(contents.fileErrors());
        TargetContext targetContext = new TargetContext(name, contents, pkg, out.findings::add);
        for (TargetRule rule : catalog.targetRules()) {
            guarded(rule, name, out, () -> rule.check(targetContext));
        }
        for (TextEntry entry : contents.texts()) {
            SourceFile file = new SourceFile(entry.path(), entry.bytes(), Languages.detect(entry.path(), entry.bytes()),
                    Provenance.ORIGINAL);
            scanFile(file, out);
        }
        Risk risk = RiskScorer.score(out.findings);
        return new ScanResult(name, contents.kind(), pkg, contents.sha256(), contents.size(), risk.score(), risk.verdict(),
                risk.reasons(), out.findings, out.indicators, out.errors, contents.error(), contents.partial(),
                contents.texts().size());
    }

    private void scanFile(SourceFile file, Collector out) {
        SourceText text = SourceText.decode(file.bytes());
        SourceContext context = new SourceContext(file, text, out.findings::add);
        for (SourceRule rule : catalog.sourceRules()) {
            if (rule.appliesTo(file.language())) {
                guarded(rule, file.path(), out, () -> rule.check(context));
            }
        }
        if (file.language().isCode()) {
            out.addIndicators(IndicatorExtractor.extract(file.path(), text, file.provenance().decodeChain(),
                    file.provenance().origin()));
        }
    }

    /** One rule failing on one file is recorded and the scan goes on. */
    private static void guarded(Rule rule, String where, Collector out, Runnable check) {
        try {
            check.run();
        } catch (RuntimeException | StackOverflowError e) {
            out.errors.add(new FileError(where, "rule " + rule.id() + " failed: " + e));
        }
    }

    /**
     * Scans {@code targets} on {@code jobs} threads and hands each result to {@code inOrder} in the
     * order of the input, as soon as it and all before it are done. Every target yields a result.
     */
    public void scanAll(List<Target> targets, int jobs, Consumer<ScanResult> inOrder) {
        if (jobs <= 1) {
            targets.forEach(t -> inOrder.accept(scan(t)));
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "chainhunt-scan");
            t.setDaemon(true);
            return t;
        });
        ArrayDeque<Future<ScanResult>> window = new ArrayDeque<>();
        Iterator<Target> next = targets.iterator();
        try {
            while (next.hasNext() || !window.isEmpty()) {
                while (next.hasNext() && window.size() < jobs * 4) {
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

    /** What one target's scan accumulates. */
    private static final class Collector {
        final List<Finding> findings = new ArrayList<>();
        final List<Ioc> indicators = new ArrayList<>();
        final List<FileError> errors;
        private final Set<String> seen = new HashSet<>();

        Collector(List<FileError> initialErrors) {
            this.errors = new ArrayList<>(initialErrors);
        }

        void addIndicators(List<Ioc> found) {
            for (Ioc ioc : found) {
                if (indicators.size() < MAX_INDICATORS && seen.add(ioc.kind().id() + ' ' + ioc.value())) {
                    indicators.add(ioc);
                }
            }
        }
    }
}
