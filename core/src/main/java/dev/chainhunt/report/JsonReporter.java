package dev.chainhunt.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.chainhunt.ScanResult;
import dev.chainhunt.Version;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/** One JSON document: the tool, a summary of verdicts, and every target's result. */
final class JsonReporter implements Reporter {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);

    private final List<JsonTarget> results = new ArrayList<>();
    private final Summary summary = new Summary();

    /** The document's top level. */
    record Document(Tool tool, Summary summary, List<JsonTarget> results) {
    }

    record Tool(String name, String version) {
    }

    @Override
    public String id() {
        return "json";
    }

    @Override
    public void add(ScanResult result, Writer out) {
        results.add(JsonTarget.of(result));
        summary.add(result);
    }

    @Override
    public void finish(Writer out) throws IOException {
        Document doc = new Document(new Tool("chainhunt", Version.get()), summary, results);
        MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT).writeValue(out, doc);
        out.write('\n');
    }
}
