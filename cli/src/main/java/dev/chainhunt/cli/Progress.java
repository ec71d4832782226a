package dev.chainhunt.cli;

import dev.chainhunt.ScanResult;
import dev.chainhunt.report.Summary;

import java.io.PrintWriter;

/** A one-line progress display on standard error for long batch runs. */
final class Progress {

    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final boolean enabled;
    private final int total;
    private final long start = System.nanoTime();
    private final Summary running = new Summary();
    private long lastDraw;

    Progress(PrintWriter err, boolean enabled, int total) {
        this.err = err;
        this.enabled = enabled;
        this.total = total;
    }

    void update(ScanResult result) {
        running.add(result);
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw >= INTERVAL_NANOS || running.getTargets() == total) {
            lastDraw = now;
            err.print(String.format("\r\u001b[K%d/%d scanned · %d malicious · %d suspicious · %d errors · %.0f targets/s",
                    running.getTargets(), total, running.getMalicious(), running.getSuspicious(), running.getErrors(),
                    running.getTargets() / seconds(now)));
            err.flush();
        }
    }

    void finish(Summary summary) {
        if (!enabled) {
            return;
        }
        err.println(String.format("\r\u001b[K%s in %.1f s", summary, seconds(System.nanoTime())));
        err.flush();
    }

    private double seconds(long now) {
        return Math.max(1e-9, (now - start) / 1e9);
    }
}
