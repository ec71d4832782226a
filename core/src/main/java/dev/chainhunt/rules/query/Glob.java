package dev.chainhunt.rules.query;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Canonical-name patterns. {@code *} stands for any run of characters within one object (dots
 * included, call parentheses not): {@code subprocess.*} matches {@code subprocess.Popen} but not
 * {@code subprocess.run().stdout.decode}. {@code **} crosses calls too: {@code requests.**}
 * matches {@code requests.get} and {@code requests.Session().post}, {@code **.recv} matches
 * {@code socket.socket().recv}. A pattern starting with {@code !} is an exception: names it
 * matches are not matched ({@code !**.headers.**} beside {@code requests.**}).
 */
public record Glob(List<String> patterns, Pattern regex, java.util.Map<String, Boolean> cache, java.util.Set<String> anchors,
                   java.util.Set<String> lastNames) {

    /** Canonical names repeat across files; answers are remembered up to this many names. */
    static final int CACHE_SIZE = 50_000;

    public static Glob of(List<String> patterns) {
        StringBuilder positive = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        for (String p : patterns) {
            StringBuilder sb = p.startsWith("!") ? negative : positive;
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(regex(p.startsWith("!") ? p.substring(1) : p));
        }
        String regex = negative.length() == 0 ? positive.toString() : "(?!(?:" + negative + ")$)(?:" + positive + ")";
        // Each pattern is found by its first name or, failing that, by its last ({@code **.recv}).
        java.util.Set<String> anchors = new java.util.HashSet<>();
        java.util.Set<String> lastNames = new java.util.HashSet<>();
        for (String p : patterns) {
            if (p.startsWith("!")) {
                continue; // an exception narrows what the others match
            }
            String a = patternAnchor(p);
            String last = a == null ? patternLastName(p) : null;
            if (a == null && last == null) {
                anchors = null;
                lastNames = null;
                break;
            }
            if (a != null) {
                anchors.add(a);
            } else {
                lastNames.add(last);
            }
        }
        return new Glob(List.copyOf(patterns), Pattern.compile(regex), new java.util.concurrent.ConcurrentHashMap<>(),
                anchors == null ? null : java.util.Set.copyOf(anchors), lastNames == null ? null : java.util.Set.copyOf(lastNames));
    }

    /** One pattern as a regular expression. */
    private static String regex(String p) {
        StringBuilder one = new StringBuilder();
        int i = 0;
        while (i < p.length()) {
            if (p.startsWith("**", i)) {
                one.append(".*");
                i += 2;
            } else if (p.charAt(i) == '*') {
                one.append("[^(]*");
                i++;
            } else {
                int next = p.indexOf('*', i);
                int end = next < 0 ? p.length() : next;
                one.append(Pattern.quote(p.substring(i, end)));
                i = end;
            }
        }
        return one.toString();
    }

    /** A canonical name's last name: {@code recv} of {@code socket.socket().recv}. */
    public static String lastName(String name) {
        return name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf(')')) + 1);
    }

    /**
     * The last name every name a pattern matches has, or null: the literal tail after the last
     * wildcard, when it holds a dot or a call before that name ({@code **.recv}, {@code **Bucket().upload_file}).
     */
    static String patternLastName(String pattern) {
        String tail = pattern.substring(pattern.lastIndexOf('*') + 1);
        int split = Math.max(tail.lastIndexOf('.'), tail.lastIndexOf(')'));
        return split < 0 || split == tail.length() - 1 ? null : tail.substring(split + 1);
    }

    /** A canonical name's first name: {@code requests} of {@code requests.Session().post}. */
    public static String anchor(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '(') {
                return name.substring(0, i);
            }
        }
        return name;
    }

    /** The first name every name a pattern matches has, or null when a wildcard reaches into it ({@code **.recv}, {@code exec*}). */
    static String patternAnchor(String pattern) {
        int star = pattern.indexOf('*');
        String literal = star < 0 ? pattern : pattern.substring(0, star);
        String first = anchor(literal);
        return first.length() < literal.length() || star < 0 ? first : null;
    }

    /**
     * The first names of the names this glob's anchored patterns can match, or null when a pattern
     * has neither a first nor a last name: a caller holding names grouped by {@link #anchor} and by
     * {@link #lastName} need only try these groups and those of {@link #lastNames}.
     */
    @Override
    public java.util.Set<String> anchors() {
        return anchors;
    }

    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        Boolean known = cache.get(name);
        if (known != null) {
            return known;
        }
        boolean result = regex.matcher(name).matches();
        if (cache.size() < CACHE_SIZE) {
            cache.put(name, result);
        }
        return result;
    }

    /** Whether any of {@code names} matches. */
    public boolean matchesAny(Iterable<String> names) {
        for (String n : names) {
            if (matches(n)) {
                return true;
            }
        }
        return false;
    }
}
