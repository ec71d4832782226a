package dev.chainhunt.report;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Version;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.TargetKind;
import dev.chainhunt.rules.Rule;
import dev.chainhunt.rules.RuleCatalog;
import dev.chainhunt.rules.RuleMetadata;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one run, every catalogue rule
 * described once, one result per finding. Files inside an archive get the URI
 * {@code archive!/path/in/archive}; files of a directory target are relative to that directory's
 * path as given. Unreadable targets become tool execution notifications.
 */
final class SarifReporter implements Reporter {

    private final List<Rule> rules;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final List<Sarif.Result> results = new ArrayList<>();
    private final List<Sarif.Notification> notifications = new ArrayList<>();

    SarifReporter(RuleCatalog catalog) {
        this.rules = catalog.all();
        for (int i = 0; i < rules.size(); i++) {
            ruleIndex.put(rules.get(i).id(), i);
        }
    }

    @Override
    public String id() {
        return "sarif";
    }

    @Override
    public void add(ScanResult r, Writer out) {
        if (r.error() != null) {
            notifications.add(new Sarif.Notification(r.findings().isEmpty() && r.kind() == null ? "error" : "warning",
                    new Sarif.Text(r.target() + ": " + r.error()),
                    List.of(location(artifactUri(r, null), 1, 1, null))));
        }
        for (FileError e : r.fileErrors()) {
            notifications.add(new Sarif.Notification("warning", new Sarif.Text(e.file() + ": " + e.message()),
                    List.of(location(artifactUri(r, e.file()), 1, 1, null))));
        }
        for (Finding f : r.findings()) {
            String uri = artifactUri(r, f.location().file());
            Map<String, Object> props = new LinkedHashMap<>();
            props.put("severity", f.severity().id());
            props.put("confidence", f.confidence().id());
            props.put("trigger", f.trigger().id());
            if (f.evidence() != null) {
                props.put("evidence", f.evidence());
            }
            if (!f.decodeChain().isEmpty()) {
                props.put("decodeChain", f.decodeChain());
            }
            props.put("target", r.target());
            props.put("verdict", r.verdict().id());
            results.add(new Sarif.Result(
                    f.ruleId(),
                    ruleIndex.getOrDefault(f.ruleId(), -1),
                    level(f.severity()),
                    new Sarif.Text(f.message()),
                    List.of(location(uri, f.location().line(), f.location().column(), f.snippet())),
                    Map.of("chainhunt/v1", f.fingerprint()),
                    props));
        }
    }

    @Override
    public void finish(Writer out) throws IOException {
        List<Sarif.ReportingDescriptor> descriptors = rules.stream().map(SarifReporter::descriptor).toList();
        String version = Version.get();
        Sarif.Driver driver = new Sarif.Driver("chainhunt", version, version.matches("\\d+\\.\\d+\\.\\d+.*") ? version : null,
                "https://github.com/chainhunt/chainhunt", descriptors);
        Sarif.Invocation invocation = new Sarif.Invocation(true, notifications.isEmpty() ? null : notifications);
        Sarif.Log log = new Sarif.Log(Sarif.SCHEMA, "2.1.0",
                List.of(new Sarif.Run(new Sarif.Tool(driver), List.of(invocation), results)));
        JsonReporter.MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(out, log);
        out.write('\n');
    }

    private static Sarif.ReportingDescriptor descriptor(Rule rule) {
        RuleMetadata m = rule.metadata();
        Map<String, Object> props = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        tags.add("security");
        tags.add("supply-chain");
        m.attack().forEach(t -> tags.add("external/mitre-attack/" + t));
        props.put("tags", tags);
        props.put("precision", precision(m.confidence()));
        props.put("security-severity", securitySeverity(m.severity()));
        return new Sarif.ReportingDescriptor(m.id(), pascal(m.id()), new Sarif.Text(m.title()),
                new Sarif.Text(m.description()),
                new Sarif.Text(m.description() + (m.example() == null ? "" : "\n\nExample: " + m.example())),
                new Sarif.Configuration(level(m.severity())), props);
    }

    /** SARIF wants an identifier-like name: {@code code-exec-smuggling} becomes {@code CodeExecSmuggling}. */
    static String pascal(String id) {
        StringBuilder sb = new StringBuilder();
        for (String part : id.split("-")) {
            sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return sb.toString();
    }

    private static Sarif.Location location(String uri, int line, int column, String snippet) {
        return new Sarif.Location(new Sarif.PhysicalLocation(new Sarif.ArtifactLocation(uri),
                new Sarif.Region(Math.max(1, line), Math.max(1, column), snippet == null ? null : new Sarif.Text(snippet))));
    }

    /**
     * The URI of {@code file} of target {@code r}: inside an archive {@code target!/file}, inside a
     * directory {@code target/file}, for a single file the target itself.
     */
    static String artifactUri(ScanResult r, String file) {
        String target = r.target().replace('\\', '/');
        while (target.startsWith("./")) {
            target = target.substring(2);
        }
        String path;
        if (file == null || r.kind() == null || r.kind() == TargetKind.FILE) {
            path = target;
        } else if (r.kind() == TargetKind.DIRECTORY) {
            path = target.isEmpty() || target.equals(".") ? file : stripSlash(target) + "/" + file;
        } else {
            path = target + "!/" + file;
        }
        return encode(path);
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Percent-encodes what a URI reference may not hold, keeping {@code /} and {@code !}. */
    static String encode(String path) {
        StringBuilder sb = new StringBuilder(path.length());
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(String.format("%02X", c));
            }
        }
        return sb.toString();
    }

    static String level(Severity s) {
        return switch (s) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    private static String precision(Confidence c) {
        return switch (c) {
            case HIGH -> "high";
            case MEDIUM -> "medium";
            case LOW -> "low";
        };
    }

    /** GitHub's security-severity scale: above 9 critical, 7 to 8.9 high, 4 to 6.9 medium, below 4 low. */
    private static String securitySeverity(Severity s) {
        return switch (s) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> "0.0";
        };
    }

}
