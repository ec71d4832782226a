package dev.chainhunt.rules.query;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Canonical-name patterns. {@code *} stands for any run of characters within one object (dots
 * included, call parentheses not): {@code subprocess.*} matches {@code subprocess.Popen} but not
 * {@code subprocess.run().stdout.decode}. {@code **} crosses calls too: {@code requests.**}
 * matches {@code requests.get} and {@code requests.Session().post}, {@code **.recv} matches
 * {@code socket.socket().recv}.
 */
public record Glob(List<String> patterns, Pattern regex, java.util.Map<String, Boolean> cache, java.util.Set<String> anchors) {

    /** Canonical names repeat across files; answers are remembered up to this many names. */
    static final int CACHE_SIZE = 50_000;

    public static Glob of(List<String> patterns) {
        StringBuilder sb = new StringBuilder();
        for (String p : patterns) {
            if (sb.length() > 0) {
                sb.append('|');
            }
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
            sb.append(one);
        }
        java.util.Set<String> anchors = new java.util.HashSet<>();
        for (String p : patterns) {
            String a = patternAnchor(p);
            if (a == null) {
                anchors = null;
                break;
            }
            anchors.add(a);
        }
        return new Glob(List.copyOf(patterns), Pattern.compile(sb.toString()), new java.util.concurrent.ConcurrentHashMap<>(),
                anchors == null ? null : java.util.Set.copyOf(anchors));
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
     * The first names of the names this glob can match, or null when it may match any: a caller
     * holding names grouped by {@link #anchor} need only try these groups.
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
