package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /health/live}: 200 {@code {"status":"UP"}} while the process serves requests (a liveness probe:
 * restart it when this fails). {@code GET /health/ready}: 200 when the engine runs and the task store answers,
 * else 503 (a readiness probe: send no traffic meanwhile); both with {@code "checks"}. Neither needs a token
 * nor says more than UP or DOWN.
 */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient Readiness readiness;
    private final transient ObjectMapper json;

    HealthServlet(Readiness readiness, ObjectMapper json) {
        this.readiness = readiness;
        this.json = json;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (!path.equals("/live") && !path.equals("/ready")) {
            resp.sendError(404);
            return;
        }
        if (!req.getMethod().equals("GET") && !req.getMethod().equals("HEAD")) {
            resp.setHeader("Allow", "GET, HEAD");
            resp.sendError(405);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        int status = 200;
        if (path.equals("/live")) {
            body.put("status", Readiness.UP);
        } else {
            Map<String, String> checks = readiness.checks();
            boolean up = !checks.containsValue(Readiness.DOWN);
            status = up ? 200 : 503;
            body.put("status", up ? Readiness.UP : Readiness.DOWN);
            body.put("checks", checks);
        }
        resp.setHeader("Cache-Control", "no-store");
        ApiServlet.send(resp, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }
}
