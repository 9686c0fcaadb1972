package org.eto4j.examples.webapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of the web app, terminating TLS with a self-signed certificate for {@code localhost}
 * and {@code 127.0.0.1}: the example's server block ({@code src/test/resources/nginx/eto-webapp.conf.template})
 * inside a minimal main configuration. nginx runs as a child process of the test ({@code daemon off}), on a
 * temporary prefix with its own logs, pid and temporary files, so no system nginx service is used or
 * touched; {@link #close()} stops it. The access log records, per request, the method, path (without the
 * query, so no token is written), status and {@code Upgrade} header.
 */
final class TlsProxy implements AutoCloseable {
    static final String NGINX = System.getProperty("eto.nginx", "/usr/sbin/nginx");
    static final String OPENSSL = System.getProperty("eto.openssl", "/usr/bin/openssl");
    static final String TEMPLATE = "nginx/eto-webapp.conf.template";
    private static final String MISSING = " is missing: run `bash scripts/install-prerequisites.sh` (Debian packages "
            + "nginx and openssl) or point -Deto.nginx / -Deto.openssl at them";

    final Path dir;
    final int port;
    final Path certificate;
    final Path key;
    final Path accessLog;
    final Path errorLog;
    private final Process process;

    private TlsProxy(Path dir, int port, Path certificate, Path key, Process process) {
        this.dir = dir;
        this.port = port;
        this.certificate = certificate;
        this.key = key;
        this.accessLog = dir.resolve("access.log");
        this.errorLog = dir.resolve("error.log");
        this.process = process;
    }

    /** A port free on loopback right now, for a server that must be configured with it before it starts. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Fails with a clear message when nginx or openssl is not installed (the test never skips). */
    static void requireInstalled() {
        if (!Files.isExecutable(Paths.get(NGINX))) {
            throw new IllegalStateException("nginx (" + NGINX + ")" + MISSING);
        }
        if (!Files.isExecutable(Paths.get(OPENSSL))) {
            throw new IllegalStateException("openssl (" + OPENSSL + ")" + MISSING);
        }
    }

    /**
     * Makes a certificate, writes the configuration and starts nginx on {@code listenPort}, proxying to the app on
     * {@code upstreamPort}; returns once nginx accepts connections.
     */
    static TlsProxy start(int listenPort, int upstreamPort) {
        requireInstalled();
        Path dir;
        try {
            dir = Files.createTempDirectory("eto-webapp-nginx");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path cert = dir.resolve("localhost.crt");
        Path key = dir.resolve("localhost.key");
        run(List.of(OPENSSL, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-days", "2", "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", key.toString(), "-out", cert.toString()), dir);
        String template = template();
        // "listen ${LISTEN_PORT}" would listen on every interface: the test keeps to loopback.
        String listen = template.contains("listen ${LISTEN_PORT}") ? "127.0.0.1:" + listenPort
                : String.valueOf(listenPort);
        String server = template
                .replace("${LISTEN_PORT}", listen)
                .replace("${UPSTREAM_PORT}", String.valueOf(upstreamPort))
                .replace("${CERT}", cert.toString())
                .replace("${KEY}", key.toString());
        if (server.contains("${")) {
            throw new IllegalStateException(TEMPLATE + " has a placeholder this test does not fill: " + server);
        }
        try {
            Files.writeString(dir.resolve("nginx.conf"), mainConfig(dir, server), StandardCharsets.UTF_8);
            Process nginx = new ProcessBuilder(NGINX, "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString(),
                    "-e", dir.resolve("error.log").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("nginx.out").toFile())
                    .start();
            TlsProxy proxy = new TlsProxy(dir, listenPort, cert, key, nginx);
            proxy.awaitListening();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The main configuration around the example's server block: everything nginx writes goes to the temporary
     * prefix. Its workers run as root only when the test does (CI): they must read and write that private
     * directory (temporary files of large responses), which nginx's default user cannot.
     */
    private static String mainConfig(Path dir, String server) {
        boolean root = "root".equals(System.getProperty("user.name"));
        return (root ? "user root;\n" : "")
                + "worker_processes 1;\n"
                + "daemon off;\n"
                + "pid " + dir.resolve("nginx.pid") + ";\n"
                + "error_log " + dir.resolve("error.log") + " warn;\n"
                + "events { worker_connections 256; }\n"
                + "http {\n"
                + "  default_type application/octet-stream;\n"
                + "  log_format eto '$request_method $uri $status upgrade=$http_upgrade';\n"
                + "  access_log " + dir.resolve("access.log") + " eto;\n"
                + "  client_body_temp_path " + dir.resolve("client_body") + ";\n"
                + "  proxy_temp_path " + dir.resolve("proxy") + ";\n"
                + "  fastcgi_temp_path " + dir.resolve("fastcgi") + ";\n"
                + "  uwsgi_temp_path " + dir.resolve("uwsgi") + ";\n"
                + "  scgi_temp_path " + dir.resolve("scgi") + ";\n"
                + server + "\n"
                + "}\n";
    }

    private static String template() {
        String file = System.getProperty("eto.nginx.template", "");   // another server block to try
        if (!file.isEmpty()) {
            return read(Paths.get(file));
        }
        try (InputStream in = TlsProxy.class.getClassLoader().getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException(TEMPLATE + " is missing from the test class path "
                        + "(examples/eto-webapp/src/test/resources/" + TEMPLATE + ")");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx exited with " + process.exitValue() + ": " + diagnostics());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        close();
        throw new IllegalStateException("nginx did not listen on port " + port + ": " + diagnostics());
    }

    /** nginx's own output and error log, for a failure message. */
    String diagnostics() {
        return read(dir.resolve("nginx.out")) + read(errorLog);
    }

    /** The access log's lines so far (a request is logged when it ends: a WebSocket when it is closed). */
    List<String> accessLines() {
        return Files.exists(accessLog) ? read(accessLog).lines().toList() : List.of();
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(" + file + " unreadable: " + e + ")";
        }
    }

    private static void run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + MISSING, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        process.destroy();   // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Removes the temporary prefix (after the test has read the logs). */
    void deleteFiles() {
        Browser.deleteTree(dir);
    }
}
