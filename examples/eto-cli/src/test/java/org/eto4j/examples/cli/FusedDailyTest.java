package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code daily --source fused} against a loopback server answering as NASA POWER and Open-Meteo do, for a point
 * inside the shipped calibration's region.
 */
class FusedDailyTest {
    private HttpServer server;
    /** HTTP status per path prefix; 200 serves the fixture. */
    private final Map<String, Integer> status = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        serve("/api/temporal/daily/point", "/fixtures/nasa-power-daily.json"); // eto-sources' test resources
        serve("/v1/archive", "/fixtures/open-meteo-archive.json");
        server.start();
    }

    private void serve(String path, String resource) {
        server.createContext(path, exchange -> {
            int code = status.getOrDefault(path, 200);
            byte[] body;
            try (InputStream in = FusedDailyTest.class.getResourceAsStream(resource)) {
                body = code == 200 ? in.readAllBytes() : "{\"error\":true,\"reason\":\"test\"}".getBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private MainTest.Outcome run(String... more) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("daily", "--source", "fused",
                "--latitude", "-7.53", "--longitude", "-46.04", "--elevation", "256", "--start", "2023-01-01",
                "--end", "2023-01-03", "--base-url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "--lang", "en"));
        args.addAll(java.util.List.of(more));
        return MainTest.run("", args.toArray(String[]::new));
    }

    @Test
    void bothSourcesFused() {
        MainTest.Outcome o = run();
        assertEquals(0, o.status(), o.err());
        assertEquals("date,eto,eto_p05,eto_p95,flags", o.lines().get(0));
        assertEquals(4, o.lines().size(), o.out());
        assertEquals("2023-01-01", o.cell(1, 0));
        assertEquals("corrected", o.cell(1, 4));
        double eto = Double.parseDouble(o.cell(1, 1));
        assertTrue(Double.parseDouble(o.cell(1, 2)) < eto && eto < Double.parseDouble(o.cell(1, 3)), o.out());
        assertTrue(o.err().contains("NASA") && o.err().contains("Open-Meteo"), o.err());
    }

    @Test
    void aFailedSourceIsReportedAndTheOtherIsUsedFlagged() {
        status.put("/v1/archive", 400);
        MainTest.Outcome o = run();
        assertEquals(0, o.status(), o.err());
        assertTrue(o.err().contains("open-meteo-archive") && o.err().contains("SRC-3002"), o.err());
        assertTrue(o.cell(1, 4).contains("source_missing"), o.out());
        assertTrue(Double.parseDouble(o.cell(1, 1)) > 0, o.out());
    }

    @Test
    void everySourceFailedIsAServiceFailure() {
        status.put("/v1/archive", 400);
        status.put("/api/temporal/daily/point", 400);
        MainTest.Outcome o = run();
        assertEquals(Main.SERVICE_FAILURE, o.status(), o.err());
        assertEquals("", o.out());
    }

    @Test
    void aPointOutsideTheCalibrationIsRefused() {
        MainTest.Outcome o = MainTest.run("", "daily", "--source", "fused", "--latitude", "-22.7", "--longitude",
                "-47.6", "--elevation", "546", "--start", "2023-01-01", "--end", "2023-01-03", "--base-url",
                "http://127.0.0.1:" + server.getAddress().getPort(), "--lang", "en");
        assertEquals(Main.INVALID_INPUT, o.status());
        assertTrue(o.err().contains("FUS-2004"), o.err());
    }
}
