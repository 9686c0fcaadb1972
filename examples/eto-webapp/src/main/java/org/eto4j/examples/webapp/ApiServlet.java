package org.eto4j.examples.webapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    private final transient UploadBudget uploads;
    private final transient ProtocolV1 protocol;
    private final transient Links links;
    private final transient TrustedProxies proxies;
    private final transient Clock clock;
    private final transient LocationCalculations locations;
    private final transient TaskStores stores;

    ApiServlet(WebAppConfig config, TaskEngine engine, Messages messages, ObjectMapper json, TaskTokens tokens,
               RateLimiter limiter, ProtocolV1 protocol, Links links, TrustedProxies proxies,
               LocationCalculations locations, Clock clock, TaskStores stores) {
        this.config = config;
        this.engine = engine;
        this.messages = messages;
        this.json = json;
        this.tokens = tokens;
        this.limiter = limiter;
        this.parser = new InputParser(json, config.maxRows());
        this.uploads = new UploadBudget(config.uploadBytesInFlightLimit());
        this.protocol = protocol;
        this.links = links;
        this.proxies = proxies;
        this.clock = clock;
        this.locations = locations;
        this.stores = stores;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Exchange ex = new Exchange(req, resp);
        // Task data and errors must never be kept by a browser or a proxy cache (a shared computer, a CDN): every
        // API answer says so; only the message bundles, which are the same for everyone, override it.
        resp.setHeader("Cache-Control", "no-store");
        Locale locale = locale(ex);
        try {
            route(ex, locale);
        } catch (ApiException e) {
            sendError(ex, locale, e);
        } catch (EtoException e) {
            sendError(ex, locale, ApiException.of(400, e));
        } catch (org.eto4j.sources.SourceException e) {
            sendError(ex, locale, LocationCalculations.rejected(e));
        } catch (org.eto4j.progress.store.TaskStoreUnavailableException e) {
            // The task store (its database) is unreachable or refusing: the client may retry later; the cause stays
            // in the log. The SPI's own type, so that any store (PostgresStoreException is one) is caught here.
            // The stable code of every 503, with a message that says what is wrong (not "busy").
            LOG.warn("request {} {}: task store unavailable", ex.method(), ex.path(), e);
            sendError(ex, locale, new ApiException(WebErrorCode.UNAVAILABLE.status(), WebErrorCode.UNAVAILABLE.code(),
                    STORE_UNAVAILABLE_KEY, List.of(), null, -1));
        } catch (org.eclipse.jetty.http.BadMessageException e) {
            // The container refused the request while it was read: a body slower than the minimum data rate
            // (408), or one it could not decode. The client's doing, not a server failure: its status, no stack.
            LOG.debug("request {} {} refused by the container: {}", ex.method(), ex.path(), e.getMessage());
            resp.setHeader("Connection", "close");
            sendError(ex, locale, e.getCode() == 408 ? ApiException.of(WebErrorCode.REQUEST_TIMEOUT)
                    : new ApiException(e.getCode() >= 400 && e.getCode() < 500 ? e.getCode() : 400,
                    WebErrorCode.MALFORMED_REQUEST.code(), WebErrorCode.MALFORMED_REQUEST.messageKey(), List.of(),
                    null, -1));
        } catch (RuntimeException e) {
            LOG.error("request {} {} failed", ex.method(), ex.path(), e);
            sendError(ex, locale, ApiException.of(WebErrorCode.INTERNAL));
        }
    }

    private void route(Exchange ex, Locale locale) throws IOException {
        String path = ex.path();
        String method = ex.method();
        if (path.equals("/api/v1/calculations") || path.equals("/api/v1/calculations/")) {
            requireMethod(ex, "POST");
            submit(ex);
            return;
        }
        Matcher m = TASK.matcher(path);
        if (m.matches()) {
            TaskId id = authorised(ex, m.group(1));
            if (m.group(2) != null) {
                requireMethod(ex, "GET");
                result(ex, id, locale);
            } else if (method.equals("GET")) {
                status(ex, id);
            } else if (method.equals("DELETE")) {
                cancel(ex, id);
            } else {
                throw notAllowed(ex, "GET", "DELETE");
            }
            return;
        }
        Matcher i = I18N.matcher(path);
        if (i.matches()) {
            requireMethod(ex, "GET");
            Locale requested = messages.resolve(Locale.forLanguageTag(i.group(1).replace('_', '-')));
            ex.resp.setHeader("Cache-Control", "no-cache");
            send(ex, 200, "application/json; charset=utf-8",
                    messages.toJson(requested).getBytes(StandardCharsets.UTF_8));
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
            // The client is still sending its body: read and drop it (at most --max-body-bytes, in a fixed buffer;
            // a trickling one is cut off by SlowBodyGuard), so that it reads the 429 instead of a reset.
            drain(ex.req.getInputStream(), config.maxBodyBytes());
            throw ApiException.of(WebErrorCode.RATE_LIMITED);
        }
        String type = Optional.ofNullable(ex.req.getHeader("Content-Type")).orElse("")
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.equals("text/csv")) {
            throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, type);
        }
        // A registered type and JSON-able parameters, never a task object: a durable store keeps them, and
        // whichever node claims the task (this one, another, or this one after a restart) makes the task.
        Object parameters;
        String taskType;
        Map<String, String> query = query(ex);
        try (Upload upload = Upload.open(ex, config.maxBodyBytes(), uploads)) {
            if (type.equals("application/json")) {
                InputParser.Submission s = upload.read(parser::read);
                if (s.location() != null) {
                    parameters = locations.parameters(s.location());
                    taskType = org.eto4j.sources.EtoTask.TYPE;
                } else {
                    parameters = s.input().toParameters();
                    taskType = TASK_TYPE;
                }
            } else {
                CalculationInput input = upload.read(r -> parser.fromCsv(r, query, upload.expectedBytes()));
                parameters = input.toParameters();
                taskType = TASK_TYPE;
            }
        }
        // Admission: a result the store could not keep for its promised time is refused now, not lost later.
        TaskId id;
        try {
            id = stores.submitIfRoom(TaskStores.expectedWeight(parameters, config.maxRows()),
                    () -> engine.submit(taskType, parameters, TaskOptions.defaults())).orElse(null);
        } catch (TaskRejectedException e) {
            throw ApiException.of(WebErrorCode.UNAVAILABLE);
        }
        if (id == null) {
            ex.resp.setHeader("Retry-After", String.valueOf(FULL_RETRY_AFTER_SECONDS));
            throw ApiException.of(WebErrorCode.FULL);
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

    /**
     * How much of a body declared larger than {@code --max-body-bytes} is read and dropped before the 413 is sent.
     * A client is usually still sending when the refusal is decided; if the server closed the connection on
     * unread data, the client could see a reset instead of the answer. A refusal decided while reading a body
     * within the limit (too many rows, a bad cell) or over it while streaming drains the rest, at most the larger of
     * {@code --max-body-bytes} and this, in a fixed buffer; a body that trickles is cut off by {@link SlowBodyGuard}
     * meanwhile.
     */
    private static final long REFUSED_BODY_DRAIN_BYTES = 1L << 20;

    /**
     * Retry-After of a refusal because the server holds as many results as it may ({@link WebErrorCode#FULL}):
     * room appears as results are downloaded and their minimum retention passes, or as they expire.
     */
    static final int FULL_RETRY_AFTER_SECONDS = 30;
    /** Upload bytes reserved from the shared bound at a time while a body of unknown length is read. */
    private static final int RESERVATION_STEP = 64 * 1024;
    /** The Retry-After of an upload refused because too many bytes are in flight, in seconds. */
    static final String UPLOADS_RETRY_AFTER_SECONDS = "2";

    /**
     * Most uploads read at once: half the HTTP server's threads. A body is read with blocking reads, which hold
     * a thread while its client is slow; past this many, an upload is refused with 503 at once (its connection
     * closed), so that slow uploads never take the threads that the status, the results and the page need.
     */
    static final int MAX_UPLOADS_READING = WebApp.MAX_HTTP_THREADS / 2;

    /**
     * The bounds of uploads in flight over all requests: their bytes ({@code --max-upload-bytes-in-flight}) and
     * their number ({@link #MAX_UPLOADS_READING}). A body reserves its declared length before it is read (or,
     * without one, 64 KiB at a time as it arrives), and gives it back when it has been parsed. A reservation
     * that does not fit is refused with 503.
     */
    static final class UploadBudget {
        private final long limit;
        private final java.util.concurrent.atomic.AtomicLong used = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.Semaphore reading = new java.util.concurrent.Semaphore(MAX_UPLOADS_READING);

        UploadBudget(long limit) {
            this.limit = limit;
        }

        boolean tryReserve(long bytes) {
            while (true) {
                long u = used.get();
                if (u + bytes > limit) {
                    return false;
                }
                if (used.compareAndSet(u, u + bytes)) {
                    return true;
                }
            }
        }

        void release(long bytes) {
            used.addAndGet(-bytes);
        }

        /** Bytes reserved now. */
        long used() {
            return used.get();
        }
    }

    /**
     * A request body being read: strict UTF-8 text from a stream that counts the bytes as they arrive, refuses
     * the first byte over {@code --max-body-bytes} with 413, and holds its bytes' reservation in the
     * {@link UploadBudget}. When reading fails (a limit, a parse error) the rest is read and dropped, up to the
     * larger of {@code --max-body-bytes} and {@link #REFUSED_BODY_DRAIN_BYTES}, so that the client reads the answer.
     */
    static final class Upload extends InputStream implements AutoCloseable {
        private final Exchange ex;
        private final InputStream in;
        private final long maxBytes;
        private final UploadBudget budget;
        private final long declared;
        private long read;
        private long reserved;
        private boolean closed;

        private Upload(Exchange ex, InputStream in, long maxBytes, UploadBudget budget, long declared) {
            this.ex = ex;
            this.in = in;
            this.maxBytes = maxBytes;
            this.budget = budget;
            this.declared = declared;
        }

        static Upload open(Exchange ex, long maxBytes, UploadBudget budget) throws IOException {
            String length = ex.req.getHeader("Content-Length");
            long declared = -1;
            if (length != null) {
                try {
                    declared = Long.parseLong(length.trim());
                } catch (NumberFormatException e) {
                    throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
                }
                if (declared > maxBytes) {
                    drain(ex.req.getInputStream(), REFUSED_BODY_DRAIN_BYTES);
                    throw ApiException.of(WebErrorCode.BODY_TOO_LARGE, maxBytes);
                }
            }
            if (!budget.reading.tryAcquire()) {
                // Not drained: reading a slow body is what holds the threads. The connection is closed instead.
                ex.resp.setHeader("Connection", "close");
                ex.resp.setHeader("Retry-After", UPLOADS_RETRY_AFTER_SECONDS);
                throw ApiException.of(WebErrorCode.UNAVAILABLE);
            }
            Upload u = new Upload(ex, ex.req.getInputStream(), maxBytes, budget, declared);
            try {
                if (declared > 0) {
                    u.reserve(declared);
                }
            } catch (RuntimeException e) {
                u.close();
                throw e;
            }
            return u;
        }

        /** The declared length, or 0 when the body is chunked. */
        long expectedBytes() {
            return Math.max(0, declared);
        }

        /** Parses the body as strict UTF-8 text; on a refusal, drains the rest before the answer. */
        <T> T read(java.util.function.Function<java.io.Reader, T> parse) throws IOException {
            java.io.Reader reader = new java.io.InputStreamReader(this, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            try {
                return parse.apply(reader);
            } catch (java.io.UncheckedIOException e) {
                if (e.getCause() instanceof CharacterCodingException) {
                    drainQuietly();
                    throw ApiException.of(WebErrorCode.UNSUPPORTED_MEDIA_TYPE, "binary");
                }
                throw e.getCause();
            } catch (org.eclipse.jetty.http.BadMessageException e) {
                throw e;   // the container refused the body (too slow, malformed): nothing more is read
            } catch (RuntimeException e) {
                drainQuietly();
                throw e;
            }
        }

        private void drainQuietly() {
            try {
                drain(in, Math.max(REFUSED_BODY_DRAIN_BYTES, maxBytes));
            } catch (IOException | RuntimeException ignored) {
                // the client went away or the container refused the rest: the answer goes out all the same
            }
        }

        private void reserve(long bytes) {
            if (!budget.tryReserve(bytes)) {
                // Not drained (the rest may be large or slow): the connection is closed after the answer.
                ex.resp.setHeader("Connection", "close");
                ex.resp.setHeader("Retry-After", UPLOADS_RETRY_AFTER_SECONDS);
                throw ApiException.of(WebErrorCode.UNAVAILABLE);
            }
            reserved += bytes;
        }

        private void count(int n) {
            if (n <= 0) {
                return;
            }
            read += n;
            if (read > maxBytes) {
                throw ApiException.of(WebErrorCode.BODY_TOO_LARGE, maxBytes);
            }
            if (read > reserved) {
                reserve(Math.min(Math.max(RESERVATION_STEP, read - reserved), maxBytes - reserved));
            }
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            count(b < 0 ? 0 : 1);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            count(n);
            return n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                budget.release(reserved);
                budget.reading.release();
                reserved = 0;
            }
        }
    }

    /** Reads and drops up to {@code limit} bytes of a refused body, in a fixed buffer. */
    private static void drain(InputStream in, long limit) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        long left = limit;
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
            if (f.error().code().startsWith("FUS-")) {
                // The fused estimate's calibration could not serve the data (e.g. a region it was not fitted for).
                throw new ApiException(422, f.error().code(), f.error().messageKey(), f.error().args(), null, -1);
            }
        }
        if (s.state() != TaskState.SUCCEEDED || !(end instanceof TaskEvent.Completed c)
                || !(c.result() instanceof TaskResult.Value v)) {
            throw ApiException.of(WebErrorCode.NOT_FINISHED, s.state().wireName());
        }
        Outcome outcome = Outcome.from(v.value(), json);
        if (format.equals("csv")) {
            ex.resp.setHeader("Content-Disposition",
                    "attachment; filename=\"eto-"
                    + id.value().substring(0, Math.min(8, id.value().length())) + ".csv\"");
            send(ex, 200, "text/csv; charset=utf-8", ResultWriter.csvBytes(outcome, locale));
        } else {
            sendJson(ex, 200, ResultWriter.json(id, outcome));
        }
        // Written in full (a failed write threw): the result was delivered, so its retention promise may end.
        stores.resultRead(id);
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

    /** Refuses with 405 unless the request's method is {@code expected}, the route's only one. */
    private static void requireMethod(Exchange ex, String expected) {
        if (!ex.method().equals(expected)) {
            throw notAllowed(ex, expected);
        }
    }

    /** The 405 of a route, its {@code Allow} header naming exactly the methods that route answers (RFC 9110 15.5.6). */
    private static ApiException notAllowed(Exchange ex, String... allowed) {
        ex.resp.setHeader("Allow", String.join(", ", allowed));
        return ApiException.of(WebErrorCode.METHOD_NOT_ALLOWED, ex.method());
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
                q.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
                        URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiException.of(WebErrorCode.MALFORMED_REQUEST);
            }
        }
        return q;
    }

    private void sendError(Exchange ex, Locale locale, ApiException e) throws IOException {
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
        ObjectNode m;
        if (certainlyLarge(s)) {
            // The codec writes a result inline first and only then sees it is too large and writes the frame again
            // with resultUrl: for a 30-year result that is 700 KB of JSON made and dropped on every poll (19 % of
            // the app's CPU in the bulk load run). A result this large is never inline, so the frame is made with
            // an empty result and that field becomes resultUrl, as the codec would have written it.
            TaskEvent.Completed c = (TaskEvent.Completed) s.outcome().orElseThrow();
            TaskSnapshot light = new TaskSnapshot(s.id(), s.type(), s.state(), s.attempt(), s.seq(), s.createdAt(),
                    s.startedAt(), s.endedAt(), s.progress(), s.cancelRequested(), Optional.of(new TaskEvent.Completed(
                    c.taskId(), c.seq(), c.timestamp(), c.from(), TaskResult.of(Map.of()))));
            ObjectNode inline = (ObjectNode) json.readTree(
                    protocol.encode(new TaskEvent.Snapshot(s.id(), s.seq(), clock.instant(), light, List.of())));
            m = json.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> f = inline.fields(); f.hasNext(); ) {
                Map.Entry<String, JsonNode> field = f.next();
                if (field.getKey().equals("result")) {
                    m.put("resultUrl", links.resultUri(s.id()).toString());
                } else {
                    m.set(field.getKey(), field.getValue());
                }
            }
        } else {
            m = (ObjectNode) json.readTree(
                    protocol.encode(new TaskEvent.Snapshot(s.id(), s.seq(), clock.instant(), s, List.of())));
        }
        m.put("websocketUrl", links.webSocket(s.id()));
        m.put("eventsUrl", links.events(s.id()));
        m.put("statusUrl", links.status(s.id()));
        m.put("resultUrl", links.result(s.id()));
        return m;
    }

    /**
     * Whether the task's result is a calculation's {@link Outcome} (or its maps, as a durable store reads it back)
     * whose JSON is certainly longer than {@link WebApp#MAX_INLINE_RESULT_BYTES}: every row writes at least
     * {@value #MIN_ROW_JSON_CHARS} characters ({@code {"period":"","days":0,"eto":0.0,"flags":0}} and a comma).
     */
    private static boolean certainlyLarge(TaskSnapshot s) {
        if (!(s.outcome().orElse(null) instanceof TaskEvent.Completed c && c.result() instanceof TaskResult.Value v)) {
            return false;
        }
        long rows = v.value() instanceof Outcome o ? o.rows().size()
                : v.value() instanceof Map<?, ?> m && m.get("rows") instanceof List<?> l ? l.size() : 0;
        return rows * MIN_ROW_JSON_CHARS > WebApp.MAX_INLINE_RESULT_BYTES;
    }

    /** The fewest characters a result row takes in JSON, whatever its values. */
    static final int MIN_ROW_JSON_CHARS = 40;

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
