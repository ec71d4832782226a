package dev.chainhunt.indicators;

import dev.chainhunt.lang.SourceText;
import dev.chainhunt.model.Ioc;
import dev.chainhunt.model.IocKind;
import dev.chainhunt.model.Location;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the indicators a defender needs in text: URLs, the domains and IP addresses they name,
 * and IP addresses written as string literals or with a port. Loopback, private and unspecified
 * addresses are left out: they identify no attacker.
 */
public final class IndicatorExtractor {

    private static final java.util.Set<String> SCHEMES = java.util.Set.of("http", "https", "ftp", "ftps", "ws", "wss");
    /** Characters that end a URL in code and prose (quotes, brackets, pipes…). */
    private static final String URL_CHARS = "'\"`<>()[]{}\\|^";
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])((?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?:\\.(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3})(?![\\w.])");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    private IndicatorExtractor() {
    }

    /** Every indicator in {@code text}, in order of appearance, reported at {@code file}'s lines. */
    public static List<Ioc> extract(String file, SourceText text, List<String> decodeChain, Location origin) {
        List<Ioc> out = new ArrayList<>();
        String s = text.text();
        boolean quads = hasDottedQuad(s);
        if (s.indexOf("://") < 0 && !quads) {
            return out;
        }
        Sink add = (kind, value, offset) -> out.add(new Ioc(kind, value,
                origin != null ? origin : new Location(file, text.lineOf(offset), text.columnOf(offset)), decodeChain));
        for (int sep = s.indexOf("://"); sep >= 0; sep = s.indexOf("://", sep + 3)) {
            int start = sep;
            while (start > 0 && Character.isLetter(s.charAt(start - 1)) && sep - start < 5) {
                start--;
            }
            if (start > 0 && Character.isLetterOrDigit(s.charAt(start - 1))) {
                continue;
            }
            String scheme = s.substring(start, sep).toLowerCase(java.util.Locale.ROOT);
            if (!SCHEMES.contains(scheme)) {
                continue;
            }
            int end = sep + 3;
            while (end < s.length() && URL_CHARS.indexOf(s.charAt(end)) < 0 && !Character.isWhitespace(s.charAt(end))) {
                end++;
            }
            String value = trimUrl(s.substring(start, end));
            String host = host(value);
            if (host == null) {
                continue;
            }
            add.accept(IocKind.URL, value, start);
            if (IPV4.matcher(host).matches()) {
                if (isPublic(host)) {
                    add.accept(IocKind.IP, host, start);
                }
            } else {
                add.accept(IocKind.DOMAIN, host, start);
            }
        }
        Matcher ip = IPV4.matcher(quads ? s : "");
        while (ip.find()) {
            int start = ip.start(1);
            int end = ip.end(1);
            boolean quoted = start > 0 && end < s.length() && isQuote(s.charAt(start - 1)) && isQuote(s.charAt(end));
            boolean withPort = end + 1 < s.length() && s.charAt(end) == ':' && Character.isDigit(s.charAt(end + 1));
            boolean inUrl = start >= 3 && s.startsWith("://", start - 3);
            if ((quoted || withPort) && !inUrl && isPublic(ip.group(1))) {
                add.accept(IocKind.IP, ip.group(1), start);
            }
        }
        return out;
    }

    private interface Sink {
        void accept(IocKind kind, String value, int offset);
    }

    private static boolean hasDottedQuad(String s) {
        int dots = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (++dots == 3) {
                    return true;
                }
            } else if (c < '0' || c > '9') {
                dots = 0;
            }
        }
        return false;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    static String trimUrl(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?*'\"".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }

    /** The lower-case host of a URL, or null when it has none worth reporting. */
    static String host(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        authority = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = authority.indexOf(':');
        String host = (colon >= 0 ? authority.substring(0, colon) : authority).toLowerCase(Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (host.equals("localhost") || !HOST.matcher(host).matches()) {
            return null;
        }
        if (IPV4.matcher(host).matches()) {
            return isPublic(host) || host.startsWith("169.254.") ? host : null;
        }
        return host;
    }

    /** False for unspecified, loopback, private, carrier-grade NAT, multicast and broadcast addresses. */
    static boolean isPublic(String ip) {
        String[] parts = ip.split("\\.");
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        if (a == 169 && b == 254) {
            // Link-local, but 169.254.169.254 is the cloud metadata service credential thieves ask.
            return ip.equals("169.254.169.254");
        }
        return !(a == 0 || a == 10 || a == 127 || a >= 224 || (a == 172 && b >= 16 && b <= 31)
                || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127));
    }
}
