package org.eto4j.transport.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Flow;

/**
 * The Server-Sent Events client of the contract, on {@link HttpClient}: the response body arrives as lines
 * through a {@link Flow.Subscriber}, so a thousand streams need no thread each.
 */
final class SseContractClient extends RecordingClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private volatile Flow.Subscription subscription;
    private volatile boolean dropped;
    // Guarded by the line subscriber's serial delivery.
    private String id;
    private String event;
    private final StringBuilder data = new StringBuilder();
    private boolean anyData;
    private boolean firstRecord = true;
    private final StringBuilder refusalBody = new StringBuilder();
    /** The {@code retry:} hint, or -1 when none came. */
    volatile long retryMillis = -1;

    SseContractClient(HttpClient http, URI endpoint, SubscribeRequest request) {
        super(TransportUnderTest.Kind.SSE);
        StringBuilder query = new StringBuilder();
        if (request.query()) {
            if (request.token() != null) {
                query.append("token=").append(URLEncoder.encode(request.token(), StandardCharsets.UTF_8));
            }
            if (request.sinceSeq() != null) {
                query.append(query.length() > 0 ? "&" : "").append("sinceSeq=")
                        .append(URLEncoder.encode(request.sinceSeq(), StandardCharsets.UTF_8));
            }
        }
        URI target = query.length() == 0 ? endpoint : URI.create(endpoint + "?" + query);
        HttpRequest.Builder b = HttpRequest.newBuilder(target).GET().header("Accept", "text/event-stream");
        if (!request.query() && request.token() != null) {
            b.header("Authorization", "Bearer " + request.token());
        }
        if (!request.query() && request.sinceSeq() != null) {
            b.header("Last-Event-ID", request.sinceSeq());
        }
        if (request.origin() != null) {
            b.header("Origin", request.origin());
        }
        http.sendAsync(b.build(), info -> {
            httpStatus = info.statusCode();
            info.headers().map().forEach((k, v) -> {
                if (!v.isEmpty()) {
                    headers.put(k.toLowerCase(Locale.ROOT), v.get(0));
                }
            });
            return HttpResponse.BodySubscribers.fromLineSubscriber(new Lines(), s -> null, StandardCharsets.UTF_8,
                    "\n");
        }).whenComplete((response, error) -> {
            if (error != null) {
                end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
            }
        });
    }

    /** Receives the body line by line (serially, as the Flow contract guarantees). */
    private final class Lines implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (dropped) {
                s.cancel();
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String raw) {
            if (dropped) {
                return;
            }
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (httpStatus != 200) {
                refusalBody.append(line);
                return;
            }
            line(line);
        }

        @Override
        public void onError(Throwable t) {
            end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
        }

        @Override
        public void onComplete() {
            if (httpStatus != 200) {
                refused();
            } else {
                end(Ending.DROPPED, ABNORMAL_CLOSURE, null); // no-op when a close event came first
            }
        }
    }

    private void refused() {
        int code = ContractClients.closeCodeOfStatus(httpStatus);
        String body = refusalBody.toString();
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.path("code").asInt() != code
                    || !("transport.close." + code).equals(n.path("messageKey").asText())) {
                violation("HTTP " + httpStatus + " body " + body + " does not name close code " + code);
            }
        } catch (Exception e) {
            violation("HTTP " + httpStatus + " body is not JSON: " + body);
        }
        end(Ending.REFUSED, code, null);
    }

    private void line(String line) {
        if (line.isEmpty()) {
            dispatch();
            return;
        }
        if (line.startsWith(":")) {
            String comment = line.substring(1).trim();
            if (comment.startsWith("heartbeat")) {
                try {
                    onHeartbeat(Long.parseLong(comment.substring("heartbeat".length()).trim()), System.nanoTime());
                } catch (NumberFormatException e) {
                    violation("heartbeat comment without a seq: " + line);
                }
            }
            return;
        }
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        switch (field) {
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> {
                if (anyData) {
                    data.append('\n');
                }
                data.append(value);
                anyData = true;
            }
            case "retry" -> {
                try {
                    retryMillis = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    violation("retry: " + value);
                }
            }
            default -> violation("unknown field " + line);
        }
    }

    private void dispatch() {
        String e = event;
        String i = id;
        String d = data.toString();
        boolean hadData = anyData;
        event = null;
        id = null;
        data.setLength(0);
        anyData = false;
        if (!hadData) {
            if (firstRecord && retryMillis < 0 && e == null) {
                violation("the stream did not start with a retry: hint");
            }
            firstRecord = false;
            return;
        }
        if (firstRecord && retryMillis < 0) {
            violation("the stream did not start with a retry: hint");
        }
        firstRecord = false;
        if ("close".equals(e)) {
            try {
                JsonNode n = JSON.readTree(d);
                int code = n.path("code").asInt(-1);
                if (!"close".equals(n.path("type").asText())) {
                    violation("close event data " + d);
                }
                end(Ending.CLOSED, code, n.path("messageKey").asText(null));
            } catch (Exception ex) {
                violation("close event data is not JSON: " + d);
                end(Ending.CLOSED, -1, null);
            }
            return;
        }
        if (e == null) {
            violation("record without event: " + d);
        }
        if (i == null) {
            violation("record without id: " + d);
        }
        onFrameText(d, e, i);
    }

    @Override
    public void send(String text) {
        throw new UnsupportedOperationException("an SSE client sends nothing after its request");
    }

    @Override
    public void drop() {
        dropped = true;
        end(Ending.DROPPED, ABNORMAL_CLOSURE, null);
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel(); // the client closes the HTTP/1.1 connection of an unfinished body
        }
    }

    @Override
    public void close() {
        drop();
    }
}
