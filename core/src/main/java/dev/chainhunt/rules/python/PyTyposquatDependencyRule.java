package dev.chainhunt.rules.python;

import dev.chainhunt.archive.TextEntry;
import dev.chainhunt.model.AttackStage;
import dev.chainhunt.model.Confidence;
import dev.chainhunt.model.Severity;
import dev.chainhunt.model.Trigger;
import dev.chainhunt.rules.RuleMetadata;
import dev.chainhunt.rules.TargetContext;
import dev.chainhunt.rules.TargetRule;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dependency whose vendor name is a misspelling of the vendor that more of the package's names
 * (its own and its other dependencies') carry: {@code alibabacloud-vpc} requiring
 * {@code aliababcloud-tea-openapi} next to three {@code alibabacloud-*} packages. The package
 * looks and works like the real SDK; installing it installs the squatter, whose code runs then.
 * Only the typing slips that squatters register count: two letters swapped, one letter dropped
 * or doubled. A letter replaced is how unrelated real projects differ ({@code charset-normalizer}
 * and {@code chardet}), and a name that extends another ({@code pycryptodomex}) is a family.
 */
public final class PyTyposquatDependencyRule implements TargetRule {

    static final RuleMetadata METADATA = new RuleMetadata(
            "py-typosquat-dependency",
            "A dependency's name misspells the vendor the package is named after",
            "The package declares a dependency whose leading name is a typing slip (two letters swapped, "
                    + "one dropped or doubled) of the vendor name that more of the package's names (its own and its "
                    + "dependencies') carry. A trojaned copy of a real SDK keeps the real code and adds one "
                    + "squatted dependency, so installing it installs the attacker's package, which runs on "
                    + "install or import. Real families extend a name (pycryptodome, pycryptodomex) or are "
                    + "unrelated names that differ by a letter (chardet, charset-normalizer); neither counts.",
            Severity.HIGH,
            Confidence.HIGH,
            AttackStage.DOWNLOAD,
            List.of("T1195.001"),
            "alibabacloud-vpc requires alibabacloud-tea-util and aliababcloud-tea-openapi");

    /** The shortest vendor name compared: short names differ by a letter all the time. */
    private static final int MIN_NAME = 6;
    private static final Pattern REQUIRES_DIST = Pattern.compile("^Requires-Dist:\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern REQUIREMENT = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern QUOTED_REQUIREMENT = Pattern.compile("[\"']\\s*([A-Za-z0-9][A-Za-z0-9._-]*)");
    private static final Pattern PYPROJECT_ARRAY = Pattern.compile("(dependencies|requires)\\s*=\\s*\\[.*");
    private static final Pattern SETUP_REQUIRES = Pattern.compile("install_requires\\s*=\\s*\\[([^\\]]{0,4000})\\]");

    @Override
    public RuleMetadata metadata() {
        return METADATA;
    }

    /** A declared dependency, where it is declared. */
    private record Requirement(String name, String file, int line) {
    }

    @Override
    public void check(TargetContext context) {
        List<Requirement> requirements = new ArrayList<>();
        for (TextEntry e : context.contents().texts()) {
            requirements(e, requirements);
        }
        // Each dependency once, where it is first declared (metadata repeats setup.py's list).
        Map<String, Requirement> distinct = new java.util.LinkedHashMap<>();
        requirements.forEach(r -> distinct.putIfAbsent(normalise(r.name()), r));
        // How many names (the package's own and its dependencies') carry each vendor name.
        Map<String, Integer> carriers = new HashMap<>();
        String own = vendor(context.packageInfo().name());
        if (own != null) {
            carriers.merge(own, 1, Integer::sum);
        }
        for (Requirement r : distinct.values()) {
            String v = vendor(r.name());
            if (v != null) {
                carriers.merge(v, 1, Integer::sum);
            }
        }
        for (Requirement r : distinct.values()) {
            String v = vendor(r.name());
            if (v == null || v.length() < MIN_NAME) {
                continue;
            }
            for (Map.Entry<String, Integer> anchor : carriers.entrySet()) {
                String a = anchor.getKey();
                // The name more of the package's names carry is the real one: a typosquat that
                // depends on what it imitates (virtualnv on virtualenv) is one against one.
                boolean authoritative = anchor.getValue() > carriers.getOrDefault(v, 0);
                if (authoritative && a.length() >= MIN_NAME && slip(v, a)) {
                    context.at(this, r.file(), r.line())
                            .trigger(Trigger.INSTALL)
                            .snippet(r.name())
                            .evidence(r.name() + " misspells " + a + (a.equals(own) ? " (the package's own name)" : ""))
                            .report("dependency " + r.name() + " looks like a misspelling of " + a);
                    break;
                }
            }
        }
    }

    /** The requirements a metadata file of the package declares (not those of nested archives or tests). */
    private static void requirements(TextEntry e, List<Requirement> out) {
        String path = e.path();
        if (path.contains("!/")) {
            return;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        String parent = slash < 0 ? "" : path.substring(0, slash);
        int depth = path.split("/").length;
        boolean requiresTxt = name.equals("requires.txt") && parent.endsWith(".egg-info");
        boolean metadata = (name.equals("PKG-INFO") || name.equals("METADATA")) && depth <= 3;
        boolean pyproject = name.equals("pyproject.toml") && depth <= 2;
        boolean setupPy = name.equals("setup.py") && depth <= 2;
        if (!requiresTxt && !metadata && !pyproject && !setupPy) {
            return;
        }
        String text = new String(e.bytes(), StandardCharsets.UTF_8);
        if (setupPy) {
            // install_requires=[...] written as a literal list (a source tree without metadata).
            Matcher list = SETUP_REQUIRES.matcher(text);
            while (list.find()) {
                int line = 1 + (int) text.substring(0, list.start(1)).chars().filter(c -> c == '\n').count();
                String[] items = list.group(1).split("\n", -1);
                for (int k = 0; k < items.length; k++) {
                    addQuoted(items[k], e.path(), line + k, out);
                }
            }
            return;
        }
        String[] lines = text.split("\r?\n", -1);
        boolean inDependencies = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = null;
            if (metadata) {
                m = REQUIRES_DIST.matcher(line);
            } else if (requiresTxt) {
                m = line.startsWith("[") ? null : REQUIREMENT.matcher(line);
            } else {
                // pyproject.toml: the items of a `dependencies = [ ... ]` array, one or more a line.
                String t = line.strip();
                if (PYPROJECT_ARRAY.matcher(t).matches()) {
                    inDependencies = !t.contains("]");
                    addQuoted(t.substring(t.indexOf('[')), e.path(), i + 1, out);
                } else if (inDependencies) {
                    inDependencies = !t.contains("]");
                    addQuoted(t, e.path(), i + 1, out);
                }
                continue;
            }
            if (m != null && m.find()) {
                out.add(new Requirement(m.group(1), e.path(), i + 1));
            }
        }
    }

    private static void addQuoted(String text, String file, int line, List<Requirement> out) {
        Matcher q = QUOTED_REQUIREMENT.matcher(text.replaceAll("#.*$", ""));
        while (q.find()) {
            out.add(new Requirement(q.group(1), file, line));
        }
    }

    private static String normalise(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The leading part of a project name, letters only: {@code alibabacloud} of {@code alibabacloud_vpc20180317}. */
    static String vendor(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String[] parts = normalise(name).split("-");
        String first = parts.length == 0 ? "" : parts[0].replaceAll("[^a-z]", "");
        return first.isEmpty() ? null : first;
    }

    /**
     * Whether {@code typed} is a squatter's slip of {@code real}: the same letters with one or two
     * neighbouring pairs swapped, or one letter dropped or doubled inside the name (not at its end,
     * where names extend each other).
     */
    static boolean slip(String typed, String real) {
        if (typed.equals(real) || typed.startsWith(real) || real.startsWith(typed)) {
            return false;
        }
        if (typed.length() == real.length()) {
            char[] a = typed.toCharArray();
            char[] b = real.toCharArray();
            Arrays.sort(a);
            Arrays.sort(b);
            return Arrays.equals(a, b) && swaps(typed, real) <= 2;
        }
        String longer = typed.length() > real.length() ? typed : real;
        String shorter = longer == typed ? real : typed;
        if (longer.length() != shorter.length() + 1) {
            return false;
        }
        for (int i = 0; i < shorter.length(); i++) {
            if (longer.charAt(i) != shorter.charAt(i)) {
                return i > 0 && longer.substring(i + 1).equals(shorter.substring(i));
            }
        }
        return false; // only the last letter differs: an extension
    }

    /** Neighbouring swaps that turn {@code a} into {@code b} (same length), or a large number when swaps do not. */
    private static int swaps(String a, String b) {
        int n = 0;
        for (int i = 0; i < a.length(); i++) {
            if (a.charAt(i) == b.charAt(i)) {
                continue;
            }
            if (i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)) {
                n++;
                i++;
            } else {
                return Integer.MAX_VALUE;
            }
        }
        return n;
    }
}
