package dev.chainhunt.rules;

import dev.chainhunt.deobf.python.PyModel;
import dev.chainhunt.lang.SourceText;
import dev.chainhunt.manifest.EntryPoints;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Location;
import dev.chainhunt.model.Provenance;
import dev.chainhunt.model.SourceFile;
import dev.chainhunt.model.Trigger;

import java.util.function.Consumer;

/** What a {@link SourceRule} sees of one file, and where it reports. */
public final class SourceContext {

    /** Snippets longer than this are cut around the reported column. */
    static final int SNIPPET_WIDTH = 160;
    private static final java.util.regex.Pattern LONG_BLANKS = java.util.regex.Pattern.compile("[ \t]{20,}");

    private final SourceFile file;
    private final SourceText text;
    private final PyModel python;
    private final EntryPoints.Reach reach;
    private final Consumer<Finding> sink;

    /**
     * @param python the evaluated model of a Python file, or null for other languages
     * @param reach  how each scope of the file runs (for other languages: how the file as a whole runs)
     */
    public SourceContext(SourceFile file, SourceText text, PyModel python, EntryPoints.Reach reach, Consumer<Finding> sink) {
        this.file = file;
        this.text = text;
        this.python = python;
        this.reach = reach;
        this.sink = sink;
    }

    /** How code in a scope of this file runs ({@code <module>}, {@code Install.run}). */
    public Trigger trigger(String scope) {
        return reach.trigger(scope);
    }

    /** The partial evaluation of this file when it is Python, else null. */
    public PyModel python() {
        return python;
    }

    private java.util.Map<String, java.util.Map<String, int[]>> callsByCallee;
    private java.util.Map<String, java.util.Map<String, int[]>> callsByLastName;
    /** What rules derive from this file once and share, by what they call it. */
    private final java.util.Map<String, Object> shared = new java.util.HashMap<>();

    /** A value derived from this file, computed by the first rule that asks and shared with the rest. */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, java.util.function.Supplier<T> compute) {
        Object v = shared.get(key);
        if (v == null) {
            v = compute.get();
            shared.put(key, v);
        }
        return (T) v;
    }

    /**
     * The positions in {@code python().calls()} of the sites of each canonical callee, grouped by
     * the callee's first name ({@code requests} of {@code requests.Session().post}), built once per
     * file: rules match their callee globs against the few distinct names under the first names
     * they can match, not every site.
     */
    public java.util.Map<String, java.util.Map<String, int[]>> callsByCallee() {
        if (callsByCallee == null) {
            callsByCallee = callsBy(dev.chainhunt.rules.query.Glob::anchor);
        }
        return callsByCallee;
    }

    /** The same, grouped by the callee's last name ({@code recv} of {@code socket.socket().recv}). */
    public java.util.Map<String, java.util.Map<String, int[]>> callsByLastName() {
        if (callsByLastName == null) {
            callsByLastName = callsBy(dev.chainhunt.rules.query.Glob::lastName);
        }
        return callsByLastName;
    }

    /** Positions in {@code python().calls()} of each callee's sites, in source order; built once per file. */
    private java.util.Map<String, int[]> callPositions;

    private java.util.Map<String, java.util.Map<String, int[]>> callsBy(java.util.function.UnaryOperator<String> group) {
        if (callPositions == null) {
            java.util.Map<String, java.util.List<Integer>> positions = new java.util.LinkedHashMap<>();
            java.util.List<PyModel.CallSite> calls = python == null ? java.util.List.of() : python.calls();
            for (int i = 0; i < calls.size(); i++) {
                positions.computeIfAbsent(calls.get(i).callee(), k -> new java.util.ArrayList<>()).add(i);
            }
            callPositions = new java.util.LinkedHashMap<>();
            positions.forEach((callee, list) -> callPositions.put(callee, list.stream().mapToInt(Integer::intValue).toArray()));
        }
        java.util.Map<String, java.util.Map<String, int[]>> index = new java.util.HashMap<>();
        callPositions.forEach((callee, at) -> index.computeIfAbsent(group.apply(callee), k -> new java.util.LinkedHashMap<>()).put(callee, at));
        return index;
    }

    public SourceFile file() {
        return file;
    }

    public SourceText text() {
        return text;
    }

    /**
     * A finding of {@code rule} at a 1-based line and column of this file, with the line as its
     * snippet. In a decoded payload the finding moves to the encoded literal it came from and
     * keeps the decode chain; the snippet stays the decoded line.
     */
    public FindingBuilder at(Rule rule, int line, int column) {
        FindingBuilder builder = new FindingBuilder(rule.metadata(), new Location(file.path(), line, column), sink)
                .snippet(snippet(text.line(line), column))
                .trigger(reach.trigger(null));
        Provenance provenance = file.provenance();
        if (provenance.isDecoded() && provenance.origin() != null) {
            builder.relocate(provenance.origin(), provenance.decodeChain());
        }
        return builder;
    }

    /** A window of at most {@link #SNIPPET_WIDTH} characters of {@code line} around {@code column}. */
    public static String snippet(String line, int column) {
        java.util.regex.Matcher blanks = LONG_BLANKS.matcher(line);
        if (blanks.find()) {
            // Show a long run of blanks as what it is, so the code after it is on screen.
            StringBuilder sb = new StringBuilder();
            int shift = 0;
            int last = 0;
            do {
                String marker = "⟨" + (blanks.end() - blanks.start()) + " blanks⟩";
                sb.append(line, last, blanks.start()).append(' ').append(marker).append(' ');
                if (blanks.end() < column) {
                    shift += (blanks.end() - blanks.start()) - marker.length() - 2;
                }
                last = blanks.end();
            } while (blanks.find());
            sb.append(line.substring(last));
            line = sb.toString();
            column = Math.max(1, column - shift);
        }
        String trimmed = line.strip();
        if (trimmed.length() <= SNIPPET_WIDTH) {
            return trimmed;
        }
        int lead = line.indexOf(trimmed.charAt(0));
        int centre = Math.max(0, Math.min(column - 1 - lead, trimmed.length()));
        int start = Math.max(0, Math.min(centre - SNIPPET_WIDTH / 4, trimmed.length() - SNIPPET_WIDTH));
        int end = Math.min(trimmed.length(), start + SNIPPET_WIDTH);
        return (start > 0 ? "…" : "") + trimmed.substring(start, end) + (end < trimmed.length() ? "…" : "");
    }
}
