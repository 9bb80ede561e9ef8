package io.livepeerpool.platform.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How secrets are hidden wherever configuration or an endpoint address is shown (logs, error texts, /status).
 *
 * <p>The rule, for a value that is a URL ({@code scheme://...}, JDBC URLs included):
 * <ul>
 *   <li>a <b>secret</b> URL (e.g. {@code chain.rpcUrl}, where providers put the API key in the path or the host's
 *       user part) keeps only scheme, host and port: {@code https://arb-mainnet.example.com/****};</li>
 *   <li>any other URL keeps scheme, host, port and path, but loses the user info ({@code ****@}), every query value
 *       ({@code ?apikey=****}), the fragment, and each path segment that looks like a key (16 or more of
 *       {@code [A-Za-z0-9_-]} with both a letter and a digit, as Alchemy, Infura or QuickNode tokens are).</li>
 * </ul>
 * A secret that is not a URL is {@code ****}; an empty one {@code (unset)}. Text that does not parse as a URL is
 * treated as a secret whole, never shown half-parsed.
 */
public final class SecretMask {
    public static final String MASK = "****";
    private static final Pattern KEY_LIKE = Pattern.compile("(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9_-]{16,}");

    private SecretMask() {
    }

    /** The value of a secret key as it may be shown. */
    public static String secret(Object value) {
        if (value == null || value.toString().isEmpty()) {
            return "(unset)";
        }
        String text = value.toString();
        return isUrl(text) ? origin(text) : MASK;
    }

    /** A non-secret value as it may be shown: URLs lose user info, query values and key-like path segments. */
    public static String plain(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        return isUrl(text) ? url(text) : text;
    }

    /** Scheme, host and port of a URL, the rest masked: {@code https://host:8545/****}. */
    public static String origin(String url) {
        Parts p = Parts.of(url);
        if (p == null) {
            return MASK;
        }
        boolean hidden = p.uri.getRawUserInfo() != null || hasMore(p.uri);
        return p.prefix + p.uri.getScheme() + "://" + (p.uri.getRawUserInfo() != null ? MASK + "@" : "")
                + hostPort(p.uri) + (hidden && hasMore(p.uri) ? "/" + MASK : "");
    }

    /** A URL with user info, query values, fragment and key-like path segments masked. */
    public static String url(String url) {
        Parts p = Parts.of(url);
        if (p == null) {
            return MASK;
        }
        URI u = p.uri;
        StringBuilder out = new StringBuilder(p.prefix).append(u.getScheme()).append("://");
        if (u.getRawUserInfo() != null) {
            out.append(MASK).append('@');
        }
        out.append(hostPort(u));
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            out.append('/').append(KEY_LIKE.matcher(segments[i]).matches() ? MASK : segments[i]);
        }
        if (u.getRawQuery() != null) {
            out.append('?');
            String[] pairs = u.getRawQuery().split("&", -1);
            for (int i = 0; i < pairs.length; i++) {
                int eq = pairs[i].indexOf('=');
                out.append(i == 0 ? "" : "&").append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq + 1) + MASK);
            }
        }
        if (u.getRawFragment() != null) {
            out.append('#').append(MASK);
        }
        return out.toString();
    }

    /** Replaces every occurrence of {@code url} in {@code text} by its {@link #origin}: for library messages. */
    public static String scrub(String text, String url) {
        if (text == null || url == null || url.isEmpty()) {
            return text;
        }
        return text.replace(url, origin(url));
    }

    static boolean isUrl(String text) {
        int at = text.indexOf("://");
        return at > 0 && text.substring(0, at).toLowerCase(Locale.ROOT).matches("[a-z][a-z0-9+.:-]*");
    }

    private static boolean hasMore(URI u) {
        String path = u.getRawPath();
        return (path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null || u.getRawFragment() != null;
    }

    private static String hostPort(URI u) {
        String host = u.getHost() == null ? "" : u.getHost();
        return u.getPort() < 0 ? host : host + ":" + u.getPort();
    }

    /** {@code jdbc:postgresql://...}: the {@code jdbc:} prefix kept aside so the rest parses as a URI. */
    private record Parts(String prefix, URI uri) {
        static Parts of(String text) {
            String prefix = "";
            String rest = text.trim();
            if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
                prefix = rest.substring(0, 5);
                rest = rest.substring(5);
            }
            try {
                URI uri = new URI(rest);
                return uri.getScheme() == null || uri.getHost() == null ? null : new Parts(prefix, uri);
            } catch (URISyntaxException e) {
                return null;
            }
        }
    }
}
