package org.eto4j.transport.websocket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that can cut every connection (a network drop), refuse new ones, or freeze (keep the
 * sockets open but stop forwarding: a dead peer for both ends).
 */
final class DropProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean refusing;
    private volatile boolean frozen;
    private final Object freezeLock = new Object();

    DropProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::acceptLoop, "test-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    java.net.URI base() {
        return java.net.URI.create("ws://127.0.0.1:" + port());
    }

    void refuse(boolean refusing) {
        this.refusing = refusing;
    }

    void freeze(boolean frozen) {
        synchronized (freezeLock) {
            this.frozen = frozen;
            freezeLock.notifyAll();
        }
    }

    int openSockets() {
        return sockets.size();
    }

    /** Cuts every open connection. */
    void dropAll() {
        for (Socket s : sockets) {
            try {
                // shutdown acts on the connection itself: FIN at once, even while a pipe thread is blocked
                // reading (a plain close may wait for that read to return)
                s.shutdownOutput();
                s.shutdownInput();
            } catch (IOException ignored) {
                // already closed
            }
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        sockets.clear();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                pipe(client, upstream);
                pipe(upstream, client);
            } catch (IOException e) {
                // closed, or target down: the client sees a failed connection
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    synchronized (freezeLock) {
                        while (frozen) {
                            freezeLock.wait();
                        }
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // dropped
            } finally {
                close(from);
                close(to);
            }
        }, "test-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void close(Socket s) {
        sockets.remove(s);
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        freeze(false);
        dropAll();
    }
}
