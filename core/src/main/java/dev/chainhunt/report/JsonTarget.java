package dev.chainhunt.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.chainhunt.ScanResult;
import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Ioc;

import java.util.List;

/**
 * The JSON shape of one target's result: flat, stable field names, nulls left out. This is the
 * contract of the {@code json} and {@code jsonl} formats; see docs/OUTPUT.md.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record JsonTarget(
        String target,
        String kind,
        String ecosystem,
        String name,
        String version,
        String sha256,
        long bytes,
        double score,
        String verdict,
        List<String> reasons,
        List<String> chain,
        String error,
        boolean partial,
        int files,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) int suppressed,
        List<JsonFinding> findings,
        List<JsonIndicator> indicators,
        List<FileError> fileErrors) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record JsonFinding(
            String ruleId,
            String severity,
            String confidence,
            String stage,
            String trigger,
            String message,
            String file,
            int line,
            int column,
            String snippet,
            String evidence,
            List<String> decodeChain,
            List<String> attack,
            String fingerprint) {

        static JsonFinding of(Finding f) {
            return new JsonFinding(f.ruleId(), f.severity().id(), f.confidence().id(), f.stage().id(), f.trigger().id(), f.message(), f.location().file(),
                    f.location().line(), f.location().column(), f.snippet(), f.evidence(), f.decodeChain(), f.attack(),
                    f.fingerprint());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record JsonIndicator(String kind, String value, String file, int line, boolean decoded, List<String> decodeChain) {

        static JsonIndicator of(Ioc i) {
            return new JsonIndicator(i.kind().id(), i.value(), i.location().file(), i.location().line(), i.decoded(),
                    i.decodeChain());
        }
    }

    static JsonTarget of(ScanResult r) {
        return new JsonTarget(
                r.target(),
                r.kind() == null ? null : r.kind().id(),
                r.pkg().ecosystem().id(),
                r.pkg().name(),
                r.pkg().version(),
                r.sha256(),
                r.bytes(),
                r.score(),
                r.verdict().id(),
                r.reasons(),
                r.chain(),
                r.error(),
                r.partial(),
                r.files(),
                r.suppressed(),
                r.findings().stream().map(JsonFinding::of).toList(),
                r.indicators().stream().map(JsonIndicator::of).toList(),
                r.fileErrors());
    }
}
