package org.eto4j.examples.webapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --request-head-timeout-seconds}: a connection whose request head keeps trickling in past the deadline is
 * closed, while other clients are answered meanwhile; a keep-alive connection waiting between requests (longer
 * than the deadline) is not, and serves its next request.
 */
class RequestHeadDeadlineTest {
    /** The deadline under test: short, so that the test is too. */
    private static final Duration DEADLINE = Duration.ofSeconds(1);
    /** Generous bound for the close: the deadline, a sweep, and a busy machine. */
    private static final Duration CLOSED_WITHIN = Duration.ofSeconds(15);
    /** A keep-alive pause three times the deadline, ten times shorter than the idle timeout. */
    private static final Duration PAUSE = Duration.ofSeconds(3);

    static WebApp app;
    static Http http;

    @BeforeAll
    static void start() {
        app = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withRequestHeadTimeout(DEADLINE));
        http = new Http(app.baseUri());
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aHeadTrickledPastTheDeadlineIsClosedWhileOthersAreAnswered() throws Exception {
        byte[] head = ("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "a".repeat(500))
                .getBytes(StandardCharsets.ISO_8859_1);
        try (Socket s = connect()) {
            int othersAnswered = 0;
            boolean closed = false;
            long end = System.nanoTime() + CLOSED_WITHIN.toNanos();
            for (int i = 0; i < head.length && !closed && System.nanoTime() < end; i++) {
                closed = !sendThenPeek(s, head, i);
                if (i == 2 || i == 4) {
                    // Another client meanwhile, on its own connection.
                    HttpResponse<String> page = http.get("/health/live", null);
                    assertEquals(200, page.statusCode(), page.body());
                    othersAnswered++;
                }
            }
            assertTrue(closed, "a head trickled a byte every 200 ms is closed after the " + DEADLINE + " deadline");
            assertEquals(2, othersAnswered);
        }
    }

    @Test
    void blankLinesTrickledBetweenRequestsCountAsAHead() throws Exception {
        try (Socket s = connect()) {
            assertTrue(exchange(s, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n").startsWith("HTTP/1.1 200"));
            byte[] blank = "\r\n".repeat(200).getBytes(StandardCharsets.ISO_8859_1);
            boolean closed = false;
            long end = System.nanoTime() + CLOSED_WITHIN.toNanos();
            for (int i = 0; i < blank.length && !closed && System.nanoTime() < end; i++) {
                closed = !sendThenPeek(s, blank, i);
            }
            assertTrue(closed, "blank lines trickled before a request line are a head that never ends");
        }
    }

    @Test
    void aKeepAliveConnectionWaitingLongerThanTheDeadlineServesItsNextRequest() throws Exception {
        String csv = Fixtures.sampleHead(10);
        byte[] body = csv.getBytes(StandardCharsets.UTF_8);
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            // A request whose body arrives in two parts (the connection is seen reading a body), answered...
            out.write(("POST /api/v1/calculations?" + ApiTest.STATION + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body, 0, body.length / 2);
            out.flush();
            Thread.sleep(600);
            out.write(body, body.length / 2, body.length - body.length / 2);
            out.flush();
            String first = read(s);
            assertTrue(first.startsWith("HTTP/1.1 202"), first);
            // ...then silence three times the deadline, then the next request on the same connection.
            Thread.sleep(PAUSE.toMillis());
            String second = exchange(s, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
            assertTrue(second.startsWith("HTTP/1.1 200"), second);
            assertTrue(RawHttp.body(second).contains("UP"), second);
            // A head that arrives in a few parts within the deadline is served too.
            Thread.sleep(PAUSE.toMillis());
            out.write("GET /health/live HTTP/1.1\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(300);
            String third = exchange(s, "Host: localhost\r\n\r\n");
            assertTrue(third.startsWith("HTTP/1.1 200"), third);
        }
    }

    @Test
    void theDeadlineIsAnOptionWithANamedDefaultAndItsRangeChecked() {
        assertEquals(WebAppConfig.DEFAULT_REQUEST_HEAD_TIMEOUT, WebAppConfig.defaults().requestHeadTimeout());
        assertEquals(Duration.ofSeconds(10), WebAppConfig.DEFAULT_REQUEST_HEAD_TIMEOUT);
        assertEquals(Duration.ofSeconds(4), WebAppConfig.parse(new String[] {"--request-head-timeout-seconds=4"},
                Map.of()).requestHeadTimeout());
        assertEquals(Duration.ZERO, WebAppConfig.parse(new String[0],
                Map.of("ETO_REQUEST_HEAD_TIMEOUT_SECONDS", "0")).requestHeadTimeout(), "0 = no deadline");
        assertEquals("request-head-timeout-seconds must be between 0 and 3600, was -1", assertThrows(
                IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--request-head-timeout-seconds", "-1"}, Map.of())).getMessage());
        assertEquals("request-head-timeout-seconds must be between 0 and 3600, was 3601", assertThrows(
                IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--request-head-timeout-seconds", "3601"}, Map.of())).getMessage());
        assertEquals("request-head-timeout-seconds must be a whole number, was 'ten'", assertThrows(
                IllegalArgumentException.class, () -> WebAppConfig.parse(
                        new String[] {"--request-head-timeout-seconds", "ten"}, Map.of())).getMessage());
        assertTrue(WebAppConfig.help().contains("  --request-head-timeout-seconds <value>    "
                + "(env ETO_REQUEST_HEAD_TIMEOUT_SECONDS, default: 10)"), WebAppConfig.help());
    }

    @Test
    void theSweeperStopsWithTheServer() throws InterruptedException {
        WebApp other = WebApp.start(WebAppConfig.defaults().withHttpPort(0).withRequestHeadTimeout(DEADLINE));
        int running = sweepers();
        assertTrue(running > 0, "a sweeper runs while the app does");
        other.close();
        // Its thread ends just after the close returns: waited for, within a generous bound.
        long end = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sweepers() >= running && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals(running - 1, sweepers(), "closing the app stops its sweeper");
    }

    private static int sweepers() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            n += t.getName().equals("eto-webapp-head-deadline") && t.isAlive() ? 1 : 0;
        }
        return n;
    }

    private static Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", app.httpPort()), 5_000);
        return s;
    }

    /**
     * Writes byte {@code i} of {@code bytes}, then waits up to 200 ms for the server to answer or close.
     *
     * @return false when the connection was closed (end of stream, reset or a failed write)
     */
    private static boolean sendThenPeek(Socket s, byte[] bytes, int i) throws IOException {
        try {
            s.getOutputStream().write(bytes[i]);
            s.getOutputStream().flush();
        } catch (IOException closed) {
            return false;
        }
        s.setSoTimeout(200);
        try {
            int b = s.getInputStream().read();
            if (b < 0) {
                return false;
            }
            // Mid-head nothing may be answered: any answer is a failure of the test, shown in full.
            throw new AssertionError("answered mid-head: " + (char) b + read(s));
        } catch (SocketTimeoutException stillOpen) {
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    /** Sends a request (or its end) and reads its answer, leaving the connection open. */
    private static String exchange(Socket s, String request) throws IOException {
        s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
        return read(s);
    }

    /** Reads one answer: its head, then a body of its Content-Length or up to the last chunk. */
    private static String read(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        int headEnd = -1;
        long length = -1;
        boolean chunked = false;
        int b;
        while ((b = in.read()) >= 0) {
            got.write(b);
            String text = got.toString(StandardCharsets.ISO_8859_1);
            if (headEnd < 0 && text.endsWith("\r\n\r\n")) {
                headEnd = text.length();
                String head = text.toLowerCase(Locale.ROOT);
                chunked = head.contains("transfer-encoding: chunked");
                int at = head.indexOf("content-length:");
                if (at >= 0) {
                    length = Long.parseLong(head.substring(at + 15, head.indexOf("\r\n", at)).trim());
                }
            }
            if (headEnd >= 0 && (length >= 0 && text.length() - headEnd >= length
                    || chunked && text.endsWith("\r\n0\r\n\r\n") || !chunked && length < 0)) {
                return text;
            }
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
