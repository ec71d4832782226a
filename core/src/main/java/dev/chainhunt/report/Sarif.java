package dev.chainhunt.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The subset of SARIF 2.1.0 chainhunt writes, as typed records. Field names are the standard's;
 * every result has a physical location with {@code startLine ≥ 1}, as GitHub code scanning requires.
 */
final class Sarif {

    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

    private Sarif() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Log(@JsonProperty("$schema") String schema, String version, List<Run> runs) {
    }

    record Run(Tool tool, List<Invocation> invocations, List<Result> results) {
    }

    record Tool(Driver driver) {
    }

    record Driver(String name, String version, String semanticVersion, String informationUri,
                  List<ReportingDescriptor> rules) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ReportingDescriptor(String id, String name, Text shortDescription, Text fullDescription, Text help,
                               Configuration defaultConfiguration, Map<String, Object> properties) {
    }

    record Configuration(String level) {
    }

    record Text(String text) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Invocation(boolean executionSuccessful, List<Notification> toolExecutionNotifications) {
    }

    record Notification(String level, Text message, List<Location> locations) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Result(String ruleId, int ruleIndex, String level, Text message, List<Location> locations,
                  Map<String, String> partialFingerprints, Map<String, Object> properties) {
    }

    record Location(PhysicalLocation physicalLocation) {
    }

    record PhysicalLocation(ArtifactLocation artifactLocation, Region region) {
    }

    record ArtifactLocation(String uri) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Region(int startLine, int startColumn, Text snippet) {
    }
}
