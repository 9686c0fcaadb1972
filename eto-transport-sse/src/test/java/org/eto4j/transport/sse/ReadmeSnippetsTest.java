package org.eto4j.transport.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eto4j.progress.Stage;
import org.eto4j.progress.Task;
import org.eto4j.progress.TaskEngine;
import org.eto4j.progress.TaskId;
import org.eto4j.progress.TaskResult;
import org.junit.jupiter.api.Test;

/**
 * The README's two snippets, compiled and run here: each serves live progress to a client, and the README holds
 * exactly the lines between the markers.
 */
class ReadmeSnippetsTest {
    private static final byte[] secretKey = Fixture.KEY;

    /** A task that starts its few progress steps once someone watches, so that the client sees them live. */
    private static Task liveTask(TaskEngine engine) {
        return ctx -> {
            while (engine.stats().openSubscriptions() == 0) {
                Fixture.pause(ctx);
            }
            ctx.stage(Stage.COMPUTE, "Piracicaba");
            ctx.total(5);
            for (int i = 0; i < 5; i++) {
                ctx.advance(1);
                Fixture.pause(ctx);
            }
            return TaskResult.of(4.57);
        };
    }

    private static TaskEngine engine() {
        return TaskEngine.builder().workers(1).publishInterval(Duration.ZERO).tickInterval(Duration.ofMillis(5))
                .threadNamePrefix("test-engine").build();
    }

    @Test
    void sseOnTheJdkHttpServer() throws Exception {
        TaskEngine engine = engine();
        Task task = liveTask(engine);
        // begin:jdk
        SseTransport sse = SseTransport.builder(engine)
                .tokenKey(secretKey)                              // >= 32 bytes, shared with the REST API
                .build()
                .start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);  // 0: any free port
        http.createContext("/events", sse.httpHandler());         // GET /events/{taskId}
        http.start();

        TaskId id = engine.submit(task);
        String token = sse.tokens().issue(id);                    // return {id, token} to the submitter
        URI url = URI.create("http://127.0.0.1:" + http.getAddress().getPort()
                + "/events/" + id + "?token=" + token);           // browser: new EventSource(url)

        List<String> events = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofLines())
                .body().filter(line -> line.startsWith("event: ")).toList();
        // [event: snapshot, event: progress, …, event: completed, event: close]

        sse.stop();                                               // open streams end with event close 1001
        http.stop(0);
        // end:jdk
        engine.shutdown(Duration.ofSeconds(5));
        assertLiveProgress(events);
        assertInReadme("jdk");
    }

    @Test
    void sseInAServletContainer() throws Exception {
        TaskEngine engine = engine();
        Task task = liveTask(engine);
        // begin:jetty
        SseTransport sse = SseTransport.builder(engine).tokenKey(secretKey).build().start();
        Server jetty = new Server(new InetSocketAddress("127.0.0.1", 0));           // 0: any free port
        ServletContextHandler context = new ServletContextHandler("/");
        ServletHolder holder = new ServletHolder(new SseServlet(sse));
        holder.setAsyncSupported(true);                           // each stream is an async request
        context.addServlet(holder, "/events/*");                  // GET /events/{taskId}
        jetty.setHandler(context);
        jetty.start();

        TaskId id = engine.submit(task);
        int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events/" + id))
                .header("Authorization", "Bearer " + sse.tokens().issue(id))  // EventSource: ?token=
                .header("Last-Event-ID", "0")                     // resume: the last id seen
                .build();
        List<String> events = HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofLines())
                .body().filter(line -> line.startsWith("event: ")).toList();

        sse.stop();                                               // before the container: close 1001
        jetty.stop();
        // end:jetty
        engine.shutdown(Duration.ofSeconds(5));
        assertLiveProgress(events);
        assertInReadme("jetty");
    }

    private static void assertLiveProgress(List<String> events) {
        assertEquals("event: snapshot", events.get(0));
        assertTrue(events.contains("event: progress"), events.toString());
        assertEquals(List.of("event: completed", "event: close"), events.subList(events.size() - 2, events.size()));
    }

    /**
     * The module's README and the project's README hold the lines between the markers, without the method's
     * indentation, as one block.
     */
    private static void assertInReadme(String name) throws IOException {
        List<String> source = Files.readAllLines(
                Path.of("src/test/java/org/eto4j/transport/sse/ReadmeSnippetsTest.java"));
        int begin = source.indexOf("        // begin:" + name);
        int end = source.indexOf("        // end:" + name);
        List<String> snippet = new ArrayList<>();
        for (String line : source.subList(begin + 1, end)) {
            snippet.add(line.length() >= 8 ? line.substring(8) : line.strip());
        }
        String block = "```java\n" + String.join("\n", snippet) + "\n```";
        for (Path readme : List.of(Path.of("README.md"), Path.of("../README.md"))) {
            assertTrue(Files.readString(readme).contains(block), readme + " lacks the snippet '"
                    + name + "':\n" + block);
        }
    }
}
