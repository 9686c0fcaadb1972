package org.eto4j.examples.webapp;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /metrics}: every meter of the app's registry in the Prometheus text format (version 0.0.4) — eto4j's
 * {@code eto.*} meters from eto-micrometer (tasks, both live channels, the PostgreSQL store, the weather sources)
 * and the JVM's. Like the health checks it needs no token and says nothing about any one task.
 */
final class MetricsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    /** The content type of the Prometheus text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final transient PrometheusMeterRegistry registry;

    MetricsServlet(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo();
        if (path != null && !path.equals("/")) {
            resp.sendError(404);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        resp.setHeader("Cache-Control", "no-store");
        ApiServlet.send(resp, 200, CONTENT_TYPE, registry.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
