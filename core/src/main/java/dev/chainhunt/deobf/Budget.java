package dev.chainhunt.deobf;

/**
 * Bounds on the partial evaluation of one file, so a decompression bomb, an exponential
 * expression or an endless loop stops cleanly: evaluation steps, bytes of any one value, and
 * evaluation depth. Exceeding one throws {@link Exceeded}, which ends the evaluation of the file
 * with what was found so far.
 */
public final class Budget {

    /** Defaults sized so that real obfuscated files (dozens of layers) finish and bombs do not. */
    public static final int DEFAULT_STEPS = 2_000_000;
    public static final int DEFAULT_VALUE_BYTES = 16 << 20;
    public static final int DEFAULT_DEPTH = 300;
    static final int BASE_STEPS = 50_000;
    static final int STEPS_PER_CHAR = 10;

    private int maxSteps;
    private boolean extended;
    private final int maxValueBytes;
    private final int maxDepth;
    private int steps;
    private int depth;
    private long allocated;
    /** About 64 MB of references or 256 MB of text over one file's evaluation. */
    static final long MAX_ALLOCATED = 16_000_000L;

    public Budget(int maxSteps, int maxValueBytes, int maxDepth) {
        this.maxSteps = maxSteps;
        this.maxValueBytes = maxValueBytes;
        this.maxDepth = maxDepth;
    }

    public static Budget defaults() {
        return new Budget(DEFAULT_STEPS, DEFAULT_VALUE_BYTES, DEFAULT_DEPTH);
    }

    /**
     * The budget for a file of {@code chars} characters: a base plus an allowance per character, so
     * ordinary modules stop early when they loop over unknowns and a long payload still decodes.
     */
    public static Budget forSource(int chars) {
        long steps = BASE_STEPS + (long) STEPS_PER_CHAR * chars;
        return new Budget((int) Math.min(DEFAULT_STEPS, steps), DEFAULT_VALUE_BYTES, DEFAULT_DEPTH);
    }

    public void step() {
        if (++steps > maxSteps) {
            throw new Exceeded("more than " + maxSteps + " evaluation steps");
        }
    }

    public void steps(int n) {
        steps += n;
        if (steps > maxSteps) {
            throw new Exceeded("more than " + maxSteps + " evaluation steps");
        }
    }

    /** Whether a value of {@code size} bytes or characters may be built. */
    public boolean allows(long size) {
        return size <= maxValueBytes;
    }

    public int maxValueBytes() {
        return maxValueBytes;
    }

    public void enter() {
        if (++depth > maxDepth) {
            depth--;
            throw new Exceeded("evaluation nested more than " + maxDepth + " levels");
        }
    }

    public void leave() {
        depth--;
    }

    /**
     * Accounts for {@code units} of newly built value (sequence items, or characters / 64): values
     * are immutable, so code that keeps growing a list copies it every time, and total allocation,
     * not just steps, has to be bounded.
     */
    public void allocate(long units) {
        allocated += units;
        if (allocated > MAX_ALLOCATED) {
            throw new Exceeded("more than " + MAX_ALLOCATED + " units of values built");
        }
    }

    /**
     * Once, after running out: a second allowance of half the original steps, for the cheap
     * structural pass over what is left of a file.
     */
    public void extend() {
        if (!extended) {
            extended = true;
            maxSteps = steps + Math.max(10_000, maxSteps / 2);
            allocated = 0;
            depth = 0;
        }
    }

    public int stepsUsed() {
        return steps;
    }

    /** The budget ran out. Carries no stack trace. */
    public static final class Exceeded extends RuntimeException {
        public Exceeded(String message) {
            super(message, null, false, false);
        }
    }
}
