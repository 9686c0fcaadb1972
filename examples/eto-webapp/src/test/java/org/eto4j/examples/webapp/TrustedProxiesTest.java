package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which forwarded headers are believed, and who the client is behind a chain of proxies. */
class TrustedProxiesTest {
    static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "192.168.1.5", "2001:db8::/32"));

    private static TrustedProxies.Client resolve(String peer, Map<String, List<String>> headers) {
        return PROXIES.resolve(peer, headers::get);
    }

    @Test
    void rangesAndSingleAddressesOfBothFamiliesAreMatched() {
        assertTrue(PROXIES.trusts("10.200.3.4"));
        assertTrue(PROXIES.trusts("192.168.1.5"));
        assertFalse(PROXIES.trusts("192.168.1.6"));
        assertTrue(PROXIES.trusts("2001:db8:0:1::7"));
        assertFalse(PROXIES.trusts("2001:db9::1"));
        assertFalse(PROXIES.trusts("unknown"), "only IP literals, never a name lookup");
        assertFalse(TrustedProxies.of(List.of()).trusts("127.0.0.1"));
        assertTrue(TrustedProxies.of(List.of("0.0.0.0/0")).trusts("203.0.113.9"));
    }

    @Test
    void forwardedHeadersOfAnUntrustedPeerAreIgnored() {
        TrustedProxies.Client c = resolve("203.0.113.7", Map.of("X-Forwarded-For", List.of("1.2.3.4"),
                "X-Forwarded-Proto", List.of("https"), "Forwarded", List.of("for=5.6.7.8;proto=https")));
        assertEquals(new TrustedProxies.Client("203.0.113.7", null, null), c);
    }

    @Test
    void theClientIsTheRightMostAddressThatIsNotATrustedProxy() {
        // The client wrote "6.6.6.6" itself; its first proxy appended the address it saw, 198.51.100.20.
        TrustedProxies.Client c = resolve("10.0.0.2", Map.of(
                "X-Forwarded-For", List.of("6.6.6.6, 198.51.100.20", "10.1.1.1"),
                "X-Forwarded-Proto", List.of("https"), "X-Forwarded-Host", List.of("eto.example.org")));
        assertEquals(new TrustedProxies.Client("198.51.100.20", "https", "eto.example.org"), c);
        assertEquals("10.3.3.3", resolve("10.0.0.2", Map.of("X-Forwarded-For", List.of("10.3.3.3, 10.1.1.1")))
                .address(), "all trusted: the left-most");
        assertEquals("10.0.0.2", resolve("10.0.0.2", Map.of()).address(), "no header: the peer");
    }

    @Test
    void rfc7239ForwardedIsReadWithQuotesPortsAndIpv6AndWinsOverXForwarded() {
        TrustedProxies.Client c = resolve("192.168.1.5", Map.of(
                "Forwarded", List.of("for=\"[2001:db9::17]:4711\";proto=https;host=\"eto.example.org\", "
                        + "for=10.9.9.9;proto=http"),
                "X-Forwarded-For", List.of("7.7.7.7")));
        assertEquals(new TrustedProxies.Client("2001:db9::17", "https", "eto.example.org"), c);
        assertEquals("198.51.100.3", resolve("10.0.0.1",
                Map.of("Forwarded", List.of("for=198.51.100.3:5000"))).address());
        assertEquals("_hidden", resolve("10.0.0.1", Map.of("Forwarded", List.of("for=_hidden"))).address(),
                "an obfuscated node is the client as its proxy names it");
    }

    @Test
    void aSchemeOrHostThatIsNotOneIsDropped() {
        TrustedProxies.Client c = resolve("10.0.0.1", Map.of("X-Forwarded-For", List.of("198.51.100.1"),
                "X-Forwarded-Proto", List.of("gopher"), "X-Forwarded-Host", List.of("evil.example/path")));
        assertNull(c.scheme());
        assertNull(c.host());
    }

    @Test
    void originsAreComparedNormalisedAndSameOriginOnlyWhereTheRuleApplies() {
        WebAppConfig plain = WebAppConfig.defaults().withHttpPort(0);
        Origins own = Origins.of(plain, 8080);
        assertTrue(own.allows("http://localhost:8080", "http", "localhost:8080"));
        assertTrue(own.allows("http://LOCALHOST:8080", "http", null));
        assertTrue(own.allows("http://eto.lan:8080", "http", "eto.lan:8080"), "same-origin");
        assertFalse(own.allows("http://evil.example:8080", "http", "eto.lan:8080"));
        assertFalse(own.allows("https://eto.lan:8080", "http", "eto.lan:8080"), "another scheme, another origin");

        Origins behind = Origins.of(plain.withProxy("https://eto.example.org", List.of("127.0.0.1"))
                .withAllowedOrigins(List.of("https://partner.example")), 8080);
        assertTrue(behind.allows("https://eto.example.org", "https", "eto.example.org"));
        assertTrue(behind.allows("https://eto.example.org:443", "http", "127.0.0.1:8080"), "default port");
        assertTrue(behind.allows("https://partner.example", "http", "127.0.0.1:8080"));
        assertFalse(behind.allows("http://localhost:8080", "http", "localhost:8080"),
                "with a public base URL, the page is only at its address");

        Origins listed = Origins.of(plain.withAllowedOrigins(List.of("https://a.example")), 8080);
        assertFalse(listed.allows("http://localhost:8080", "http", "localhost:8080"),
                "configured origins replace the page's own");
    }
}
