package org.eto4j.examples.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Serves the page and its assets from the class path (a fixed list: nothing else can be reached), with
 * headers that forbid inline scripts and framing.
 */
final class StaticHandler implements HttpHandler {
    private static final String ROOT = "org/eto4j/examples/webapp/static/";

    /** URL path to (resource, content type). */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {ROOT + "index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {ROOT + "index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {ROOT + "app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {ROOT + "app.css", "text/css; charset=utf-8"},
            "/eto-i18n.js", new String[] {"org/eto4j/i18n/eto-i18n.js", "text/javascript; charset=utf-8"},
            "/samples/balsas-ma-2016-2020.csv", new String[] {ROOT + "balsas-ma-2016-2020.csv", "text/csv; charset=utf-8"},
            "/favicon.ico", new String[] {ROOT + "favicon.svg", "image/svg+xml"});

    private final String contentSecurityPolicy;
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    StaticHandler() {
        // connect-src names the WebSocket schemes: the transport listens on its own port.
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try {
            String[] file = FILES.get(ex.getRequestURI().getPath());
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                ApiHandler.send(ex, 405, "text/plain; charset=utf-8", "405".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (file == null) {
                ApiHandler.send(ex, 404, "text/plain; charset=utf-8", "404".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body = cache.computeIfAbsent(file[0], StaticHandler::load);
            ex.getResponseHeaders().set("Content-Security-Policy", contentSecurityPolicy);
            ex.getResponseHeaders().set("X-Frame-Options", "DENY");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            if (ex.getRequestMethod().equals("HEAD")) {
                ex.getResponseHeaders().set("Content-Type", file[1]);
                ex.sendResponseHeaders(200, -1);
                return;
            }
            ApiHandler.send(ex, 200, file[1], body);
        } finally {
            ex.close();
        }
    }

    private static byte[] load(String resource) {
        try (InputStream in = StaticHandler.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
