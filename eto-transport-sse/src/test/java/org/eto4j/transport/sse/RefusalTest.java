package org.eto4j.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.transport.TaskTokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What is refused before a stream starts, with which status and body, in both adapters; and CORS. */
class RefusalTest {
    private static final String FORBIDDEN = "{\"code\":4403,\"messageKey\":\"transport.close.4403\"}";
    private static final String MALFORMED = "{\"code\":4400,\"messageKey\":\"transport.close.4400\"}";

    private static void assertRefused(HttpResponse<String> r, int status, String body) {
        assertEquals(status, r.statusCode(), () -> r.uri() + " " + r.body());
        assertEquals(body, r.body());
        assertEquals("application/json;charset=utf-8",
                r.headers().firstValue("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void badTokensAndTasksGetOneAnswer403(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            TaskId other = f.submitGated(new CountDownLatch(1), 4, "done");
            TaskId unknown = TaskId.random();
            String expired = TaskTokens.builder().key(Fixture.KEY).ttl(Duration.ofSeconds(1))
                    .clock(Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC)).build().issue(id);
            String base = f.uri(id).toString();
            List<URI> forbidden = List.of(
                    URI.create(base),                                              // no token
                    URI.create(base + "?token=nope"),                              // malformed
                    URI.create(base + "?token=" + f.token(other)),                 // another task's
                    URI.create(base + "?token=" + expired),                        // expired
                    URI.create(f.uri(unknown) + "?token=" + f.token(unknown)),     // unknown task
                    URI.create(f.server.uri("not.a.task") + "?token=" + f.token(id)), // malformed id
                    URI.create(f.server.uri("") + "?token=" + f.token(id)));       // no id
            for (URI u : forbidden) {
                assertRefused(SseClient.request("GET", u), 403, FORBIDDEN);
            }
            assertRefused(SseClient.request("GET", f.uri(id), "Authorization", "Bearer " + f.token(other)),
                    403, FORBIDDEN);
            assertEquals(0, f.transport.stats().openConnections());
            assertEquals(0, f.transport.stats().openSubscriptions());
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void malformedResumePointsGet400(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            for (String bad : List.of("abc", "-1", "1.5", "99999999999999999999")) {
                assertRefused(SseClient.request("GET", f.uriWithToken(id), "Last-Event-ID", bad), 400, MALFORMED);
                assertRefused(SseClient.request("GET", URI.create(f.uriWithToken(id) + "&sinceSeq=" + bad)),
                        400, MALFORMED);
            }
            // Last-Event-ID wins over sinceSeq
            try (SseClient c = SseClient.open(URI.create(f.uriWithToken(id) + "&sinceSeq=x"), "Last-Event-ID", "0")) {
                assertEquals(200, c.status());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void otherMethodsGet405(Server.Kind kind) {
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
                HttpResponse<String> r = SseClient.request(method, f.uriWithToken(id));
                assertRefused(r, 405, MALFORMED);
                assertEquals("GET", r.headers().firstValue("Allow").orElse(null));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void aStoppedTransportAnswers503WithRetryAfter(Server.Kind kind) {
        try (Fixture f = new Fixture(kind, b -> b.retryHint(Duration.ofMillis(2500)))) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            f.transport.stop();
            HttpResponse<String> r = SseClient.request("GET", f.uriWithToken(id));
            assertRefused(r, 503, "{\"code\":1001,\"messageKey\":\"transport.close.1001\"}");
            assertEquals("3", r.headers().firstValue("Retry-After").orElse(null));
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void anEngineFailureGets500(Server.Kind kind) {
        try (Fixture f = new Fixture(kind, b -> { }, Duration.ofSeconds(30), RefusalTest::failingSubscribe)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            assertRefused(SseClient.request("GET", f.uriWithToken(id)), 500,
                    "{\"code\":1011,\"messageKey\":\"transport.close.1011\"}");
            assertEquals(0, f.transport.stats().openConnections());
        }
    }

    @ParameterizedTest
    @EnumSource(Server.Kind.class)
    void corsAllowsListedOriginsAndTheServersOwn(Server.Kind kind) {
        String app = "https://app.example.org";
        try (Fixture f = new Fixture(kind, b -> b.allowedOrigins(Set.of(app)))) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            try (SseClient c = SseClient.open(f.uriWithToken(id), "Origin", app)) {
                assertEquals(200, c.status());
                assertEquals(app, c.header("Access-Control-Allow-Origin"));
                assertEquals("Origin", c.header("Vary"));
                assertEquals("snapshot", c.nextEvent(Duration.ofSeconds(10)).event());
            }
            try (SseClient c = SseClient.open(f.uriWithToken(id), "Origin", "http://127.0.0.1:" + f.server.port())) {
                assertEquals(200, c.status(), "same origin");
                assertNull(c.header("Access-Control-Allow-Origin"));
            }
            assertRefused(SseClient.request("GET", f.uriWithToken(id), "Origin", "https://evil.example.org"),
                    403, FORBIDDEN);
            assertRefused(SseClient.request("GET", f.uriWithToken(id), "Origin", "http://127.0.0.1:1"),
                    403, FORBIDDEN);

            HttpResponse<String> preflight = SseClient.request("OPTIONS", f.uri(id), "Origin", app,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
            assertEquals(204, preflight.statusCode());
            assertEquals(app, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertEquals("GET", preflight.headers().firstValue("Access-Control-Allow-Methods").orElse(null));
            assertTrue(preflight.headers().firstValue("Access-Control-Allow-Headers").orElse("")
                    .contains("Authorization"));
            assertRefused(SseClient.request("OPTIONS", f.uri(id), "Origin", "https://evil.example.org",
                    "Access-Control-Request-Method", "GET"), 403, FORBIDDEN);
        }
        try (Fixture f = new Fixture(kind)) {
            TaskId id = f.submitGated(new CountDownLatch(1), 4, "done");
            assertRefused(SseClient.request("GET", f.uriWithToken(id), "Origin", app), 403, FORBIDDEN);
        }
    }

    /** The engine, except that subscribing throws. */
    static TaskEngine failingSubscribe(TaskEngine engine) {
        return (TaskEngine) Proxy.newProxyInstance(TaskEngine.class.getClassLoader(), new Class<?>[]{TaskEngine.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("subscribe")) {
                        throw new IllegalStateException("store down");
                    }
                    try {
                        return method.invoke(engine, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
