package org.eto4j.examples.webapp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Requests written byte by byte on a socket, for what {@code java.net.http} will not send: a chosen {@code Host},
 * a malformed address, oversized headers, a WebSocket handshake whose answer is read as is.
 */
final class RawHttp {
    private RawHttp() {
    }

    /**
     * Sends {@code request} (CRLF line ends added) and reads the answer until the server closes or, for a
     * {@code 101}, until the end of its headers.
     *
     * @return the answer's text: status line, headers and body
     */
    static String exchange(int port, String request) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                out.write(b);
                String text = out.toString(StandardCharsets.UTF_8);
                if (text.startsWith("HTTP/1.1 101") && text.endsWith("\r\n\r\n")) {
                    break;
                }
                if (text.contains("\r\n\r\n") && contentComplete(text)) {
                    break;
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the body announced by Content-Length has arrived (keep-alive answers are not closed). */
    private static boolean contentComplete(String text) {
        int end = text.indexOf("\r\n\r\n");
        String head = text.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return false;
        }
        int eol = head.indexOf("\r\n", at);
        int length = Integer.parseInt(head.substring(at + 15, eol < 0 ? head.length() : eol).trim());
        return text.getBytes(StandardCharsets.UTF_8).length - (end + 4) >= length;
    }

    /** A WebSocket handshake on {@code path} with these extra header lines; returns the status line. */
    static String handshake(int port, String path, String host, String... headers) {
        StringBuilder r = new StringBuilder("GET " + path + " HTTP/1.1\nHost: " + host + "\nUpgrade: websocket\n"
                + "Connection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13\n");
        for (String h : headers) {
            r.append(h).append('\n');
        }
        r.append('\n');
        String answer = exchange(port, r.toString());
        return answer.substring(0, Math.max(0, answer.indexOf("\r\n")));
    }

    /** The body of an answer. */
    static String body(String answer) {
        int end = answer.indexOf("\r\n\r\n");
        return end < 0 ? "" : answer.substring(end + 4);
    }
}
