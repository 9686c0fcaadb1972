package org.eto4j.transport.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.progress.TaskId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kit's SSE client against canned responses: what it records, and the violations it reports. */
class SseContractClientTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ID = TaskId.random().value();
    private static final String SNAPSHOT = "{\"v\":1,\"type\":\"snapshot\",\"taskId\":\"" + ID + "\",\"seq\":3,"
            + "\"ts\":\"2026-11-28T21:00:03.250Z\",\"state\":\"running\",\"progress\":{\"done\":40,\"total\":100,"
            + "\"fraction\":0.4,\"stage\":\"compute\",\"messageKey\":\"task.stage.compute\",\"args\":[],"
            + "\"etaMs\":1800}}";
    private static final String PROGRESS = SNAPSHOT.replace("\"snapshot\"", "\"progress\"")
            .replace("\"seq\":3", "\"seq\":4")
            .replace(",\"state\":\"running\"", "");

    private final AtomicReference<Canned> canned = new AtomicReference<>();
    private HttpServer server;
    private ContractClients clients;

    private record Canned(int status, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/events", exchange -> {
            Canned c = canned.get();
            byte[] body = c.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type",
                    c.status() == 200 ? "text/event-stream;charset=utf-8" : "application/json");
            exchange.sendResponseHeaders(c.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        clients = new ContractClients(TransportUnderTest.Kind.SSE);
    }

    @AfterEach
    void stop() {
        clients.close();
        server.stop(0);
    }

    private ContractClient open(int status, String body) {
        canned.set(new Canned(status, body));
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events/" + ID);
        return clients.open(endpoint, SubscribeRequest.token("t").since(2));
    }

    @Test
    void recordsFramesHeartbeatsAndTheCloseEvent() {
        ContractClient c = open(200, "retry: 2000\n\nid: 3\nevent: snapshot\ndata: " + SNAPSHOT + "\n\n"
                + ": heartbeat 3\n\nid: 4\nevent: progress\ndata: " + PROGRESS + "\n\n"
                + "event: close\ndata: {\"v\":1,\"type\":\"close\",\"code\":1000,"
                + "\"messageKey\":\"transport.close.1000\"}\n\n");
        assertEquals(1000, c.awaitClose(WAIT));
        assertEquals(ContractClient.Ending.CLOSED, c.ending());
        assertEquals(List.of("snapshot", "progress"), c.types());
        assertEquals(1, c.heartbeats().size());
        assertEquals(1, c.heartbeats().get(0).framesBefore());
        assertEquals(4, c.lastSeq());
        assertEquals(List.of(), c.violations());
        assertEquals(2000, ((SseContractClient) c).retryMillis);
    }

    @Test
    void reportsAMissingRetryHintAMismatchedIdAndAStreamThatEndsWithoutCloseEvent() {
        ContractClient c = open(200, "id: 9\nevent: snapshot\ndata: " + SNAPSHOT + "\n\n");
        assertEquals(ContractClient.ABNORMAL_CLOSURE, c.awaitClose(WAIT));
        assertEquals(ContractClient.Ending.DROPPED, c.ending());
        List<String> violations = c.violations();
        assertTrue(violations.stream().anyMatch(v -> v.contains("retry")), violations::toString);
        assertTrue(violations.stream().anyMatch(v -> v.contains("id: 9")), violations::toString);
    }

    @Test
    void mapsRefusalsToCloseCodesAndChecksTheirBody() {
        ContractClient forbidden = open(403, "{\"code\":4403,\"messageKey\":\"transport.close.4403\"}");
        assertEquals(4403, forbidden.awaitClose(WAIT));
        assertEquals(ContractClient.Ending.REFUSED, forbidden.ending());
        assertEquals(List.of(), forbidden.violations());

        ContractClient wrongBody = open(400, "{\"code\":4403}");
        assertEquals(4400, wrongBody.awaitClose(WAIT));
        assertEquals(1, wrongBody.violations().size(), wrongBody::toString);

        assertEquals(1001, ContractClients.closeCodeOfStatus(503));
        assertEquals(1011, ContractClients.closeCodeOfStatus(500));
        assertEquals(405, ContractClients.closeCodeOfStatus(405));
    }
}
