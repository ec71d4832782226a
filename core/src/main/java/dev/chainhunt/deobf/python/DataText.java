package dev.chainhunt.deobf.python;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chainhunt.deobf.Value;
import org.yaml.snakeyaml.LoaderOptions;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What {@code json.loads} and {@code yaml.safe_load} make of a known text (a config file the
 * package ships): dicts, lists, strings and numbers, so that a hook kept in a config value and
 * exec'd by the loader is code the analysis sees. The text is parsed as a tree only (no tags, no
 * objects built, YAML aliases left as their names), within limits on its size, depth and the values it yields.
 */
final class DataText {

    /** Characters of text parsed at the most; a larger text stays unknown. */
    static final int MAX_TEXT = 1 << 20;
    /** Values built from one text at the most, and how deep they nest. */
    private static final int MAX_VALUES = 20_000;
    private static final int MAX_DEPTH = 64;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_TEXT).maxNumberLength(1000).build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(LIMITS).build());
    private static final ObjectMapper YAML;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(50);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_TEXT);
        options.setAllowDuplicateKeys(true);
        YAML = new ObjectMapper(YAMLFactory.builder().loaderOptions(options).streamReadConstraints(LIMITS).build());
    }

    private final List<String> chain;
    private int values;

    private DataText(List<String> chain) {
        this.chain = chain;
    }

    /**
     * The value {@code text} parses to as JSON (or YAML), or null when it is not one or is too large;
     * its strings keep the decode chain of the text.
     */
    static Value parse(String text, boolean yaml, List<String> chain) {
        if (text == null || text.length() > MAX_TEXT) {
            return null;
        }
        try {
            JsonNode root = (yaml ? YAML : JSON).readTree(text);
            return root == null || root.isMissingNode() ? null : new DataText(chain).value(root, 0);
        } catch (Exception | StackOverflowError e) {
            return null; // malformed, or beyond a limit: unknown, as a loader error would leave it
        }
    }

    private Value value(JsonNode node, int depth) {
        if (++values > MAX_VALUES || depth > MAX_DEPTH) {
            return Value.Opaque.UNKNOWN;
        }
        if (node.isObject()) {
            List<Value> keys = new ArrayList<>();
            List<Value> items = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                keys.add(Value.Str.of(e.getKey()));
                items.add(value(e.getValue(), depth + 1));
            }
            return new Value.Dict(keys, items);
        }
        if (node.isArray()) {
            List<Value> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(value(item, depth + 1));
            }
            return new Value.Seq(Value.Seq.Kind.LIST, items);
        }
        if (node.isTextual()) {
            return new Value.Str(node.textValue(), chain, -1);
        }
        if (node.isBoolean()) {
            return new Value.Bool(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            BigInteger i = node.bigIntegerValue();
            return new Value.Int(i);
        }
        if (node.isNumber()) {
            return new Value.Float(node.doubleValue());
        }
        if (node.isNull()) {
            return Value.None.INSTANCE;
        }
        return Value.Opaque.UNKNOWN;
    }
}
