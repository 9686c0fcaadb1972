package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class WebAppConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        WebAppConfig c = WebAppConfig.parse(new String[0], Map.of());
        assertEquals(8080, c.httpPort());
        assertEquals(8081, c.webSocketPort());
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
                new String[] {"--http-port", "0", "--ws-port=0", "--max-rows", "10", "--allowed-origins",
                        "https://a.example, https://b.example", "--demo-delay-per-row-micros", "500"},
                Map.of("ETO_HTTP_PORT", "9000", "ETO_MAX_BODY_BYTES", "4096", "ETO_RATE_PER_MINUTE", "7",
                        "ETO_STORE", "MEMORY"));
        assertEquals(0, c.httpPort());
        assertEquals(0, c.webSocketPort());
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
        assertEquals("store must be 'memory' (the only store in this build), was 'postgres'",
                assertThrows(IllegalArgumentException.class,
                        () -> WebAppConfig.parse(new String[] {"--store", "postgres"}, Map.of())).getMessage());
        assertEquals("unknown option --colour", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--colour", "red"}, Map.of())).getMessage());
        assertEquals("option --workers needs a value", assertThrows(IllegalArgumentException.class,
                () -> WebAppConfig.parse(new String[] {"--workers"}, Map.of())).getMessage());
    }
}
