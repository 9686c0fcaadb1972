package org.eto4j.transport.sse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An event-stream client on the JDK's {@code HttpClient}: parses the response as the WHATWG event stream
 * format does (fields, comments, blank line dispatches) on a reader thread.
 */
final class SseClient implements AutoCloseable {
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final ObjectMapper JSON = new ObjectMapper();

    /** A dispatched event, a comment line or a {@code retry} field. */
    record Event(String id, String event, String data, String comment, long retry, long nanos) {
        boolean isComment() {
            return comment != null;
        }

        boolean isRetry() {
            return retry >= 0;
        }

        long seq() {
            return Long.parseLong(id);
        }

        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    final HttpResponse<Stream<String>> response;
    final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    final CountDownLatch ended = new CountDownLatch(1);

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        if (response.statusCode() == 200) {
            Thread t = new Thread(this::read, "test-sse-client");
            t.setDaemon(true);
            t.start();
        } else {
            ended.countDown();
        }
    }

    /** Opens a stream; {@code headers} are name, value pairs. */
    static SseClient open(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseClient(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A plain request (for refusals); {@code headers} are name, value pairs. */
    static HttpResponse<String> request(String method, URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                long now = System.nanoTime();
                if (line.isEmpty()) {
                    if (data != null) {
                        events.add(new Event(id, event == null ? "message" : event, data.toString(), null, -1, now));
                    }
                    id = null; // recorded per event, to check what the server wrote on each
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, null, null, line.substring(1).strip(), -1, now));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        case "retry" -> events.add(new Event(null, null, null, null, Long.parseLong(value), now));
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // connection closed by the test or reset by the server
        } finally {
            ended.countDown();
        }
    }

    /** The next item of any kind. */
    Event next(Duration timeout) {
        try {
            Event e = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + timeout);
            }
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next dispatched event (comments and retry skipped). */
    Event nextEvent(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        for (;;) {
            Event e = next(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            if (!e.isComment() && !e.isRetry()) {
                return e;
            }
        }
    }

    /** Dispatched events up to and including {@code event: close}; then waits for the response to end. */
    List<Event> untilClose(Duration timeout) {
        List<Event> out = new ArrayList<>();
        long end = System.nanoTime() + timeout.toNanos();
        for (;;) {
            Event e = nextEvent(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
            out.add(e);
            if ("close".equals(e.event())) {
                break;
            }
        }
        awaitEnd(Duration.ofNanos(Math.max(1, end - System.nanoTime())));
        return out;
    }

    void awaitEnd(Duration timeout) {
        try {
            if (!ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("response did not end within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
