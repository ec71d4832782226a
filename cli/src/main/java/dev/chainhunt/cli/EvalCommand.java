package dev.chainhunt.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chainhunt.ScanOptions;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Scanner;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Target;
import dev.chainhunt.model.Verdict;
import dev.chainhunt.score.RiskScorer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** {@code chainhunt eval}: detection quality and speed on labelled sets. */
@Command(name = "eval",
        mixinStandardHelpOptions = true,
        versionProvider = ChainhuntCommand.VersionProvider.class,
        description = {"Scans a set of known-malicious and a set of known-benign packages and reports the confusion "
                + "matrix, precision, recall, F1 and MCC at the malicious and at the suspicious verdict, the rules that "
                + "fire on benign packages, the malicious packages missed, and throughput.",
            "A SET is a directory (every archive under it) or a file listing one path per line."},
        sortOptions = false)
final class EvalCommand implements Callable<Integer> {

    enum Format { text, json }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--malicious", paramLabel = "SET", required = true, description = "Known-malicious packages (repeatable).")
    List<Path> malicious;

    @Option(names = "--benign", paramLabel = "SET", required = true, description = "Known-benign packages (repeatable).")
    List<Path> benign;

    @Option(names = "--clusters", paramLabel = "FILE",
            description = "Tab-separated 'path<TAB>group' lines (paths relative to the --malicious directory): "
                    + "count one package per group, the first by path.")
    Path clusters;

