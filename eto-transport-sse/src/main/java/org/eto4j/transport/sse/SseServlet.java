package org.eto4j.transport.sse;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import org.eto4j.transport.CloseCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves an {@link SseTransport} from any Servlet 6 container (Jetty 12 ee10, Tomcat 10.1+, Undertow, Spring MVC
 * through a {@code ServletRegistrationBean}). Map it with a path wildcard and enable async support; the task id
 * is the last segment of the path info:
 *
 * <pre>{@code
 * ServletHolder holder = new ServletHolder(new SseServlet(transport));
 * holder.setAsyncSupported(true);                 // required: each stream is an async request
 * context.addServlet(holder, "/events/*");        // GET /events/{taskId}
 * }</pre>
 *
 * <p>Each stream is an async request without timeout whose output is written without blocking
 * ({@code WriteListener}): no container thread is held while a stream is open. A reader dropped as a slow
 * consumer has its response completed at once; a container closes such a connection once its own pending write
 * fails or times out (its idle timeout), while the transport has already released the subscription and the
 * buffered events. Stop the transport before the container, so that streams end with the close event 1001.
 */
public class SseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SseServlet.class);

    private final transient SseTransport transport;

    /**
     * A servlet over {@code transport}.
     *
     * @param transport the transport (started and stopped by the host)
     */
    public SseServlet(SseTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
    }

    /**
     * Answers every method: {@code GET} streams, a CORS preflight from an allowed origin gets 204, the rest 405.
     *
     * @param request  the request
     * @param response the response
     * @throws IOException when a refusal cannot be written
     * @throws ServletException never
     */
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        ServletRequestView view = new ServletRequestView(request);
        Outcome outcome = transport.open(view, () -> new ServletSink(transport));
        if (outcome instanceof Outcome.Streaming s) {
            ServletSink sink = (ServletSink) s.sink();
            AsyncContext async;
            try {
                async = request.startAsync(request, response);
            } catch (IllegalStateException e) {
                // The host did not enable async support for this servlet: a configuration error.
                LOG.error("SseServlet needs async support (setAsyncSupported(true) on its registration)", e);
                sink.finish();
                refuse(response,
                        new Outcome.Refused(500, CloseCode.INTERNAL_ERROR, Map.of("Cache-Control", "no-store")));
                return;
            }
            async.setTimeout(0); // the stream ends when the task does, not on a container timer
            response.setStatus(200);
            headers(response, s.headers());
            try {
                sink.begin(async, response.getOutputStream());
            } catch (IOException | RuntimeException e) {
                sink.finish();
                async.complete();
                throw e;
            }
        } else if (outcome instanceof Outcome.Refused r) {
            refuse(response, r);
        } else {
            headers(response, outcome.headers());
            response.setStatus(204);
        }
    }

    private static void refuse(HttpServletResponse response, Outcome.Refused r) throws IOException {
        byte[] body = SseFrames.refusalBody(r.code());
        response.setStatus(r.status());
        headers(response, r.headers());
        response.setContentType(SseTransport.JSON);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void headers(HttpServletResponse response, Map<String, String> headers) {
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if ("Content-Type".equals(h.getKey())) {
                response.setContentType(h.getValue());
            } else {
                response.setHeader(h.getKey(), h.getValue());
            }
        }
    }

    /** The request as the transport reads it. */
    private static final class ServletRequestView implements SseRequest {
        private final HttpServletRequest request;

        ServletRequestView(HttpServletRequest request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String header(String name) {
            return request.getHeader(name);
        }

        @Override
        public String rawQuery() {
            return request.getQueryString();
        }

        @Override
        public String taskIdSegment() {
            return SseRequest.lastSegment(request.getPathInfo());
        }

        @Override
        public boolean http1() {
            String p = request.getProtocol();
            return p != null && p.startsWith("HTTP/1");
        }
    }
}
