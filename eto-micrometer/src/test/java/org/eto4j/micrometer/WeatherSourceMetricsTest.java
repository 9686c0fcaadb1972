package org.eto4j.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.eto4j.sources.GeoPoint;
import org.eto4j.sources.SourceException;
import org.eto4j.sources.SourceListener;
import org.eto4j.sources.WeatherSources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Source meters over real HTTP exchanges with a loopback server that answers what the test queued. */
class WeatherSourceMetricsTest {
    private static final String SOURCE = SourceListener.ELEVATION;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private WeatherSources sources;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/elevation", exchange -> {
            requests.incrementAndGet();
            Integer status = statuses.poll();
            int code = status == null ? 200 : status;
            byte[] body = (code == 200 ? "{\"elevation\":[256.0]}" : "{}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(code, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        sources = WeatherSources.builder()
                .elevationBaseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .elevationMinRequestInterval(Duration.ZERO)
                .maxAttempts(3)
                .sleeper(d -> { }) // backoff without waiting
                .build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private double count(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private long requests(String status) {
        var timer = registry.find(WeatherSourceMetrics.REQUESTS).tags("source", SOURCE, "status", status).timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void requestsRetriesAndCacheLookUpsAreCountedBySource() {
        WeatherSourceMetrics metrics = new WeatherSourceMetrics(sources);
        metrics.bindTo(registry);

        // First look-up: a miss, one 503 retried, then a 200.
        statuses.add(503);
        sources.elevation().elevation(new GeoPoint(-7.53, -46.04));
        assertEquals(2, requests.get());
        assertEquals(1, requests("5xx"));
        assertEquals(1, requests("2xx"));
        assertEquals(1, count(WeatherSourceMetrics.RETRIES, "source", SOURCE, "cause", "service_error"));
        assertEquals(1, count(WeatherSourceMetrics.CACHE, "source", SOURCE, "result", "miss"));
        assertEquals(0, count(WeatherSourceMetrics.CACHE, "source", SOURCE, "result", "hit"));
        assertEquals(1, registry.get(WeatherSourceMetrics.CACHE_SIZE).gauge().value());

        // The same point again, twice: answered from the cache without a request.
        sources.elevation().elevation(new GeoPoint(-7.53, -46.04));
        sources.elevation().elevation(new GeoPoint(-7.53, -46.04));
        assertEquals(2, requests.get());
        assertEquals(2, count(WeatherSourceMetrics.CACHE, "source", SOURCE, "result", "hit"));

        // Another point, refused for good: a 4xx is not retried.
        statuses.add(404);
        assertThrows(SourceException.class, () -> sources.elevation().elevation(new GeoPoint(10, 10)));
        assertEquals(1, requests("4xx"));
        assertEquals(2, count(WeatherSourceMetrics.CACHE, "source", SOURCE, "result", "miss"));
        assertEquals(1, count(WeatherSourceMetrics.RETRIES, "source", SOURCE, "cause", "service_error"));

        // No server any more: an exchange without a status.
        server.stop(0);
        assertThrows(SourceException.class, () -> sources.elevation().elevation(new GeoPoint(20, 20)));
        assertEquals(3, requests("network"));
        assertEquals(2, count(WeatherSourceMetrics.RETRIES, "source", SOURCE, "cause", "network_unavailable"));

        metrics.close();
        sources.elevation().elevation(new GeoPoint(-7.53, -46.04));
        assertEquals(2, count(WeatherSourceMetrics.CACHE, "source", SOURCE, "result", "hit"), "closed: not counted");
    }

    @Test
    void statusClasses() {
        assertEquals("2xx", WeatherSourceMetrics.statusClass(200));
        assertEquals("3xx", WeatherSourceMetrics.statusClass(304));
        assertEquals("4xx", WeatherSourceMetrics.statusClass(429));
        assertEquals("5xx", WeatherSourceMetrics.statusClass(599));
        assertEquals("unknown", WeatherSourceMetrics.statusClass(99));
    }
}