    @Option(names = {"-f", "--format"}, defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Targets scanned in parallel (default: the number of cores).")
    Integer jobs;

    @Option(names = "--show", paramLabel = "N", defaultValue = "40", description = "Missed packages to list (default: ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also apply the YAML rules in DIR (repeatable).")
    List<Path> ruleDirs = new ArrayList<>();

    /** One threshold's confusion matrix and scores. */
    record Scores(String threshold, int tp, int fn, int fp, int tn, double precision, double recall, double f1, double mcc) {
        static Scores of(String threshold, int tp, int fn, int fp, int tn) {
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            double d = Math.sqrt((double) (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
            double mcc = d == 0 ? 0 : ((double) tp * tn - (double) fp * fn) / d;
            return new Scores(threshold, tp, fn, fp, tn, round(precision), round(recall), round(f1), round(mcc));
        }

        private static double round(double v) {
            return Math.round(v * 10_000) / 10_000.0;
        }
    }

    /** A package the evaluation got wrong, with why it was (or was not) flagged. */
    record Miss(String target, String verdict, double score, List<String> reasons, String error) {
    }

    record Report(int maliciousTargets, int maliciousCounted, int benignTargets, List<Scores> scores,
                  Map<String, Integer> verdictsMalicious, Map<String, Integer> verdictsBenign, Map<String, Integer> rulesOnBenign,
                  List<Miss> missed, List<Miss> falsePositives, double seconds, double targetsPerSecond, double megabytesPerSecond) {
    }

    @Override
    public Integer call() throws IOException {
        List<Target> bad = targets(malicious);
        List<Target> good = targets(benign);
        if (bad.isEmpty() || good.isEmpty()) {
            throw new UsageException("both --malicious and --benign need at least one package");
        }
        Map<String, String> groupOf = readClusters();
        Scanner scanner = new Scanner(ScanOptions.defaults(), Catalogs.load(ruleDirs));
        int threads = jobs == null ? Runtime.getRuntime().availableProcessors() : Math.max(1, jobs);
        List<Target> all = new ArrayList<>(bad);
        all.addAll(good);
        Progress progress = new Progress(spec.commandLine().getErr(), System.console() != null, all.size());
        Map<String, ScanResult> results = new HashMap<>();
        long[] bytes = {0};
        long start = System.nanoTime();
        scanner.scanAll(all, threads, r -> {
            results.put(r.target(), r);
            bytes[0] += r.bytes();
            progress.update(r);
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        progress.finish(new dev.chainhunt.report.Summary());

        // One representative per group: the first target by path.
        Map<String, ScanResult> representatives = new TreeMap<>();
        for (Target t : bad) {
            String group = groupOf.getOrDefault(relative(t.name()), t.name());
            representatives.merge(group, results.get(t.name()), (a, b) -> a.target().compareTo(b.target()) <= 0 ? a : b);
        }
        List<ScanResult> badResults = new ArrayList<>(representatives.values());
        List<ScanResult> goodResults = good.stream().map(t -> results.get(t.name())).toList();

        List<Scores> scores = new ArrayList<>();
        for (Verdict threshold : List.of(Verdict.MALICIOUS, Verdict.SUSPICIOUS)) {
            int tp = (int) badResults.stream().filter(r -> r.verdict().atLeast(threshold)).count();
            int fp = (int) goodResults.stream().filter(r -> r.verdict().atLeast(threshold)).count();
            scores.add(Scores.of(threshold.id(), tp, badResults.size() - tp, fp, goodResults.size() - fp));
        }
        Map<String, Integer> rulesOnBenign = new TreeMap<>();
        for (ScanResult r : goodResults) {
            r.findings().stream().filter(f -> RiskScorer.weight(f) > 0).map(Finding::ruleId).distinct()
                    .forEach(id -> rulesOnBenign.merge(id, 1, Integer::sum));
        }
        List<Miss> missed = badResults.stream().filter(r -> !r.verdict().atLeast(Verdict.MALICIOUS)).map(EvalCommand::miss).toList();
        List<Miss> falsePositives = goodResults.stream().filter(r -> r.verdict().atLeast(Verdict.SUSPICIOUS)).map(EvalCommand::miss).toList();
        Report report = new Report(bad.size(), badResults.size(), good.size(), scores, verdicts(badResults), verdicts(goodResults),
                sortByCount(rulesOnBenign), missed, falsePositives, Math.round(seconds * 10) / 10.0,
                Math.round(all.size() / seconds * 10) / 10.0, Math.round(bytes[0] / 1e6 / seconds * 10) / 10.0);
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            text(report, out);
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private void text(Report r, PrintWriter out) {
        out.printf("malicious set: %,d packages, %,d counted (one per group)%n", r.maliciousTargets(), r.maliciousCounted());
        out.printf("benign set:    %,d packages%n%n", r.benignTargets());
        out.printf("%-11s %6s %6s %6s %6s %9s %7s %7s %7s%n", "threshold", "TP", "FN", "FP", "TN", "precision", "recall", "F1", "MCC");
        for (Scores s : r.scores()) {
            out.printf("%-11s %6d %6d %6d %6d %9.4f %7.4f %7.4f %7.4f%n", s.threshold(), s.tp(), s.fn(), s.fp(), s.tn(),
                    s.precision(), s.recall(), s.f1(), s.mcc());
        }
        out.printf("%nverdicts, malicious set: %s%n", r.verdictsMalicious());
        out.printf("verdicts, benign set:    %s%n", r.verdictsBenign());
        out.printf("%nrules with weight on benign packages (packages): %s%n", r.rulesOnBenign().isEmpty() ? "none" : r.rulesOnBenign());
        if (!r.falsePositives().isEmpty()) {
            out.println("\nbenign packages flagged:");
            r.falsePositives().forEach(m -> out.printf("  %-10s %4.1f  %s  %s%n", m.verdict(), m.score(), m.target(), m.reasons()));
        }
        out.printf("%nmissed malicious packages (not 'malicious'): %d%n", r.missed().size());
        r.missed().stream().limit(show).forEach(m -> out.printf("  %-10s %4.1f  %s  %s%s%n", m.verdict(), m.score(), m.target(),
                m.reasons(), m.error() == null ? "" : "  error: " + m.error()));
        if (r.missed().size() > show) {
            out.printf("  … and %d more (--show N, or --format json)%n", r.missed().size() - show);
        }
        out.printf("%nthroughput: %,.1f targets/s, %,.1f MB/s (%.1f s wall for %,d targets)%n", r.targetsPerSecond(),
                r.megabytesPerSecond(), r.seconds(), r.maliciousTargets() + r.benignTargets());
    }

    private static Miss miss(ScanResult r) {
        return new Miss(r.target(), r.verdict().id(), r.score(), r.reasons(), r.error());
    }

    private static Map<String, Integer> verdicts(List<ScanResult> results) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.id(), (int) results.stream().filter(r -> r.verdict() == v).count());
        }
        return counts;
    }

    private static Map<String, Integer> sortByCount(Map<String, Integer> counts) {
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** A directory means every archive under it; a file that is not an archive is a list of paths. */
    private static List<Target> targets(List<Path> sets) {
        List<String> names = new ArrayList<>();
        for (Path set : sets) {
            if (Files.isRegularFile(set) && !isArchive(set)) {
                names.addAll(TargetList.readListFile(set));
            } else if (Files.exists(set)) {
                names.add(set.toString());
            } else {
                throw new UsageException("no such file or directory: " + set);
            }
        }
        return TargetList.expand(names, true);
    }

    private static boolean isArchive(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(512);
            return dev.chainhunt.archive.ArchiveFormat.detect(head, head.length) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, String> readClusters() {
        Map<String, String> groups = new HashMap<>();
        if (clusters == null) {
            return groups;
        }
        try {
            for (String line : Files.readAllLines(clusters, StandardCharsets.UTF_8)) {
                int tab = line.lastIndexOf('\t');
                if (tab > 0) {
                    groups.put(line.substring(0, tab), line.substring(tab + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UsageException("cannot read --clusters " + clusters + ": " + e.getMessage());
        }
        return groups;
    }

    /** A malicious target's path relative to the --malicious directory it came from, as --clusters lists it. */
    private String relative(String target) {
        for (Path set : malicious) {
            String prefix = set.toString().endsWith("/") ? set.toString() : set + "/";
            if (target.startsWith(prefix)) {
                return target.substring(prefix.length());
            }
        }
        return target;
    }
}
