package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebAppConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        WebAppConfig c = WebAppConfig.parse(new String[0], Map.of());
        assertEquals(8080, c.httpPort());
        assertEquals("", c.publicBaseUrl(), "links are paths unless a public base URL is configured");
        assertEquals(List.of(), c.trustedProxies(), "no proxy is trusted unless configured");
        assertEquals(Duration.ofSeconds(30), c.idleTimeout());
        assertEquals(8192, c.maxRequestHeaderBytes());
        assertEquals("127.0.0.1", c.host());
        assertEquals("memory", c.store());
        assertEquals(8L * 1024 * 1024, c.maxBodyBytes());
        assertEquals(100_000, c.maxRows());
        assertEquals(30, c.submissionsPerMinute());
        assertEquals(0, c.demoDelayPerRowMicros(), "no throttle unless asked for");
        assertEquals(Duration.ofHours(1), c.tokenTtl());
    }

    @Test
    void flagsWinOverTheEnvironment() {
        WebAppConfig c = WebAppConfig.parse(
                new String[] {"--http-port", "0", "--max-rows", "10", "--allowed-origins",
                        "https://a.example, https://b.example", "--demo-delay-per-row-micros", "500"},
                Map.of("ETO_HTTP_PORT", "9000", "ETO_MAX_BODY_BYTES", "4096", "ETO_RATE_PER_MINUTE", "7",
                        "ETO_STORE", "MEMORY"));
        assertEquals(0, c.httpPort());
        assertEquals(10, c.maxRows());
        assertEquals(4096, c.maxBodyBytes());
        assertEquals(7, c.submissionsPerMinute());
        assertEquals(List.of("https://a.example", "https://b.example"), c.allowedOrigins());
        assertEquals(500, c.demoDelayPerRowMicros());
    }

    @Test
    void theByLocationOptionsDefaultToThePublicServicesAndCanPointToAMirror() {
        WebAppConfig d = WebAppConfig.parse(new String[0], Map.of());
        assertEquals("", d.sourcesBaseUrl());
        assertEquals(WebAppConfig.DEFAULT_USER_AGENT, d.userAgent());
        assertEquals(3660, d.maxLocationDays());
        WebAppConfig c = WebAppConfig.parse(new String[] {"--sources-base-url", "http://127.0.0.1:9999",
                "--max-location-days=30"}, Map.of("ETO_USER_AGENT", "farm-app/2 (ops@farm.example)"));
        assertEquals("http://127.0.0.1:9999", c.sourcesBaseUrl());
        assertEquals("farm-app/2 (ops@farm.example)", c.userAgent());
        assertEquals(30, c.maxLocationDays());
        assertEquals("sources-base-url must be an http:// or https:// URL, was 'ftp://x'",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--sources-base-url", "ftp://x"}, Map.of())).getMessage());
        assertEquals("max-location-days must be between 1 and 100000, was 0",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--max-location-days", "0"}, Map.of())).getMessage());
    }

    @Test
    void badValuesNameTheOptionAndTheRange() {
        assertEquals("http-port must be between 0 and 65535, was 70000", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--http-port", "70000"}, Map.of())).getMessage());
        assertEquals("max-rows must be a whole number, was 'many'", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[0], Map.of("ETO_MAX_ROWS", "many"))).getMessage());
        assertEquals("store must be 'memory' or 'postgres', was 'redis'",
                assertThrows(IllegalArgumentException.class,
                        () -> WebAppConfig.parse(new String[] {"--store", "redis"}, Map.of())).getMessage());
        assertEquals("unknown option --colour", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--colour", "red"}, Map.of())).getMessage());
        assertEquals("option --workers needs a value", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--workers"}, Map.of())).getMessage());
    }

    /** 32 bytes, base64: a valid token key. */
    static final String KEY = Base64.getEncoder().encodeToString(new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});

    @Test
    void thePostgresStoreTakesItsDatabaseAndTokenKeyFromFlagsOrTheEnvironment() {
        WebAppConfig c = WebAppConfig.parse(new String[] {"--store", "postgres", "--jdbc-url",
                "jdbc:postgresql://db.example:5432/eto", "--jdbc-user=eto"},
                Map.of("ETO_JDBC_PASSWORD", " secret ", "ETO_TOKEN_KEY", KEY, "ETO_JDBC_USER", "ignored"));
        assertEquals("postgres", c.store());
        assertEquals("jdbc:postgresql://db.example:5432/eto", c.jdbcUrl());
        assertEquals("eto", c.jdbcUser(), "the flag wins over ETO_JDBC_USER");
        assertEquals(" secret ", c.jdbcPassword(), "a password is taken as given, spaces included");
        assertArrayEquals(Base64.getDecoder().decode(KEY), c.tokenKeyBytes().orElseThrow());

        WebAppConfig env = WebAppConfig.parse(new String[0], Map.of("ETO_STORE", "Postgres",
                "ETO_JDBC_URL", "jdbc:postgresql://localhost/eto", "ETO_TOKEN_KEY", KEY));
        assertEquals("postgres", env.store());
        assertEquals("jdbc:postgresql://localhost/eto", env.jdbcUrl());
        assertEquals("", env.jdbcUser());
        assertEquals("", env.jdbcPassword());
    }

    @Test
    void secretsNeverAppearInTheConfigurationsText() {
        WebAppConfig c = WebAppConfig.parse(new String[] {"--store", "postgres", "--jdbc-url",
                "jdbc:postgresql://localhost/eto?password=inurl", "--jdbc-password", "pw-123", "--token-key", KEY},
                Map.of());
        String text = c.toString();
        assertFalse(text.contains("pw-123"), text);
        assertFalse(text.contains(KEY), text);
        assertFalse(text.contains("inurl"), text);
        assertTrue(text.contains("store=postgres"), text);
    }

    @Test
    void thePostgresStoreIsRefusedAtOnceWithoutItsUrlOrTokenKey() {
        assertEquals("store postgres needs --jdbc-url (or ETO_JDBC_URL), e.g. jdbc:postgresql://localhost:5432/eto",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--store", "postgres", "--token-key", KEY}, Map.of())).getMessage());
        assertEquals("jdbc-url must start with 'jdbc:postgresql:'",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--store", "postgres", "--jdbc-url", "jdbc:mysql://localhost/eto",
                                "--token-key", KEY}, Map.of())).getMessage());
        String noKey = assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                new String[] {"--store", "postgres", "--jdbc-url", "jdbc:postgresql://localhost/eto"}, Map.of()))
                .getMessage();
        assertTrue(noKey.startsWith("store postgres needs --token-key (or ETO_TOKEN_KEY): base64 of at least 32 "
                + "random bytes"), noKey);
        assertEquals("jdbc-url, jdbc-user and jdbc-password apply only to --store postgres, the store is 'memory'",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--jdbc-url", "jdbc:postgresql://localhost/eto"}, Map.of())).getMessage());
    }

    @Test
    void aTokenKeyMustBeBase64OfAtLeast32BytesAndIsOptionalWithTheMemoryStore() {
        assertTrue(WebAppConfig.parse(new String[0], Map.of()).tokenKeyBytes().isEmpty(),
                "memory store: a random key per process");
        assertArrayEquals(Base64.getDecoder().decode(KEY),
                WebAppConfig.parse(new String[] {"--token-key", KEY}, Map.of()).tokenKeyBytes().orElseThrow());
        String short16 = Base64.getEncoder().encodeToString(new byte[16]);
        assertEquals("token-key must decode to at least 32 bytes, was 16", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--token-key", short16}, Map.of())).getMessage());
        IllegalArgumentException notBase64 = assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[0], Map.of("ETO_TOKEN_KEY", "not*base64!")));
        assertEquals("token-key must be base64 (standard alphabet, e.g. from 'openssl rand -base64 32')",
                notBase64.getMessage());
    }

    @Test
    void theReverseProxyOptionsAreReadAndChecked() {
        WebAppConfig c = WebAppConfig.parse(new String[] {"--public-base-url", "https://eto.example.org/",
                "--idle-timeout-seconds=60", "--max-header-bytes", "16384"},
                Map.of("ETO_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.5,::1"));
        assertEquals("https://eto.example.org", c.publicBaseUrl(), "without its trailing slash");
        assertEquals(List.of("10.0.0.0/8", "192.168.1.5", "::1"), c.trustedProxies());
        assertEquals(Duration.ofSeconds(60), c.idleTimeout());
        assertEquals(16384, c.maxRequestHeaderBytes());
        assertEquals("public-base-url must be an http:// or https:// URL with a host and at most a path (no query, "
                + "fragment or user), was 'ftp://eto.example.org'", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--public-base-url", "ftp://eto.example.org"}, Map.of()))
                .getMessage());
        assertEquals("trusted-proxies must be IP addresses or CIDR ranges (10.0.0.0/8, ::1), was 'proxy.local'",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--trusted-proxies", "10.0.0.1,proxy.local"}, Map.of())).getMessage());
        assertEquals("trusted-proxies: the prefix length of '10.0.0.0/33' must be between 0 and 32",
                assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--trusted-proxies", "10.0.0.0/33"}, Map.of())).getMessage());
        assertEquals("allowed-origins must be origins such as https://eto.example.org (scheme, host and port only), "
                + "was 'https://a.example/page'", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--allowed-origins", "https://a.example/page"}, Map.of()))
                .getMessage());
        assertEquals("max-header-bytes must be between 1024 and 65536, was 100", assertThrows(
                IllegalArgumentException.class, () -> WebAppConfig.parse(new String[] {"--max-header-bytes", "100"},
                        Map.of())).getMessage());
    }

    @Test
    void theWebSocketPortIsGoneWithAMessageSayingWhere() {
        assertEquals("unknown option --ws-port: the WebSocket is served on the HTTP port now, at /ws/{taskId}",
                assertThrows(IllegalArgumentException.class,
                        () -> WebAppConfig.parse(new String[] {"--ws-port", "8081"}, Map.of())).getMessage());
    }

    @Test
    void helpListsEveryOptionOnceWithItsVariableDefaultAndMeaning() {
        String help = WebAppConfig.help();
        assertTrue(WebAppConfig.wantsHelp(new String[] {"--port", "1", "--help"}));
        assertFalse(WebAppConfig.wantsHelp(new String[] {"--host", "0.0.0.0"}));
        for (WebAppConfig.Option o : WebAppConfig.Option.values()) {
            String line = "  --" + o.flag() + " <value>    (env " + o.env() + ", default: " + o.defaultText() + ")";
            assertEquals(help.indexOf(line), help.lastIndexOf(line), o.flag());
            assertTrue(help.contains(line + "\n      " + o.meaning() + "\n"), line);
            // Every option the help lists is one parse reads, under its flag and its variable.
            assertThrows(IllegalArgumentException.class, () -> WebAppConfig.parse(new String[] {"--" + o.flag()},
                    Map.of()), "--" + o.flag() + " is known and needs a value");
        }
        assertEquals("ETO_PUBLIC_BASE_URL", WebAppConfig.Option.PUBLIC_BASE_URL.env());
        assertEquals("ETO_TRUSTED_PROXIES", WebAppConfig.Option.TRUSTED_PROXIES.env());
        assertEquals("https://x.example", WebAppConfig.parse(new String[0],
                Map.of("ETO_PUBLIC_BASE_URL", "https://x.example")).publicBaseUrl());
    }
}
