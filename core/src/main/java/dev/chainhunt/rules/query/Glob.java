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
public record Glob(List<String> patterns, Pattern regex, java.util.Map<String, Boolean> cache) {

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
        return new Glob(List.copyOf(patterns), Pattern.compile(sb.toString()), new java.util.concurrent.ConcurrentHashMap<>());
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
