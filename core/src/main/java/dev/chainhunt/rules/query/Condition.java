package dev.chainhunt.rules.query;

import java.util.List;
import java.util.regex.Pattern;

/** The match part of a declarative rule: conditions over a file's resolved model. */
public sealed interface Condition {

    /** Where code runs, as far as the rule cares. */
    enum Context {
        /** Any code. */
        ANY,
        /**
         * Runs on install: setup.py code pip runs (module level, the commands pip invokes, what
         * they call), .pth files, and the package modules such code imports.
         */
        INSTALL,
        /** Runs on import: a package's __init__.py at module level, what it calls and imports. */
        IMPORT,
        /** Runs on install or on import. */
        AUTORUN
    }

    /**
     * A call to one of {@code callees} (canonical-name globs) whose arguments satisfy every
     * condition in {@code args}, whose receiver satisfies {@code receiver}, in {@code context}.
     * With {@code indirect}, only calls whose callee is not written under its own name count
     * ({@code getattr(__builtins__, 'ex'+'ec')(…)}, {@code e = exec; e(…)}).
     */
    record Call(Glob callees, List<ValueCondition> args, ValueCondition receiver, Context context, boolean indirect)
            implements Condition {
    }

    /** Every condition holds, in the same file or, with {@code sameFunction}, in the same function. */
    record All(List<Condition> conditions, boolean sameFunction) implements Condition {
    }

    /** At least one condition holds. */
    record Any(List<Condition> conditions) implements Condition {
    }

    /** The condition does not hold anywhere in the file (a filter inside {@code all}). */
    record Not(Condition condition) implements Condition {
    }

    /** The file imports a module matching one of the globs (statically or dynamically). */
    record Import(Glob modules) implements Condition {
    }

    /**
     * A string literal or decoded value matches {@code regex}; with {@code decodedOnly}, only
     * values that came out of a decoding step count. When {@code keywords} are given (lower case),
     * the regex is only tried on texts that contain one of them: a cheap filter that keeps
     * regexes off the bulk of ordinary strings.
     */
    record Text(Pattern regex, boolean decodedOnly, List<String> keywords) implements Condition {
    }

    /**
     * The file itself: its path matches {@code path}, and/or it is a decoded stage, one whose
     * decode chain has the step {@code decodedBy} ({@code pickle}, {@code yaml}) if that is given.
     */
    record File(Glob path, Boolean decodedStage, String decodedBy, Context context) implements Condition {
    }
}
