package org.eto4j.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.eto4j.transport.ProtocolV1;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.TaskUpdateListener;

/**
 * A minimal protocol v1 Server-Sent Events subscriber for the fan-out benchmark: one streaming {@code GET} on a
 * shared JDK {@link HttpClient} (HTTP/1.1, so one connection per subscriber, as a browser's {@code EventSource}
 * has), its body read line by line as it arrives ({@link HttpResponse.BodyHandlers#fromLineSubscriber}), records
 * assembled from {@code id:}, {@code event:} and {@code data:} lines and each record's data decoded with
 * {@link ProtocolV1#decode}, as {@code TaskEventClient} decodes a WebSocket text frame.
 *
 * <p>It does what the benchmark needs and no more: no reconnection ({@code retry:} is ignored), no
 * {@code Last-Event-ID} resume, and an {@code event: close} record or the end of the body only ends the stream.
 * A refusal (a status other than 200) or a failed connection fails {@link #ended()}.
 */
final class SseClient implements AutoCloseable {
    private final Parser parser;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    private SseClient(ProtocolV1 protocol, TaskUpdateListener listener) {
        this.parser = new Parser(protocol, listener, ended);
    }

    /**
     * Opens the stream; returns at once, the records arrive on the client's executor.
     *
     * @param http           the shared client; must allow HTTP/1.1 (the request asks for it)
     * @param endpoint       {@code http://host:port/<path>/<taskId>}
     * @param token          the task token, sent as {@code Authorization: Bearer}
     * @param protocol       decodes each record's data
     * @param listener       receives the decoded updates
     * @param connectTimeout the request's timeout (until the response headers arrive)
     * @return the subscription; {@link #close()} ends it
     */
    static SseClient open(HttpClient http, URI endpoint, String token, ProtocolV1 protocol,
                          TaskUpdateListener listener, Duration connectTimeout) {
        SseClient client = new SseClient(protocol, listener);
        HttpRequest request = HttpRequest.newBuilder(endpoint).version(HttpClient.Version.HTTP_1_1)
                .timeout(connectTimeout).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        http.sendAsync(request, info -> {
            if (info.statusCode() != 200) {
                client.ended.completeExceptionally(new IllegalStateException(
                        "HTTP " + info.statusCode() + " from " + endpoint));
                return HttpResponse.BodySubscribers.replacing(null);
            }
            // A null separator splits at \n, \r\n and \r, as the event-stream format does.
            return HttpResponse.BodySubscribers.fromLineSubscriber(client.parser, p -> null, StandardCharsets.UTF_8,
                    null);
        }).whenComplete((response, error) -> {
            if (error != null) {
                client.ended.completeExceptionally(error);
            }
        });
        return client;
    }

    /**
     * Completes when the stream ended normally (its body ended), fails when it was refused or broke.
     *
     * @return the end of the stream
     */
    CompletableFuture<Void> ended() {
        return ended;
    }

    /** Ends the stream: cancelling the body subscription closes the HTTP/1.1 connection. */
    @Override
    public void close() {
        parser.cancel();
        ended.complete(null);
    }

    /** The event-stream parser: lines in, one update per record out. Lines of one stream arrive in order. */
    private static final class Parser implements Flow.Subscriber<String> {
        private final ProtocolV1 protocol;
        private final TaskUpdateListener listener;
        private final CompletableFuture<Void> ended;
        private final StringBuilder data = new StringBuilder(256);
        private String event = "";
        private boolean hasData;
        private volatile Flow.Subscription subscription;
        private volatile boolean cancelled;

        Parser(ProtocolV1 protocol, TaskUpdateListener listener, CompletableFuture<Void> ended) {
            this.protocol = protocol;
            this.listener = listener;
            this.ended = ended;
        }

        void cancel() {
            cancelled = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (cancelled) {
                s.cancel();
            } else {
                s.request(Long.MAX_VALUE);
            }
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                dispatch();
            } else if (line.charAt(0) == ':') {
                return; // comment: a heartbeat
            } else if (line.startsWith("data:")) {
                if (hasData) {
                    data.append('\n');
                }
                data.append(line, value(line, 5), line.length());
                hasData = true;
            } else if (line.startsWith("event:")) {
                event = line.substring(value(line, 6));
            }
            // id: and retry: are what a reconnecting client would keep; this one does not reconnect.
        }

        /** Where a field's value starts: after the colon and one optional space. */
        private static int value(String line, int colon) {
            return colon < line.length() && line.charAt(colon) == ' ' ? colon + 1 : colon;
        }

        private void dispatch() {
            if (!hasData) {
                event = "";
                return;
            }
            String text = data.toString();
            String type = event;
            data.setLength(0);
            hasData = false;
            event = "";
            if ("close".equals(type)) {
                ended.complete(null);
                return;
            }
            Optional<TaskUpdate> update = protocol.decode(text);
            if (update.isPresent()) {
                listener.onUpdate(update.get());
            }
        }

        @Override
        public void onError(Throwable error) {
            if (!cancelled) {
                ended.completeExceptionally(error);
            }
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }
}
