package org.eto4j.examples.webapp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server answering as NASA POWER's daily point API does, from the fixture
 * {@code fixtures/nasa-power-daily.json} (2023-01-01 to 2023-01-05 near −22.71°, −47.63°, from eto-sources'
 * test resources; its geometry holds the elevation, 546.79 m), and as Open-Meteo's archive does on
 * {@code /v1/archive}, from {@code fixtures/open-meteo-archive.json} (2023-01-01 to 2023-01-03, same origin).
 * Both are served for latitudes starting with {@code -22} and, for the fused estimate inside the MATOPIBA
 * region, {@code -7.5}; another latitude gets POWER's {@code 422} answer for a bad request, which is not
 * retried.
 */
final class FakeWeatherService implements AutoCloseable {
    final HttpServer server;
    final AtomicInteger requests = new AtomicInteger();
    /** Answers wait for this gate, so a test can watch the download stage; open unless {@link #holdAnswers()}. */
    volatile CountDownLatch gate = new CountDownLatch(0);

    FakeWeatherService() {
        byte[] fixture;
        byte[] archive;
        try (InputStream in = FakeWeatherService.class.getResourceAsStream("/fixtures/nasa-power-daily.json");
             InputStream era5 = FakeWeatherService.class.getResourceAsStream("/fixtures/open-meteo-archive.json")) {
            fixture = in.readAllBytes();
            archive = era5.readAllBytes();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            requests.incrementAndGet();
            try {
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate was never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            String query = String.valueOf(ex.getRequestURI().getRawQuery());
            boolean known = query.contains("latitude=-22") || query.contains("latitude=-7.5");
            byte[] data = ex.getRequestURI().getPath().equals("/v1/archive") ? archive : fixture;
            byte[] body = known ? data
                    : "{\"header\":\"Bad request\",\"messages\":[\"no data\"]}"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(known ? 200 : 422, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /** Makes the next answers wait until {@link #releaseAnswers()}. */
    void holdAnswers() {
        gate = new CountDownLatch(1);
    }

    /** Lets the held answers go. */
    void releaseAnswers() {
        gate.countDown();
    }

    /** The base URL to give as {@code --sources-base-url}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
