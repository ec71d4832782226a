package dev.chainhunt;

import dev.chainhunt.model.FileError;
import dev.chainhunt.model.Finding;
import dev.chainhunt.model.Ioc;
import dev.chainhunt.model.PackageInfo;
import dev.chainhunt.model.TargetKind;
import dev.chainhunt.model.Verdict;

import java.util.List;

/**
 * The outcome of scanning one target.
 *
 * @param target     the target's name as given
 * @param kind       archive, file or directory (null when the target could not be read)
 * @param pkg        ecosystem, name and version
 * @param sha256     hex SHA-256 of the artifact (null for directories and unreadable targets)
 * @param bytes      the artifact's size
 * @param score      risk from 0 to 10
 * @param verdict    clean, suspicious, malicious, or error when nothing could be read
 * @param reasons    the findings that drove the score, strongest first, for people
 * @param chain      the attack chain the findings form, one step a line
 * @param findings   every finding, in file order
 * @param indicators URLs, domains and IPs seen, first occurrence each
 * @param fileErrors files that could not be read while the rest was
 * @param error      why the target could not be read (fully), or null
 * @param partial    whether some of the target was not scanned (an error or a limit)
 * @param files      how many text files were scanned
 * @param suppressed how many findings the user's baseline dropped
 */
public record ScanResult(
        String target,
        TargetKind kind,
        PackageInfo pkg,
        String sha256,
        long bytes,
        double score,
        Verdict verdict,
        List<String> reasons,
        List<String> chain,
        List<Finding> findings,
        List<Ioc> indicators,
        List<FileError> fileErrors,
        String error,
        boolean partial,
        int files,
        int suppressed) {

    public ScanResult {
        reasons = List.copyOf(reasons);
        chain = List.copyOf(chain);
        findings = List.copyOf(findings);
        indicators = List.copyOf(indicators);
        fileErrors = List.copyOf(fileErrors);
    }

    /** A target that could not be read at all. */
    public static ScanResult failed(String target, String sha256, long bytes, String error) {
        return new ScanResult(target, null, PackageInfo.UNKNOWN, sha256, bytes, 0.0, Verdict.ERROR, List.of(), List.of(),
                List.of(), List.of(), List.of(), error, true, 0, 0);
    }
}
