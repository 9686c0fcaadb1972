package org.eto4j.examples.webapp;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Which web origins may open the WebSocket and read the event stream across origins. A fixed set (the public base
 * URL's origin, {@code --allowed-origins}, or the page's loopback addresses), and, when nothing is configured, the
 * same-origin rule: an {@code Origin} equal to the scheme and {@code Host} the request itself came to is the page
 * this server served (so {@code --host 0.0.0.0} works from any address the machine is reached at). Origins are
 * compared normalised: lower-case scheme and host, default port left out. Immutable and thread-safe.
 */
final class Origins {
    private final Set<String> fixed;
    private final boolean sameOrigin;

    private Origins(Set<String> fixed, boolean sameOrigin) {
        this.fixed = Set.copyOf(fixed);
        this.sameOrigin = sameOrigin;
    }

    /**
     * The origins of a configuration: with a public base URL, its origin plus {@code --allowed-origins}; without
     * one, {@code --allowed-origins} when given, else the page's own origins (loopback names of the port, the
     * bound host) and the same-origin rule.
     */
    static Origins of(WebAppConfig config, int httpPort) {
        Set<String> fixed = new LinkedHashSet<>();
        for (String o : config.allowedOrigins()) {
            fixed.add(normalize(o));
        }
        if (!config.publicBaseUrl().isEmpty()) {
            fixed.add(normalize(config.publicBaseUrl()));
            return new Origins(fixed, false);
        }
        if (!fixed.isEmpty()) {
            return new Origins(fixed, false);
        }
        fixed.add("http://localhost:" + httpPort);
        fixed.add("http://127.0.0.1:" + httpPort);
        fixed.add("http://[::1]:" + httpPort);
        if (!config.host().equals("0.0.0.0") && !config.host().equals("::")) {
            String host = config.host().contains(":") ? '[' + config.host() + ']' : config.host();
            fixed.add(normalize("http://" + host + ':' + httpPort));
        }
        return new Origins(fixed, true);
    }

    /** The fixed origins (for transports that take a set). */
    Set<String> fixed() {
        return fixed;
    }

    /**
     * Whether a page of {@code origin} may connect.
     *
     * @param origin the request's {@code Origin} header (not null)
     * @param scheme the scheme the request came with ({@code http}, or the trusted proxy's)
     * @param host   the {@code Host} the request came to (or the trusted proxy's), null when unknown
     * @return true when the origin is in the fixed set, or same-origin where that rule applies
     */
    boolean allows(String origin, String scheme, String host) {
        String o = normalize(origin);
        if (o == null) {
            return false;
        }
        if (fixed.contains(o)) {
            return true;
        }
        return sameOrigin && host != null && o.equals(normalize(scheme + "://" + host));
    }

    /**
     * An origin as compared: {@code scheme://host[:port]}, lower case, without a default port; null when the
     * text is not an http(s) origin.
     */
    static String normalize(String origin) {
        URI u;
        try {
            u = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return null;
        }
        if (u.getScheme() == null || u.getHost() == null) {
            return null;
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return null;
        }
        int port = u.getPort();
        if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
            port = -1;
        }
        return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (port < 0 ? "" : ":" + port);
    }

    /** Refuses what is not an origin, naming the option. */
    static void requireOrigin(String option, String origin) {
        URI u = null;
        try {
            u = new URI(origin);
        } catch (URISyntaxException e) {
            // refused below
        }
        if (normalize(origin) == null || u == null || u.getRawPath() != null && !u.getRawPath().isEmpty()
                && !u.getRawPath().equals("/") || u.getRawQuery() != null) {
            throw new IllegalArgumentException(option + " must be origins such as https://eto.example.org "
                    + "(scheme, host and port only), was '" + origin + "'");
        }
    }
}
