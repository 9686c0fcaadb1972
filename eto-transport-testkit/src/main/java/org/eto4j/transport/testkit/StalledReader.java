package org.eto4j.transport.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A subscriber that stops reading right after its request: a plain socket with a tiny receive buffer (which
 * the JDK clients cannot set), so that the server's buffers, not the client's, fill up. WebSocket: an RFC 6455
 * handshake and a masked {@code subscribe}; SSE: a {@code GET} with the token. {@link #drain} reads at last
 * what the server had written before it gave up on this reader.
 */
public final class StalledReader implements AutoCloseable {
    private static final Pattern CLOSE_EVENT = Pattern.compile("\"type\"\\s*:\\s*\"close\"[^}]*?\"code\"\\s*:\\s*(\\d+)"
            + "|\"code\"\\s*:\\s*(\\d+)[^}]*?\"type\"\\s*:\\s*\"close\"");

    /**
     * What a stalled reader found when it read at last.
     *
     * @param bytes     bytes received after the request (WebSocket: after the handshake)
     * @param closeCode the close frame's code (WebSocket) or the {@code event: close} code (SSE), or 1006 when
     *                  the connection ended without one
     */
    public record Drained(long bytes, int closeCode) {
    }

    private final TransportUnderTest.Kind kind;
    private final Socket socket = new Socket();
    private final DataInputStream in;
    private final OutputStream out;

    StalledReader(TransportUnderTest.Kind kind, URI endpoint, String token, int receiveBufferBytes)
            throws IOException {
        this.kind = kind;
        socket.setReceiveBufferSize(receiveBufferBytes); // before connect, so the advertised window stays small
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : 80;
        socket.connect(new InetSocketAddress(endpoint.getHost(), port), 10_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        String host = endpoint.getHost() + ':' + port;
        String path = endpoint.getRawPath();
        if (kind == TransportUnderTest.Kind.WEBSOCKET) {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.setSoTimeout(20_000);
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                head.append((char) in.readUnsignedByte());
            }
            if (!head.toString().startsWith("HTTP/1.1 101")) {
                throw new IOException("WebSocket handshake refused: " + head);
            }
            sendFrame(0x1, WebSocketContractClient.subscribeMessage(SubscribeRequest.token(token))
                    .getBytes(StandardCharsets.UTF_8));
        } else {
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    private void sendFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        out.write(f.toByteArray());
        out.flush();
    }

    /**
     * Reads everything until the server ends the connection.
     *
     * @param timeout how long the server may keep the connection open
     * @return what was read and the close code found
     * @throws AssertionError when the server kept the connection open longer than {@code timeout}
     */
    public Drained drain(Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            socket.setSoTimeout(200);
            return kind == TransportUnderTest.Kind.WEBSOCKET ? drainWebSocket(end) : drainSse(end);
        } catch (IOException e) {
            throw new AssertionError("reading a stalled " + kind + " stream failed", e);
        }
    }

    private Drained drainWebSocket(long end) throws IOException {
        long bytes = 0;
        try {
            while (true) {
                byte[] head = readFully(2, end);
                long len = head[1] & 0x7f;
                if (len == 126) {
                    byte[] l = readFully(2, end);
                    len = ((l[0] & 0xff) << 8) | (l[1] & 0xff);
                } else if (len == 127) {
                    len = java.nio.ByteBuffer.wrap(readFully(8, end)).getLong();
                }
                byte[] payload = readFully((int) len, end);
                bytes += 2 + len;
                int opcode = head[0] & 0x0f;
                if (opcode == 0x8) {
                    return new Drained(bytes, payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff)
                            : 1005);
                }
                if (opcode == 0x9) {
                    sendFrame(0xA, payload); // answer pings while draining
                }
            }
        } catch (EOFException | java.net.SocketException e) {
            return new Drained(bytes, ContractClient.ABNORMAL_CLOSURE);
        }
    }

    private byte[] readFully(int len, long end) throws IOException {
        byte[] payload = new byte[len];
        int off = 0;
        while (off < len) {
            try {
                int n = in.read(payload, off, len - off);
                if (n < 0) {
                    throw new EOFException();
                }
                off += n;
            } catch (SocketTimeoutException e) {
                checkDeadline(end, off);
            }
        }
        return payload;
    }

    private Drained drainSse(long end) throws IOException {
        ByteArrayOutputStream tail = new ByteArrayOutputStream();
        long bytes = 0;
        byte[] buf = new byte[64 * 1024];
        while (true) {
            try {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                bytes += n;
                tail.write(buf, 0, n);
                if (tail.size() > 256 * 1024) { // keep only the end: the close event, if any, comes last
                    byte[] all = tail.toByteArray();
                    tail.reset();
                    tail.write(all, all.length - 4096, 4096);
                }
            } catch (SocketTimeoutException e) {
                checkDeadline(end, bytes);
            } catch (java.net.SocketException e) {
                break; // reset by the server: ended all the same
            }
        }
        Matcher m = CLOSE_EVENT.matcher(tail.toString(StandardCharsets.UTF_8));
        int code = ContractClient.ABNORMAL_CLOSURE;
        while (m.find()) {
            code = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return new Drained(bytes, code);
    }

    private void checkDeadline(long end, long bytes) {
        if (System.nanoTime() > end) {
            throw new AssertionError("the server kept a stalled " + kind + " connection open (" + bytes
                    + " bytes read while draining)");
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing: nothing to do
        }
    }
}
