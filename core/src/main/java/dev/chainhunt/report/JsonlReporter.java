package dev.chainhunt.report;

import dev.chainhunt.ScanResult;

import java.io.IOException;
import java.io.Writer;

/** One JSON object per target per line, written (and flushed) as soon as the target is done. */
final class JsonlReporter implements Reporter {

    @Override
    public String id() {
        return "jsonl";
    }

    @Override
    public void add(ScanResult result, Writer out) throws IOException {
        out.write(JsonReporter.MAPPER.writeValueAsString(JsonTarget.of(result)));
        out.write('\n');
        out.flush();
    }

    @Override
    public void finish(Writer out) throws IOException {
        out.flush();
    }
}
