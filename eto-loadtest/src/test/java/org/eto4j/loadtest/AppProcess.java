package org.eto4j.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The web app's jar as a child process on loopback (any free port), with its resources read from
 * {@code /proc/<pid>}: resident memory, threads and open file descriptors.
 */
final class AppProcess implements AutoCloseable {
    private static final Pattern RUNNING = Pattern.compile("running at http://[^:/]+:(\\d+)/");

    final String name;
    private final Process process;
    final int port;
    private final List<String> output = new ArrayList<>();

    private AppProcess(String name, Process process, int port) {
        this.name = name;
        this.process = process;
        this.port = port;
    }

    /**
     * Starts {@code java -Xmx… -jar jar --http-port 0 args…} and waits for its "running at" line.
     *
     * @param name a label for the output
     * @param jar  the web app's jar
     * @param heap the -Xmx value, e.g. {@code 512m}
     * @param env  extra environment variables (secrets go here, never in the command line)
     * @param args the app's options
     */
    static AppProcess start(String name, Path jar, String heap, java.util.Map<String, String> env, String... args) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no web app jar at " + jar + ": build it first with "
                    + "'mvn -B -q -pl examples/eto-webapp package -DskipTests'");
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-jar", jar.toString(),
                "--host", "127.0.0.1", "--http-port", "0", "--rate-per-minute", "1000000"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        CompletableFuture<Integer> port = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (lines) {
                        if (lines.size() < 2000) {
                            lines.add(line);
                        }
                    }
                    Matcher m = RUNNING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
            port.completeExceptionally(new IllegalStateException(name + " ended before it ran: " + lines));
        }, "loadtest-" + name + "-output");
        reader.setDaemon(true);
        reader.start();
        try {
            AppProcess app = new AppProcess(name, p, port.get(60, TimeUnit.SECONDS));
            app.output.addAll(lines);
            return app;
        } catch (Exception e) {
            p.destroyForcibly();
            throw new IllegalStateException(name + " did not start: " + lines, e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Resident memory, threads and file descriptors now. */
    Resources resources() {
        try {
            long rss = 0;
            int threads = 0;
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                } else if (line.startsWith("Threads:")) {
                    threads = Integer.parseInt(line.replaceAll("[^0-9]", ""));
                }
            }
            int fds;
            try (var s = Files.list(Path.of("/proc", String.valueOf(pid()), "fd"))) {
                fds = (int) s.count();
            }
            return new Resources(rss, threads, fds);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * CPU time the process has used so far (user + system, from {@code /proc/<pid>/stat}, in clock ticks of
     * 10 ms): the denominator of "rows per second per core of app CPU".
     */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid()), "stat"));
            // Fields after the command name (which may hold spaces), 1-based as in proc(5): utime is 14, stime 15.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the instance dies without any shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();   // SIGTERM: the app's graceful shutdown
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** One reading of a process's resources. */
    record Resources(long rssBytes, int threads, int fds) {
        Resources max(Resources o) {
            return new Resources(Math.max(rssBytes, o.rssBytes), Math.max(threads, o.threads), Math.max(fds, o.fds));
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "RSS %d MB, %d threads, %d fds", rssBytes >> 20, threads, fds);
        }
    }
}
