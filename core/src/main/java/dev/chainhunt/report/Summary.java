package dev.chainhunt.report;

import dev.chainhunt.ScanResult;

/** Counts of targets by verdict. */
public final class Summary {

    private int targets;
    private int malicious;
    private int suspicious;
    private int clean;
    private int errors;

    public void add(ScanResult r) {
        targets++;
        switch (r.verdict()) {
            case MALICIOUS -> malicious++;
            case SUSPICIOUS -> suspicious++;
            case CLEAN -> clean++;
            case ERROR -> errors++;
        }
    }

    public int getTargets() {
        return targets;
    }

    public int getMalicious() {
        return malicious;
    }

    public int getSuspicious() {
        return suspicious;
    }

    public int getClean() {
        return clean;
    }

    public int getErrors() {
        return errors;
    }

    @Override
    public String toString() {
        return targets + (targets == 1 ? " target: " : " targets: ") + malicious + " malicious, " + suspicious
                + " suspicious, " + clean + " clean, " + errors + (errors == 1 ? " error" : " errors");
    }
}
