package dev.chainhunt.cli;

import dev.chainhunt.ScanOptions;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Scanner;
import dev.chainhunt.archive.Limits;
import dev.chainhunt.baseline.Baseline;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.Verdict;
import dev.chainhunt.report.Reporter;
import dev.chainhunt.report.Reporters;
import dev.chainhunt.report.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code chainhunt scan}: scan packages, folders of packages and source trees. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = {
            "Scans each TARGET: a package archive (sdist, wheel, npm tarball, any tar or zip, recognised by "
                    + "content, not name), a single source file, or a directory (one codebase).",
            "Nothing is installed, run, or written to disk; archives are read in memory within the limits below."},
        footer = {"",
            "Exit codes: 0 nothing at or above --fail-on; 1 something is; 2 usage error; "
                    + "3 a target could not be read (and nothing reached --fail-on); 4 internal error."},
        sortOptions = false)
final class ScanCommand implements Callable<Integer> {

    enum Format { text, json, jsonl, sarif }

    enum FailOn { suspicious, malicious }

    enum Color { auto, always, never }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "TARGET", arity = "0..*", description = "Archives, source files or directories.")
    List<String> targets = new ArrayList<>();

    @Option(names = "--each", description = "Scan every archive found under a directory TARGET as a target of its own.")
    boolean each;

    @Option(names = "--from-file", paramLabel = "LIST",
            description = "Read more targets from LIST, one path per line, taken verbatim (- for standard input).")
    Path fromFile;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--fail-on", paramLabel = "VERDICT", defaultValue = "malicious",
            description = "Exit with 1 when a target is at least this bad: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Targets scanned in parallel (default: the number of cores).")
    Integer jobs;

    @Option(names = "--max-total-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Uncompressed bytes read from one target (default: 512M).")
    Long maxTotalBytes;

    @Option(names = "--max-entry-bytes", paramLabel = "SIZE", converter = SizeConverter.class,
            description = "Bytes kept of one archive entry (default: 64M).")
    Long maxEntryBytes;

    @Option(names = "--max-entries", paramLabel = "N", description = "Entries read from one target (default: 100000).")
    Integer maxEntries;

    @Option(names = "--max-ratio", paramLabel = "N", description = "Compression ratio of one archive (default: 200).")
    Integer maxRatio;

    @Option(names = "--max-depth", paramLabel = "N", description = "Archives nested in archives opened (default: 3).")
    Integer maxDepth;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also apply the YAML rules in DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Drop the findings suppressed in FILE (written by --write-baseline, reviewed by you).")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write every finding of this scan to FILE as a suppression (with those already in --baseline).")
    Path writeBaseline;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            description = "Colour text output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}: only on a terminal).")
    Color color;

    @Option(names = "--progress", negatable = true,
            description = "Show progress on standard error (default: on a terminal, for more than one target).")
    Boolean progress;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    @Override
    public Integer call() throws IOException {
        List<String> names = new ArrayList<>(targets);
        if (fromFile != null) {
            names.addAll(TargetList.readListFile(fromFile));
        }
        if (names.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "no targets: name an archive, file or directory, or use --from-file");
        }
        Limits limits = limits();
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--jobs must be at least 1");
        }
        List<Target> expanded = TargetList.expand(names, each);
        Baseline baseline = readBaseline();
        Scanner scanner = new Scanner(ScanOptions.defaults().withLimits(limits).withBaseline(baseline), Catalogs.load(ruleDirs));
        List<Baseline.Suppressible> toSuppress = new ArrayList<>();
        boolean onTerminal = System.console() != null;
        Reporter reporter = Reporters.create(format.name(),
                color == Color.always || (color == Color.auto && onTerminal && output == null && System.getenv("NO_COLOR") == null),
                scanner.catalog());
        Progress meter = new Progress(spec.commandLine().getErr(),
                progress != null ? progress : onTerminal && expanded.size() > 1, expanded.size());
        Summary summary = new Summary();
        Verdict threshold = failOn == FailOn.suspicious ? Verdict.SUSPICIOUS : Verdict.MALICIOUS;
        boolean[] failed = new boolean[1];
        boolean[] unreadable = new boolean[1];
        try (Writer out = openOutput()) {
            scanner.scanAll(expanded, threads, result -> {
                summary.add(result);
                meter.update(result);
                failed[0] |= result.verdict().atLeast(threshold);
                unreadable[0] |= result.error() != null;
                if (writeBaseline != null) {
                    String key = Baseline.targetKey(result.target(), result.pkg());
                    result.findings().forEach(f -> toSuppress.add(new Baseline.Suppressible(key, f)));
                }
                try {
                    reporter.add(result, out);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            reporter.finish(out);
        } catch (UncheckedIOException e) {
            throw new UsageException("cannot write the report: " + e.getCause().getMessage());
        }
        meter.finish(summary);
        if (writeBaseline != null) {
            List<Baseline.Entry> all = new ArrayList<>(baseline.entries());
            all.addAll(Baseline.of(toSuppress).entries());
            try (Writer out = Files.newBufferedWriter(writeBaseline, StandardCharsets.UTF_8)) {
                new Baseline(all).write(out);
            } catch (IOException e) {
                throw new UsageException("cannot write --write-baseline " + writeBaseline + ": " + e.getMessage());
            }
        }
        return failed[0] ? ExitCode.FINDINGS.code() : unreadable[0] ? ExitCode.UNREADABLE.code() : ExitCode.OK.code();
    }

    private Baseline readBaseline() {
        if (baselineFile == null) {
            return Baseline.EMPTY;
        }
        try {
            return Baseline.read(baselineFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UsageException("cannot read --baseline " + baselineFile + ": no such file");
        } catch (IOException e) {
            throw new UsageException("cannot read --baseline " + baselineFile + ": " + e.getMessage());
        }
    }

    private Limits limits() {
        Limits l = Limits.DEFAULT;
        try {
            if (maxTotalBytes != null) {
                l = l.withMaxTotalBytes(maxTotalBytes);
            }
            if (maxEntryBytes != null) {
                l = l.withMaxEntryBytes(maxEntryBytes);
            }
            if (maxEntries != null) {
                l = l.withMaxEntries(maxEntries);
            }
            if (maxRatio != null) {
                l = l.withMaxRatio(maxRatio);
            }
            if (maxDepth != null) {
                l = l.withMaxDepth(maxDepth);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid limit: " + e.getMessage());
        }
        return l;
    }

    private Writer openOutput() {
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            return new NonClosingWriter(out);
        }
        try {
            return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("cannot write --output " + output + ": " + e.getMessage());
        }
    }

    /** Standard output stays open after the report; only files we opened are closed. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(Writer out) {
            super(out);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
