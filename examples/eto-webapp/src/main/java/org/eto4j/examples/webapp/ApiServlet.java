package org.eto4j.examples.webapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eto4j.core.EtoException;
import org.eto4j.i18n.Messages;
import org.eto4j.i18n.Problem;
import org.eto4j.progress.CancelOutcome;
import org.eto4j.progress.ProgressException;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskEvent;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskOptions;
import org.eto4j.progress.TaskRejectedException;
import org.eto4j.progress.TaskResult;
import org.eto4j.progress.TaskSnapshot;
import org.eto4j.progress.TaskState;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskTokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /api/v1}: submit a calculation, read its status, cancel it, read its result,
 * and the browser's message bundles. Every error is {@code {"error":{"code","message","field","row",
 * "messageKey","args"}}} with the message in the request's language ({@code ?lang=} or
 * {@code Accept-Language}); a stack trace never leaves the server.
 */
final class ApiServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);

    /** The message of {@link WebErrorCode#UNAVAILABLE} when the task store's database cannot be reached. */
    static final String STORE_UNAVAILABLE_KEY = "webapp.error.store_unavailable";

    /** The task type of calculations, as recorded by the engine. */
    static final String TASK_TYPE = "eto.fao56.daily";

    private static final Pattern TASK = Pattern.compile("/api/v1/tasks/([^/]+)(/result)?/?");
    private static final Pattern I18N = Pattern.compile("/api/v1/i18n/([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*)/?");

    private final transient WebAppConfig config;
    private final transient TaskEngine engine;
    private final transient Messages messages;
    private final transient ObjectMapper json;
    private final transient TaskTokens tokens;
    private final transient RateLimiter limiter;
    private final transient InputParser parser;
    private final transient ProtocolV1 protocol;
    private final transient Links links;
    private final transient TrustedProxies proxies;
    private final transient Clock clock;
    private final transient LocationCalculations locations;

    ApiServlet(WebAppConfig config, TaskEngine engine, Messages messages, ObjectMapper json, TaskTokens tokens,
               RateLimiter limiter, ProtocolV1 protocol, Links links, TrustedProxies proxies,
               LocationCalculations locations, Clock clock) {
        this.config = config;
        this.engine = engine;
        this.messages = messages;
        this.json = json;
        this.tokens = tokens;
        this.limiter = limiter;
        this.parser = new InputParser(json, config.maxRows());
        this.protocol = protocol;
        this.links = links;
        this.proxies = proxies;
        this.clock = clock;
        this.locations = locations;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Exchange ex = new Exchange(req, resp);
        Locale locale = locale(ex);
        try {
            route(ex, locale);
        } catch (ApiException e) {
            sendError(ex, locale, e);
        } catch (EtoException e) {
            sendError(ex, locale, ApiException.of(400, e));
        } catch (org.eto4j.sources.SourceException e) {
            sendError(ex, locale, LocationCalculations.rejected(e));
        } catch (org.eto4j.progress.postgres.PostgresStoreException e) {
            // The database is unreachable or refusing: the client may retry later; the cause stays in the log.
            // The stable code of every 503, with a message that says what is wrong (not "busy").
            LOG.warn("request {} {}: task store unavailable", ex.method(), ex.path(), e);
            sendError(ex, locale, new ApiException(WebErrorCode.UNAVAILABLE.status(), WebErrorCode.UNAVAILABLE.code(),
                    STORE_UNAVAILABLE_KEY, List.of(), null, -1));
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", ex.method(), ex.path(), e);
            sendError(ex, locale, ApiException.of(WebErrorCode.INTERNAL));
        }
    }

    private void route(Exchange ex, Locale locale) throws IOException {
        String path = ex.path();
        String method = ex.method();
        if (path.equals("/api/v1/calculations") || path.equals("/api/v1/calculations/")) {
            requireMethod(method, "POST");
            submit(ex);
            return;
        }
        Matcher m = TASK.matcher(path);
        if (m.matches()) {
            TaskId id = authorised(ex, m.group(1));
            if (m.group(2) != null) {
                requireMethod(method, "GET");
                result(ex, id, locale);
            } else if (method.equals("GET")) {
                status(ex, id);
            } else if (method.equals("DELETE")) {
                cancel(ex, id);
            } else {
                throw ApiException.of(WebErrorCode.METHOD_NOT_ALLOWED, method);
            }
            return;
        }
        Matcher i = I18N.matcher(path);
        if (i.matches()) {
            requireMethod(method, "GET");
            Locale requested = messages.resolve(Locale.forLanguageTag(i.group(1).replace('_', '-')));
            send(ex, 200, "application/json; charset=utf-8", messages.toJson(requested).getBytes(StandardCharsets.UTF_8));
            return;
        }
        throw ApiException.of(WebErrorCode.NOT_FOUND);
    }

    // ---- POST /api/v1/calculations ----

    private void submit(Exchange ex) throws IOException {
        // Behind a trusted reverse proxy every user shares the proxy's address: the limit is per forwarded client.
        String client = proxies.resolve(ex.req.getRemoteAddr(),
                name -> Collections.list(ex.req.getHeaders(name))).address();
        if (!limiter.tryAcquire(client)) {
            ex.resp.setHeader("Retry-After", "10");
            throw ApiException.of(WebErrorCode.RATE_LIMITED);
        }
        String type = Optional.ofNullable(ex.req.getHeader("Content-Type")).orElse("")
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.equals("text/csv")) {
            throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, type);
        }
        String body = readBody(ex);
        // A registered type and JSON-able parameters, never a task object: a durable store keeps them, and
        // whichever node claims the task (this one, another, or this one after a restart) makes the task.
        Object parameters;
        String taskType;
        com.fasterxml.jackson.databind.JsonNode location = type.equals("application/json") ? locationBody(body) : null;
        if (location != null) {
            parameters = locations.parameters(location);
            taskType = org.eto4j.sources.EtoTask.TYPE;
        } else {
            CalculationInput input = type.equals("application/json")
                    ? parser.fromJson(body)
                    : parser.fromCsv(body, query(ex));
            parameters = input.toParameters();
            taskType = TASK_TYPE;
        }
        TaskId id;
        try {
            id = engine.submit(taskType, parameters, TaskOptions.defaults());
        } catch (TaskRejectedException e) {
            throw ApiException.of(WebErrorCode.UNAVAILABLE);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("taskId", id.value());
        answer.put("token", tokens.issue(id));
        answer.put("websocketUrl", links.webSocket(id));
        answer.put("eventsUrl", links.events(id));
        answer.put("statusUrl", links.status(id));
        answer.put("resultUrl", links.result(id));
        ex.resp.setHeader("Location", links.status(id));
        sendJson(ex, 202, answer);
    }

    /** The body when it asks for the "by location" mode; else null (and the upload parser reports bad JSON). */
    private com.fasterxml.jackson.databind.JsonNode locationBody(String body) {
        try {
            com.fasterxml.jackson.databind.JsonNode node = json.readTree(body);
            return LocationCalculations.wants(node) ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * How much of a refused body is read and dropped before the 413 is sent. A client is usually still sending
     * when the refusal is decided; if the server closed the connection on unread data, the client could see a
     * reset instead of the answer. Larger bodies are cut off.
     */
    private static final long REFUSED_BODY_DRAIN_BYTES = 1L << 20;

    private String readBody(Exchange ex) throws IOException {
        String length = ex.req.getHeader("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            }
            if (declared > config.maxBodyBytes()) {
                drain(ex.req.getInputStream());
                throw ApiException.of(WebErrorCode.BODY_TOO_LARGE, config.maxBodyBytes());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = ex.req.getInputStream()) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > config.maxBodyBytes()) {
                    drain(in);
                    throw ApiException.of(WebErrorCode.BODY_TOO_LARGE, config.maxBodyBytes());
                }
                out.write(buffer, 0, n);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, "binary");
        }
    }

    /** Reads and drops up to {@link #REFUSED_BODY_DRAIN_BYTES} of a refused body. */
    private static void drain(InputStream in) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = REFUSED_BODY_DRAIN_BYTES;
        int n;
        while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= n;
        }
    }

    // ---- /api/v1/tasks/{id} ----

    /** The task named in the path, if the bearer token is valid for it; one answer for every refusal. */
    private TaskId authorised(Exchange ex, String rawId) {
        String auth = ex.req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        TaskId id;
        try {
            id = TaskId.of(rawId);
        } catch (ProgressException e) {
            throw ApiException.of(WebErrorCode.FORBIDDEN);
        }
        if (!tokens.verify(token, id) || engine.find(id).isEmpty()) {
            throw ApiException.of(WebErrorCode.FORBIDDEN);
        }
        return id;
    }

    private void status(Exchange ex, TaskId id) throws IOException {
        TaskSnapshot s = engine.find(id).orElseThrow(() -> ApiException.of(WebErrorCode.FORBIDDEN));
        ex.resp.setHeader("Cache-Control", "no-store");
        sendJson(ex, 200, statusMessage(s));
    }

    private void cancel(Exchange ex, TaskId id) throws IOException {
        CancelOutcome outcome = engine.cancel(id);
        if (outcome == CancelOutcome.UNKNOWN) {
            throw ApiException.of(WebErrorCode.FORBIDDEN);
        }
        TaskSnapshot s = engine.find(id).orElseThrow(() -> ApiException.of(WebErrorCode.FORBIDDEN));
        ObjectNode answer = statusMessage(s);
        answer.put("cancel", outcome.name().toLowerCase(Locale.ROOT));
        sendJson(ex, outcome == CancelOutcome.ALREADY_ENDED ? 409 : 202, answer);
    }

    private void result(Exchange ex, TaskId id, Locale locale) throws IOException {
        String format = query(ex).getOrDefault("format", "json").toLowerCase(Locale.ROOT);
        if (!format.equals("json") && !format.equals("csv")) {
            throw ApiException.forField(WebErrorCode.UNSUPPORTED_VALUE, "format", "format", format);
        }
        TaskSnapshot s = engine.find(id).orElseThrow(() -> ApiException.of(WebErrorCode.FORBIDDEN));
        // Everything comes from the task as the store keeps it, so any node answers, also after a restart.
        TaskEvent.Terminal end = s.outcome().orElse(null);
        if (end instanceof TaskEvent.Failed f) {
            if (s.type().equals(TASK_TYPE) && f.error().code().startsWith("ETO-")) {
                throw CalculationTask.invalidInput(f.error());
            }
            if (f.error().code().startsWith("SRC-")) {
                // A weather service's failure in the "by location" mode: its code and message, as a gateway error.
                throw new ApiException(502, f.error().code(), f.error().messageKey(), f.error().args(), null, -1);
            }
        }
        if (s.state() != TaskState.SUCCEEDED || !(end instanceof TaskEvent.Completed c)
                || !(c.result() instanceof TaskResult.Value v)) {
            throw ApiException.of(WebErrorCode.NOT_FINISHED, s.state().wireName());
        }
        Outcome outcome = Outcome.from(v.value(), json);
        if (format.equals("csv")) {
            ex.resp.setHeader("Content-Disposition",
                    "attachment; filename=\"eto-" + id.value().substring(0, Math.min(8, id.value().length())) + ".csv\"");
            send(ex, 200, "text/csv; charset=utf-8", ResultWriter.csv(outcome, locale).getBytes(StandardCharsets.UTF_8));
        } else {
            sendJson(ex, 200, ResultWriter.json(id, outcome));
        }
    }

    // ---- helpers ----

    private Locale locale(Exchange ex) {
        String lang;
        try {
            lang = query(ex).get("lang");
        } catch (ApiException e) {
            lang = null;   // an unreadable query is reported in English by the route itself
        }
        if (lang != null && !lang.isBlank()) {
            return messages.resolve(Locale.forLanguageTag(lang.trim().replace('_', '-')));
        }
        return messages.negotiate(ex.req.getHeader("Accept-Language"));
    }

    private static void requireMethod(String method, String expected) {
        if (!method.equals(expected)) {
            throw ApiException.of(WebErrorCode.METHOD_NOT_ALLOWED, method);
        }
    }

    static Map<String, String> query(Exchange ex) {
        Map<String, String> q = new HashMap<>();
        String raw = ex.req.getQueryString();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                q.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            }
        }
        return q;
    }

    private void sendError(Exchange ex, Locale locale, ApiException e) throws IOException {
        if (e.status() == 405) {
            ex.resp.setHeader("Allow", "GET, POST, DELETE");
        }
        sendJson(ex, e.status(), errorBody(messages, locale, e));
    }

    /**
     * The app's error answer, {@code {"error":{"code","message","field","row","fieldInMessage","messageKey",
     * "args"}}}, with the message in {@code locale}; the one shape of every error the server writes.
     */
    static Map<String, Object> errorBody(Messages messages, Locale locale, ApiException e) {
        List<Object> args = e.args();
        if (!e.fieldInMessage() && e.field() != null && !args.isEmpty() && e.field().equals(args.get(0))
                && messages.contains("field." + e.field())) {
            // A request parameter is named by its label: "Elevation must be a number."
            args = new java.util.ArrayList<>(args);
            args.set(0, messages.format(locale, "field." + e.field()));
        }
        String message = messages.describe(locale, new Problem(e.messageKey(), args,
                e.fieldInMessage() ? e.field() : null, e.row()));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", e.code());
        error.put("message", message);
        error.put("field", e.field());
        error.put("row", e.row() < 0 ? null : e.row() + 1);
        error.put("fieldInMessage", e.fieldInMessage());
        error.put("messageKey", e.messageKey());
        error.put("args", e.args().stream().map(a -> a instanceof Number || a instanceof Boolean || a == null ? a
                : a.toString()).toList());
        return Map.of("error", error);
    }

    private void sendJson(Exchange ex, int status, Object body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", json.writeValueAsBytes(body));
    }

    static void send(Exchange ex, int status, String contentType, byte[] body) throws IOException {
        send(ex.resp, status, contentType, body);
    }

    static void send(HttpServletResponse resp, int status, String contentType, byte[] body) throws IOException {
        resp.setStatus(status);
        resp.setHeader("Content-Type", contentType);
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setContentLength(body.length);
        if (body.length > 0) {
            try (OutputStream out = resp.getOutputStream()) {
                out.write(body);
            }
        }
    }

    /**
     * The status of a task: protocol v1's {@code snapshot} frame, exactly as the WebSocket and the event stream
     * send it first (a large result given as {@code resultUrl}), plus the task's links.
     */
    private ObjectNode statusMessage(TaskSnapshot s) throws IOException {
        String frame = protocol.encode(new TaskEvent.Snapshot(s.id(), s.seq(), clock.instant(), s, List.of()));
        ObjectNode m = (ObjectNode) json.readTree(frame);
        m.put("websocketUrl", links.webSocket(s.id()));
        m.put("eventsUrl", links.events(s.id()));
        m.put("statusUrl", links.status(s.id()));
        m.put("resultUrl", links.result(s.id()));
        return m;
    }

    /** A request and its response, as the handlers of this class take them. */
    record Exchange(HttpServletRequest req, HttpServletResponse resp) {
        String path() {
            // Decoded and normalised by the container; the servlet is mapped at /api/*.
            return req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        }

        String method() {
            return req.getMethod();
        }
    }

}
