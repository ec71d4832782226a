package dev.chainhunt.report;

import dev.chainhunt.ScanResult;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Ioc;
import dev.chainhunt.model.PackageInfo;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Verdict;
import dev.chainhunt.score.RiskScorer;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * For people: targets worst first, each with its verdict and why, then its findings worst first
 * with a code frame, evidence and ATT&CK ids, then its indicators. Colour only when asked for
 * (the command line asks when writing to a terminal).
 */
final class TextReporter implements Reporter {

    /** Findings shown per target; the rest are counted. */
    static final int MAX_FINDINGS = 25;
    static final int MAX_INDICATORS = 15;

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";
    private static final String RED = "\u001b[31m";
    private static final String YELLOW = "\u001b[33m";
    private static final String GREEN = "\u001b[32m";
    private static final String MAGENTA = "\u001b[35m";
    private static final String CYAN = "\u001b[36m";

    private final boolean color;
    private final List<ScanResult> results = new ArrayList<>();
    private final Summary summary = new Summary();

    TextReporter(boolean color) {
        this.color = color;
    }

    @Override
    public String id() {
        return "text";
    }

    @Override
    public void add(ScanResult result, Writer out) {
        results.add(result);
        summary.add(result);
    }

    @Override
    public void finish(Writer out) throws IOException {
        List<ScanResult> ordered = new ArrayList<>(results);
        ordered.sort(Comparator.comparingInt((ScanResult r) -> rank(r.verdict()))
                .thenComparing(Comparator.comparingDouble(ScanResult::score).reversed()));
        for (ScanResult r : ordered) {
            writeTarget(r, out);
        }
        out.write(paint(BOLD, summary.toString()) + "\n");
        out.flush();
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case MALICIOUS -> 0;
            case SUSPICIOUS -> 1;
            case ERROR -> 2;
            case CLEAN -> 3;
        };
    }

    private void writeTarget(ScanResult r, Writer out) throws IOException {
        String verdict = r.verdict().id().toUpperCase(Locale.ROOT);
        String head = paint(BOLD + verdictColor(r.verdict()), String.format("%-10s", verdict))
                + (r.verdict() == Verdict.ERROR ? "" : paint(BOLD, String.format(" %4.1f", r.score()))) + "  " + r.target();
        out.write(head + "\n");
        String identity = identity(r.pkg());
        StringBuilder meta = new StringBuilder();
        if (!identity.isEmpty()) {
            meta.append(identity);
        }
        if (r.sha256() != null) {
            meta.append(meta.isEmpty() ? "" : " · ").append("sha256 ").append(r.sha256(), 0, 12).append('…');
        }
        if (r.verdict() != Verdict.ERROR) {
            meta.append(meta.isEmpty() ? "" : " · ").append(r.files()).append(r.files() == 1 ? " text file" : " text files");
        }
        if (!meta.isEmpty()) {
            out.write("           " + paint(DIM, meta.toString()) + "\n");
        }
        if (!r.chain().isEmpty() && r.verdict() != Verdict.CLEAN) {
            out.write("           " + paint(BOLD, "attack chain: ") + String.join(" → ", r.chain()) + "\n");
        }
        if (r.error() != null) {
            out.write("           " + paint(MAGENTA, (r.verdict() == Verdict.ERROR ? "error: " : "incomplete: ") + r.error())
                    + "\n");
        }
        if (r.findings().isEmpty() && r.indicators().isEmpty() && r.fileErrors().isEmpty()) {
            out.write("\n");
            return;
        }
        List<Finding> findings = new ArrayList<>(r.findings());
        findings.sort(Comparator.comparing(Finding::severity, Comparator.reverseOrder())
                .thenComparing(Comparator.comparingDouble(RiskScorer::weight).reversed()));
        out.write("\n");
        for (Finding f : findings.subList(0, Math.min(MAX_FINDINGS, findings.size()))) {
            writeFinding(f, out);
        }
        if (findings.size() > MAX_FINDINGS) {
            out.write("  " + paint(DIM, "… and " + (findings.size() - MAX_FINDINGS) + " more findings (use --format json for all)") + "\n\n");
        }
        if (!r.indicators().isEmpty()) {
            out.write("  " + paint(BOLD, "indicators") + "\n");
            for (Ioc ioc : r.indicators().subList(0, Math.min(MAX_INDICATORS, r.indicators().size()))) {
                out.write(String.format("    %-6s %s  %s%s%n", ioc.kind().id(), ioc.value(),
                        paint(DIM, ioc.location().toString()),
                        ioc.decoded() ? paint(CYAN, "  decoded: " + String.join(" → ", ioc.decodeChain())) : ""));
            }
            if (r.indicators().size() > MAX_INDICATORS) {
                out.write("    " + paint(DIM, "… and " + (r.indicators().size() - MAX_INDICATORS) + " more") + "\n");
            }
            out.write("\n");
        }
        if (!r.fileErrors().isEmpty()) {
            out.write("  " + paint(BOLD, "not fully read") + "\n");
            for (var e : r.fileErrors().subList(0, Math.min(10, r.fileErrors().size()))) {
                out.write("    " + e.file() + ": " + e.message() + "\n");
            }
            out.write("\n");
        }
    }

    private void writeFinding(Finding f, Writer out) throws IOException {
        String severity = paint(BOLD + severityColor(f.severity()), String.format("%-8s", f.severity().id().toUpperCase(Locale.ROOT)));
        String runs = f.trigger().automatic() ? ", runs " + f.trigger().phrase()
                : f.trigger() == dev.chainhunt.model.Trigger.SCRIPT ? ", " + f.trigger().phrase() : "";
        out.write("  " + severity + " " + paint(BOLD, f.ruleId()) + "  " + f.location()
                + paint(DIM, "  (" + f.confidence().id() + " confidence" + runs + ")") + "\n");
        out.write("           " + f.message() + "\n");
        if (f.snippet() != null && !f.snippet().isEmpty()) {
            String gutter = f.location().line() > 0 ? String.format("%6d │ ", f.location().line()) : "       │ ";
            out.write("    " + paint(DIM, gutter) + f.snippet() + "\n");
        }
        if (!f.decodeChain().isEmpty()) {
            out.write("           " + paint(CYAN, "decoded: " + String.join(" → ", f.decodeChain())) + "\n");
        }
        if (f.evidence() != null && (f.snippet() == null || !f.snippet().contains(f.evidence()))) {
            String evidence = f.evidence().length() > 300 ? f.evidence().substring(0, 300) + "…" : f.evidence();
            out.write("           " + paint(DIM, "evidence: ") + evidence.replace("\n", "⏎") + "\n");
        }
        if (!f.attack().isEmpty()) {
            out.write("           " + paint(DIM, "ATT&CK: " + String.join(", ", f.attack())) + "\n");
        }
        out.write("\n");
    }

    private static String identity(PackageInfo p) {
        List<String> parts = new ArrayList<>();
        if (p.ecosystem() != null && p.ecosystem() != dev.chainhunt.model.Ecosystem.UNKNOWN) {
            parts.add(p.ecosystem().id());
        }
        if (p.name() != null) {
            parts.add(p.name());
        }
        if (p.version() != null) {
            parts.add(p.version());
        }
        return String.join(" ", parts);
    }

    private static String verdictColor(Verdict v) {
        return switch (v) {
            case MALICIOUS -> RED;
            case SUSPICIOUS -> YELLOW;
            case CLEAN -> GREEN;
            case ERROR -> MAGENTA;
        };
    }

    private static String severityColor(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> RED;
            case MEDIUM -> YELLOW;
            case LOW, INFO -> CYAN;
        };
    }

    private String paint(String code, String text) {
        return color ? code + text + RESET : text;
    }
}
