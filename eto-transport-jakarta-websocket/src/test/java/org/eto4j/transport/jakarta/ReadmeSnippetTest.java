package org.eto4j.transport.jakarta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.eto4j.transport.TaskTokens;
import org.eto4j.transport.TaskUpdate;
import org.eto4j.transport.websocket.TaskEventClient;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's "Live progress in Jetty 12 with Jakarta WebSocket" snippet, compiled and run as written (only its
 * free variables are defined here); the README must contain exactly the lines between the markers.
 */
class ReadmeSnippetTest {
    /** What the snippet's listener logs: the update types, in order. */
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private final CountDownLatch snapshotLogged = new CountDownLatch(1);
    private final Logger log = recording(LoggerFactory.getLogger(ReadmeSnippetTest.class));
    private static final Path SOURCE = Path.of("src/test/java/org/eto4j/transport/jakarta/ReadmeSnippetTest.java");
    private static final Path README = Path.of("README.md");
    /** The project's README shows the same snippet. */
    private static final Path PROJECT_README = Path.of("../README.md");

    private final byte[] secretKey = TaskTokens.generateKey();
    /** Five days of work that begins once the client has its snapshot, so that it sees live progress. */
    private final Task task = ctx -> {
        ctx.stage(Stage.COMPUTE, "Piracicaba");
        ctx.total(5);
        snapshotLogged.await(30, TimeUnit.SECONDS);
        for (int day = 0; day < 5; day++) {
            new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS); // a day's computation
            ctx.advance(1);
            ctx.throwIfCancellationRequested();
        }
        return TaskResult.of(4.57);
    };

    @Test
    void snippetServesATasksProgressToAClient() throws Exception {
        int port = freePort();
        // README-BEGIN
        TaskEngine engine = TaskEngine.builder().build();
        JakartaWebSocketTransport events = JakartaWebSocketTransport.builder(engine)
                .tokenKey(secretKey)                                // >= 32 bytes, shared with the REST API
                .allowedOrigins(Set.of("https://app.example.org"))
                .build();                                           // ready to serve: its timer runs

        Server server = new Server(port);                           // Jetty 12, ee10 environment
        ServletContextHandler context = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> container.addEndpoint(events.endpointConfig()));
        server.setHandler(context);
        server.start();                                             // ws://localhost:<port>/ws/{taskId}

        TaskId id = engine.submit(task);
        String token = events.tokens().issue(id);                   // return {id, token} to the submitter
        TaskEventClient client = TaskEventClient.connect(URI.create("ws://localhost:" + port), id, token,
                update -> log.info("{} #{}", update.type(), update.seq()));   // or a browser, see below
        TaskUpdate.Terminal end = client.outcome().get(1, TimeUnit.MINUTES);

        events.stop();                                              // every session closed with 1001
        server.stop();
        engine.shutdown(Duration.ofSeconds(5));
        // README-END
        client.close();
        TaskUpdate.Completed done = assertInstanceOf(TaskUpdate.Completed.class, end);
        assertEquals(4.57, ((Number) done.result()).doubleValue());
        assertEquals("snapshot", logged.get(0), logged::toString);
        assertTrue(logged.contains("progress"), logged::toString);
        assertEquals("completed", logged.get(logged.size() - 1), logged::toString);
        assertEquals(0, events.stats().openConnections());
    }

    @Test
    void readmeContainsExactlyTheSnippet() throws IOException {
        List<String> snippet = new ArrayList<>();
        boolean inside = false;
        for (String line : Files.readAllLines(SOURCE, StandardCharsets.UTF_8)) {
            if (line.strip().equals("// README-END")) {
                break;
            }
            if (inside) {
                snippet.add(line.isBlank() ? "" : line.substring(8)); // the method body's indentation
            }
            inside |= line.strip().equals("// README-BEGIN");
        }
        assertTrue(snippet.size() > 15, () -> "markers not found: " + snippet);
        for (Path readme : List.of(README, PROJECT_README)) {
            assertTrue(Files.readString(readme, StandardCharsets.UTF_8)
                            .contains("```java\n" + String.join("\n", snippet) + "\n```\n"),
                    readme + " must contain the snippet of ReadmeSnippetTest, between ```java and ```:\n"
                            + String.join("\n", snippet));
        }
    }

    /** The logger, recording the first argument of two-argument {@code info} calls (the update type). */
    private Logger recording(Logger real) {
        return (Logger) Proxy.newProxyInstance(Logger.class.getClassLoader(), new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("info") && args != null && args.length == 3) {
                        logged.add(String.valueOf(args[1]));
                        if ("snapshot".equals(String.valueOf(args[1]))) {
                            snapshotLogged.countDown();
                        }
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
