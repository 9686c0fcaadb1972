package org.eto4j.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fetch} and {@code daily --source} against a loopback server answering as NASA POWER does. */
class FetchTest {
    private HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            queries.add(exchange.getRequestURI().toString());
            byte[] body;
            try (InputStream in = FetchTest.class.getResourceAsStream("/fixtures/nasa-power-daily.json")) {
                body = in.readAllBytes();
            }
            if (status != 200) {
                body = "{\"messages\":[\"unavailable\"]}".getBytes();
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void fetchWritesTheInputColumnsWithMissingValuesLeftEmpty() {
        MainTest.Outcome o = MainTest.run("", "fetch", "--source", "nasa-power", "--latitude", "-22.71",
                "--longitude", "-47.63", "--start", "2023-01-01", "--end", "2023-01-05", "--base-url", baseUrl());
        assertEquals(0, o.status(), o.err());
        assertEquals(6, o.lines().size(), o.out());
        assertTrue(o.lines().get(0).startsWith("date,tmax,tmin"), o.lines().get(0));
        assertEquals("2023-01-01", o.cell(1, 0));
        assertEquals(30.12, Double.parseDouble(o.cell(1, 1)), 1e-9);
        assertTrue(o.err().contains("NASA"), o.err());
        assertEquals(1, queries.size());
        assertTrue(queries.get(0).contains("community=AG"), queries.get(0));
    }

    @Test
    void dailyWithASourceFetchesAndComputesInOneGo() {
        MainTest.Outcome o = MainTest.run("", "daily", "--source", "nasa-power", "--latitude", "-22.71",
                "--longitude", "-47.63", "--start", "2023-01-01", "--end", "2023-01-05", "--base-url", baseUrl());
        assertEquals(0, o.status(), o.err());
        assertEquals("date,eto,flags", o.lines().get(0));
        assertEquals(6, o.lines().size(), o.out());
        double first = Double.parseDouble(o.cell(1, 1));
        assertTrue(first > 2 && first < 9, o.out());
    }

    @Test
    void aFailingServiceIsALocalisedOneLineErrorWithStatusFour() {
        status = 400;
        MainTest.Outcome o = MainTest.run("", "fetch", "--source", "nasa-power", "--latitude", "-22.71",
                "--longitude", "-47.63", "--start", "2023-01-01", "--end", "2023-01-05", "--base-url", baseUrl(),
                "--lang", "pt-BR");
        assertEquals(Main.SERVICE_FAILURE, o.status(), o.err());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("serviço meteorológico"), o.err());
    }

    @Test
    void anUnknownSourceIsACommandLineMistake() {
        MainTest.Outcome o = MainTest.run("", "fetch", "--source", "weather-dot-com", "--latitude", "1",
                "--longitude", "1", "--start", "2023-01-01", "--end", "2023-01-02");
        assertEquals(Main.USAGE, o.status());
        assertTrue(o.err().contains("nasa-power"), o.err());
    }
}
