package org.eto4j.examples.webapp;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which reverse proxies are believed, and what a request says about its client through them. {@code Forwarded}
 * (RFC 7239) and {@code X-Forwarded-For}/{@code -Proto}/{@code -Host} are read only when the direct peer is a
 * trusted proxy; then the client is the right-most address of the chain that is not a trusted proxy. A client
 * can write anything to the left of what its first proxy appends, but never to the right of it, so that address
 * is the one a trusted proxy saw. From an untrusted peer the headers are ignored: the peer is the client.
 *
 * <p>{@code Forwarded} wins when both kinds are present. Immutable and thread-safe.
 */
final class TrustedProxies {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final Pattern HOST =
            Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+\\](:\\d{1,5})?");

    /** What the request says about its client: address, and the scheme and host it asked for (null = unknown). */
    record Client(String address, String scheme, String host) {
    }

    private record Range(byte[] network, int prefix) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }
    }

    private static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private TrustedProxies(List<Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * The proxies of {@code --trusted-proxies}.
     *
     * @param specs IP addresses ({@code 10.0.0.5}, {@code ::1}) and CIDR ranges ({@code 10.0.0.0/8})
     * @return the trusted proxies
     * @throws IllegalArgumentException naming the option and the value when one is neither
     */
    static TrustedProxies of(List<String> specs) {
        if (specs.isEmpty()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String spec : specs) {
            String s = spec.trim();
            int slash = s.indexOf('/');
            InetAddress address = literal(slash < 0 ? s : s.substring(0, slash));
            if (address == null) {
                throw new IllegalArgumentException("trusted-proxies must be IP addresses or CIDR ranges "
                        + "(10.0.0.0/8, ::1), was '" + spec + "'");
            }
            int bits = address.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(s.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException("trusted-proxies: the prefix length of '" + spec
                            + "' must be between 0 and " + bits);
                }
            }
            ranges.add(new Range(address.getAddress(), prefix));
        }
        return new TrustedProxies(List.copyOf(ranges));
    }

    /** Whether no proxy is trusted (forwarded headers are never read). */
    boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} (an IP literal) is a trusted proxy; false for anything else. */
    boolean trusts(String address) {
        InetAddress a = literal(address);
        if (a == null) {
            return false;
        }
        byte[] bytes = a.getAddress();
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client of a request.
     *
     * @param peer    the address of the direct peer (the TCP connection's other end)
     * @param headers the request's header values by name (every line, in order)
     * @return the client; the peer itself, with unknown scheme and host, unless the peer is a trusted proxy
     */
    Client resolve(String peer, Function<String, List<String>> headers) {
        if (ranges.isEmpty() || !trusts(peer)) {
            return new Client(peer, null, null);
        }
        List<String> forwarded = headers.apply("Forwarded");
        if (forwarded != null && !forwarded.isEmpty()) {
            return fromForwarded(peer, forwarded);
        }
        List<String> xff = split(headers.apply("X-Forwarded-For"));
        if (xff.isEmpty()) {
            return new Client(peer, null, null);
        }
        List<String> chain = new ArrayList<>();
        for (String node : xff) {
            chain.add(node(node));
        }
        int i = clientIndex(chain);
        List<String> protos = split(headers.apply("X-Forwarded-Proto"));
        List<String> hosts = split(headers.apply("X-Forwarded-Host"));
        return new Client(i < 0 ? peer : chain.get(i), scheme(pick(protos, chain.size(), i)),
                host(pick(hosts, chain.size(), i)));
    }

    private Client fromForwarded(String peer, List<String> lines) {
        List<String[]> elements = new ArrayList<>();   // for, proto, host of each hop
        for (String line : lines) {
            for (String element : splitOutsideQuotes(line, ',')) {
                String[] e = new String[3];
                for (String pair : splitOutsideQuotes(element, ';')) {
                    int eq = pair.indexOf('=');
                    if (eq <= 0) {
                        continue;
                    }
                    String key = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                    String value = unquote(pair.substring(eq + 1).trim());
                    switch (key) {
                        case "for" -> e[0] = node(value);
                        case "proto" -> e[1] = value;
                        case "host" -> e[2] = value;
                        default -> { }
                    }
                }
                elements.add(e);
            }
        }
        List<String> chain = new ArrayList<>();
        for (String[] e : elements) {
            chain.add(e[0] == null ? "unknown" : e[0]);
        }
        int i = clientIndex(chain);
        if (i < 0) {
            return new Client(peer, null, null);
        }
        // The hop of the client was written by the outermost trusted proxy: its proto and host are what the
        // client asked for; a later (trusted) hop's are the next best.
        String proto = null;
        String host = null;
        for (int k = i; k < elements.size() && (proto == null || host == null); k++) {
            proto = proto == null ? elements.get(k)[1] : proto;
            host = host == null ? elements.get(k)[2] : host;
        }
        return new Client(chain.get(i), scheme(proto), host(host));
    }

    /** The right-most node that is not a trusted proxy; the left-most when all are; -1 for none. */
    private int clientIndex(List<String> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            if (!trusts(chain.get(i))) {
                return i;
            }
        }
        return chain.isEmpty() ? -1 : 0;
    }

    private static String pick(List<String> values, int chainSize, int index) {
        if (values.isEmpty()) {
            return null;
        }
        // One value per hop: the client's hop. Otherwise the last one, written by the nearest (trusted) proxy.
        return values.size() == chainSize && index >= 0 ? values.get(index) : values.get(values.size() - 1);
    }

    private static String scheme(String proto) {
        if (proto == null) {
            return null;
        }
        String p = proto.trim().toLowerCase(Locale.ROOT);
        return p.equals("http") || p.equals("https") ? p : null;
    }

    private static String host(String host) {
        return host != null && HOST.matcher(host.trim()).matches() ? host.trim() : null;
    }

    /** A node of a chain without quotes, brackets and port: {@code "[2001:db8::1]:4711"} gives {@code 2001:db8::1}. */
    static String node(String raw) {
        String n = unquote(raw.trim());
        if (n.startsWith("[")) {
            int close = n.indexOf(']');
            return close > 0 ? n.substring(1, close) : n;
        }
        int colon = n.indexOf(':');
        if (colon > 0 && colon == n.lastIndexOf(':')) {
            return n.substring(0, colon);   // IPv4 with a port; an IPv6 literal has several colons
        }
        return n;
    }

    /** The address of an IP literal, or null for anything else (never a name lookup). */
    static InetAddress literal(String s) {
        if (s == null || !(IPV4.matcher(s).matches() || IPV6.matcher(s).matches())) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    private static List<String> split(List<String> lines) {
        List<String> out = new ArrayList<>();
        if (lines != null) {
            for (String line : lines) {
                for (String part : line.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    private static List<String> splitOutsideQuotes(String text, char separator) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                out.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }
}
