package dev.chainhunt.rules.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Language;
import dev.chainhunt.rules.RuleMetadata;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Reads declarative rules from YAML: the built-in ones found on the class path under
 * {@code dev/chainhunt/rules/}, and a user's own from a directory. A malformed rule is an error
 * naming the file and the field, never a silently skipped rule.
 */
public final class QueryRuleLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final String ROOT = "dev/chainhunt/rules";
    private static final Set<String> STAGES = Set.of("trigger", "obfuscation", "download", "execution", "collection",
            "exfiltration", "persistence", "evasion", "impact", "indicator");

    private QueryRuleLoader() {
    }

    /** Every {@code *.yaml} rule under {@code dev/chainhunt/rules/} on the class path (every entry of it), sorted by path. */
    public static List<QueryRule> builtIn() {
        List<QueryRule> rules = new ArrayList<>();
        try {
            for (URL root : java.util.Collections.list(QueryRuleLoader.class.getClassLoader().getResources(ROOT))) {
                if ("jar".equals(root.getProtocol())) {
                    try (FileSystem jar = FileSystems.newFileSystem(root.toURI(), Map.of())) {
                        rules.addAll(loadTree(jar.getPath("/" + ROOT)));
                    }
                } else {
                    rules.addAll(loadTree(Path.of(root.toURI())));
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list built-in rules: " + e.getMessage(), e);
        }
        return rules;
    }

    /** Every {@code *.yaml} rule in {@code dir} and below. */
    public static List<QueryRule> load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a directory: " + dir);
        }
        return loadTree(dir);
    }

    private static List<QueryRule> loadTree(Path dir) throws IOException {
        List<QueryRule> rules = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(f)) {
                    rules.add(parse(in, f.toString()));
                }
            }
        }
        return rules;
    }

    /**
     * The YAML tree, refusing aliases ({@code *name}): Jackson reads an alias as its name, so a rule
     * using one would silently match something else than its author wrote.
     */
    private static JsonNode readTree(InputStream in, String source) throws IOException {
        try (com.fasterxml.jackson.dataformat.yaml.YAMLParser parser =
                     (com.fasterxml.jackson.dataformat.yaml.YAMLParser) YAML.getFactory().createParser(in)) {
            com.fasterxml.jackson.databind.util.TokenBuffer tokens = new com.fasterxml.jackson.databind.util.TokenBuffer(parser);
            while (parser.nextToken() != null) {
                if (parser.isCurrentAlias()) {
                    throw new IllegalArgumentException(source + ": line " + parser.currentLocation().getLineNr()
                            + ": YAML aliases (*" + parser.getText() + ") are not supported in rules; write the value out");
                }
                tokens.copyCurrentEvent(parser);
            }
            JsonNode root = YAML.readTree(tokens.asParser());
            return root == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : root;
        }
    }

    public static QueryRule parse(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = readTree(in, source);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        try {
            return rule(root);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
        }
    }

    private static QueryRule rule(JsonNode n) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException("a rule is a mapping");
        }
        known(n, "rule", "id", "title", "description", "severity", "confidence", "attack", "stage", "languages",
                "example", "references", "message", "match", "undone_by");
        String id = text(n, "id");
        String stage = text(n, "stage");
        if (!STAGES.contains(stage)) {
            throw new IllegalArgumentException("stage must be one of " + STAGES + ", not " + stage);
        }
        RuleMetadata meta = new RuleMetadata(id, text(n, "title"), text(n, "description"),
                dev.chainhunt.model.Severity.parse(text(n, "severity")), Confidence.parse(text(n, "confidence")),
                AttackStage.parse(stage), strings(n, "attack"), n.path("example").asText(null));
        List<Language> languages = new ArrayList<>();
        for (String l : n.has("languages") ? strings(n, "languages") : List.of("python")) {
            languages.add(Language.valueOf(l.toUpperCase(Locale.ROOT)));
        }
        return new QueryRule(meta, List.copyOf(languages), condition(n.get("match"), "match"), text(n, "message"),
                n.has("undone_by") ? condition(n.get("undone_by"), "undone_by") : null);
    }

    static Condition condition(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": a condition is a mapping");
        }
        if (n.has("call")) {
            known(n, where, "call", "args", "arg", "receiver", "context", "indirect");
            List<ValueCondition> args = new ArrayList<>();
            if (n.has("arg")) {
                args.add(value(n.get("arg"), where + ".arg"));
            }
            if (n.has("args")) {
                int i = 0;
                for (JsonNode a : n.get("args")) {
                    args.add(value(a, where + ".args[" + i++ + "]"));
                }
            }
            ValueCondition receiver = n.has("receiver") ? value(n.get("receiver"), where + ".receiver") : null;
            return new Condition.Call(Glob.of(strings(n, "call")), List.copyOf(args), receiver, context(n, where),
                    n.path("indirect").asBoolean(false));
        }
        if (n.has("all") || n.has("any")) {
            String key = n.has("all") ? "all" : "any";
            known(n, where, key, "same");
            List<Condition> parts = new ArrayList<>();
            int i = 0;
            for (JsonNode c : n.get(key)) {
                parts.add(condition(c, where + "." + key + "[" + i++ + "]"));
            }
            if (parts.isEmpty()) {
                throw new IllegalArgumentException(where + "." + key + ": needs at least one condition");
            }
            if (key.equals("any")) {
                return new Condition.Any(List.copyOf(parts));
            }
            String same = n.path("same").asText("file");
            if (!same.equals("file") && !same.equals("function")) {
                throw new IllegalArgumentException(where + ".same: 'file' or 'function', not " + same);
            }
            return new Condition.All(List.copyOf(parts), same.equals("function"));
        }
        if (n.has("not")) {
            known(n, where, "not");
            return new Condition.Not(condition(n.get("not"), where + ".not"));
        }
        if (n.has("import")) {
            known(n, where, "import");
            return new Condition.Import(Glob.of(strings(n, "import")));
        }
        if (n.has("text")) {
            known(n, where, "text", "decoded", "keywords");
            List<String> keywords = new ArrayList<>();
            if (n.has("keywords")) {
                for (String k : strings(n, "keywords")) {
                    keywords.add(k.toLowerCase(Locale.ROOT));
                }
            }
            return new Condition.Text(regex(n.get("text").asText(), where + ".text"), n.path("decoded").asBoolean(false),
                    List.copyOf(keywords));
        }
        if (n.has("file") || n.has("stage") || n.has("context")) {
            known(n, where, "file", "stage", "context");
            JsonNode stage = n.get("stage");
            String decodedBy = stage != null && stage.isTextual() ? stage.asText() : null;
            if (stage != null && !stage.isBoolean() && (decodedBy == null || !decodedBy.matches("[a-z0-9-]+"))) {
                throw new IllegalArgumentException(where + ".stage: expected true, false or a decoding step such as pickle");
            }
            return new Condition.File(n.has("file") ? Glob.of(strings(n, "file")) : null,
                    stage == null ? null : decodedBy != null ? Boolean.TRUE : stage.asBoolean(), decodedBy, context(n, where));
        }
        throw new IllegalArgumentException(where + ": expected one of call, all, any, not, import, text, file");
    }

    static ValueCondition value(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + ": a value condition is a mapping");
        }
        known(n, where, "at", "keyword", "command", "from", "text", "fragment", "decoded", "sym", "not");
        return new ValueCondition(
                n.has("at") ? n.get("at").asInt() : -1,
                n.has("keyword") ? strings(n, "keyword") : List.of(),
                n.path("command").asBoolean(false),
                n.has("from") ? Glob.of(strings(n, "from")) : null,
                n.has("text") ? regex(n.get("text").asText(), where + ".text") : null,
                n.has("fragment") ? regex(n.get("fragment").asText(), where + ".fragment") : null,
                n.has("decoded") ? n.get("decoded").asBoolean() : null,
                n.has("sym") ? Glob.of(strings(n, "sym")) : null,
                n.has("not") ? value(n.get("not"), where + ".not") : null);
    }

    private static Condition.Context context(JsonNode n, String where) {
        if (!n.has("context")) {
            return Condition.Context.ANY;
        }
        try {
            return Condition.Context.valueOf(n.get("context").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".context: one of any, install, import, autorun");
        }
    }

    private static Pattern regex(String text, String where) {
        if (text.startsWith("$")) {
            Pattern named = PATTERNS.get(text.substring(1));
            if (named == null) {
                throw new IllegalArgumentException(where + ": unknown pattern '" + text + "'; known: "
                        + String.join(", ", new java.util.TreeSet<>(PATTERNS.keySet())));
            }
            return named;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(where + ": bad regex: " + e.getDescription());
        }
    }

    private static void known(JsonNode n, String where, String... fields) {
        Set<String> allowed = Set.of(fields);
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new IllegalArgumentException(where + ": unknown field '" + f + "' (expected " + String.join(", ", fields) + ")");
            }
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isValueNode() || v.asText().isBlank()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v.asText().strip();
    }

    private static List<String> strings(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode x : v.isArray() ? v : List.of(v)) {
            String item = x.asText();
            if (item.startsWith("$")) {
                List<String> set = SETS.get(item.substring(1));
                if (set == null) {
                    throw new IllegalArgumentException("unknown set '" + item + "' in '" + field + "'; known: "
                            + String.join(", ", new java.util.TreeSet<>(SETS.keySet())));
                }
                out.addAll(set);
            } else {
                out.add(item);
            }
        }
        return out;
    }

    /** {@code ${name}} inside a named regex: a regex defined above it, as a group. */
    private static final Pattern INCLUDE = Pattern.compile("\\$\\{(\\w+)}");

    /** {@code dev/chainhunt/rule-sets.yaml}: named glob lists (sequences) and named regexes (strings). */
    private static final JsonNode RULE_SETS = ruleSets();
    /** The named glob lists rules share ({@code $network_sources}). */
    private static final Map<String, List<String>> SETS = sets();
    /** The named regexes rules share ({@code fragment: $wallet_stores}). */
    private static final Map<String, Pattern> PATTERNS = patterns();

    private static JsonNode ruleSets() {
        try (InputStream in = QueryRuleLoader.class.getClassLoader().getResourceAsStream("dev/chainhunt/rule-sets.yaml")) {
            if (in == null) {
                throw new IllegalStateException("dev/chainhunt/rule-sets.yaml is missing from the class path");
            }
            return YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read dev/chainhunt/rule-sets.yaml: " + e.getMessage(), e);
        }
    }

    private static Map<String, Pattern> patterns() {
        Map<String, Pattern> patterns = new java.util.LinkedHashMap<>();
        RULE_SETS.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                java.util.regex.Matcher m = INCLUDE.matcher(e.getValue().asText());
                StringBuilder regex = new StringBuilder();
                while (m.find()) {
                    Pattern earlier = patterns.get(m.group(1));
                    if (earlier == null) {
                        throw new IllegalStateException("rule-sets.yaml: " + e.getKey() + " uses ${" + m.group(1) + "} before it is defined");
                    }
                    m.appendReplacement(regex, java.util.regex.Matcher.quoteReplacement("(?:" + earlier.pattern() + ")"));
                }
                m.appendTail(regex);
                try {
                    patterns.put(e.getKey(), Pattern.compile(regex.toString()));
                } catch (PatternSyntaxException x) {
                    throw new IllegalStateException("rule-sets.yaml: " + e.getKey() + ": bad regex: " + x.getDescription());
                }
            }
        });
        return java.util.Collections.unmodifiableMap(patterns);
    }

    private static Map<String, List<String>> sets() {
        Map<String, List<String>> sets = new java.util.LinkedHashMap<>();
        RULE_SETS.fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                return; // a named regex
            }
            List<String> globs = new ArrayList<>();
            for (JsonNode x : e.getValue()) {
                String item = x.asText();
                List<String> earlier = item.startsWith("$") ? sets.get(item.substring(1)) : null;
                if (item.startsWith("$") && earlier == null) {
                    throw new IllegalStateException("rule-sets.yaml: " + e.getKey() + " uses " + item + " before it is defined");
                }
                if (earlier != null) {
                    globs.addAll(earlier); // a set may include one defined above it
                } else {
                    globs.add(item);
                }
            }
            sets.put(e.getKey(), List.copyOf(globs));
        });
        return java.util.Collections.unmodifiableMap(sets);
    }
}
