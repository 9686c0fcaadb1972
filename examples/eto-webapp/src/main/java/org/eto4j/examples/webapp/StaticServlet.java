package org.eto4j.examples.webapp;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the page and its assets from the class path (a fixed list: nothing else can be reached), with
 * headers that forbid inline scripts and framing. Mapped as the default servlet: every path no other servlet
 * takes comes here, and is a 404 unless listed.
 */
final class StaticServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final String ROOT = "org/eto4j/examples/webapp/static/";

    /** URL path to (resource, content type). */
    private static final Map<String, String[]> FILES = Map.of(
            "/", new String[] {ROOT + "index.html", "text/html; charset=utf-8"},
            "/index.html", new String[] {ROOT + "index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {ROOT + "app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {ROOT + "app.css", "text/css; charset=utf-8"},
            "/eto-i18n.js", new String[] {"org/eto4j/i18n/eto-i18n.js", "text/javascript; charset=utf-8"},
            "/eto-events.js", new String[] {ROOT + "eto-events.js", "text/javascript; charset=utf-8"},
            "/samples/balsas-ma-2016-2020.csv",
            new String[] {ROOT + "balsas-ma-2016-2020.csv", "text/csv; charset=utf-8"},
            "/favicon.ico", new String[] {ROOT + "favicon.svg", "image/svg+xml"});

    private final String contentSecurityPolicy;
    private final transient Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /**
     * @param connectSources what the page may connect to besides its own origin: the public base URL's
     *                       WebSocket origin, or empty ({@code 'self'} covers ws:/wss: of the page's own host
     *                       in CSP Level 3 browsers)
     */
    StaticServlet(String connectSources) {
        this.contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src 'self'" + (connectSources.isEmpty() ? "" : " " + connectSources)
                + "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        String[] file = FILES.get(path.isEmpty() ? "/" : path);
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Cache-Control", "no-store");
            resp.setHeader("Allow", "GET, HEAD");
            ApiServlet.send(resp, 405, "text/plain; charset=utf-8", "405".getBytes(StandardCharsets.UTF_8));
            return;
        }
        byte[] body = file == null ? null : cache.computeIfAbsent(file[0], StaticServlet::load);
        if (body == null) {
            resp.setHeader("Cache-Control", "no-store");
            ApiServlet.send(resp, 404, "text/plain; charset=utf-8", "404".getBytes(StandardCharsets.UTF_8));
            return;
        }
        resp.setHeader("Content-Security-Policy", contentSecurityPolicy);
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "no-referrer");
        resp.setHeader("Cache-Control", "no-cache");
        if (req.getMethod().equals("HEAD")) {
            resp.setStatus(200);
            resp.setHeader("Content-Type", file[1]);
            resp.setHeader("X-Content-Type-Options", "nosniff");
            resp.setContentLength(body.length);
            return;
        }
        ApiServlet.send(resp, 200, file[1], body);
    }

    /** The resource's bytes; null when it is not on the class path (a file of the list not shipped). */
    private static byte[] load(String resource) {
        try (InputStream in = StaticServlet.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
