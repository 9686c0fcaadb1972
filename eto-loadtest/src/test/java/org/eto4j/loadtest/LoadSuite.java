package org.eto4j.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eto4j.core.DailyWeather;
import org.eto4j.core.Fao56;
import org.eto4j.core.Station;

/**
 * The load and fault suite of the web app, against its jar run as child processes on loopback:
 * <ol>
 *   <li>throughput and latency (POST, and end to end: POST, status polled until the task ended, result read as
 *       CSV) at 1, 16 and 64 concurrent clients, memory store and PostgreSQL store side by side, with the app
 *       process's RSS, threads and file descriptors at start, after a warm-up, at peak and after the load;</li>
 *   <li>bulk: many clients each submitting several 30-year daily series ({@value #BULK_ROWS} rows) one after
 *       the other, following each to its end and downloading its CSV, which must hold every row with the ETo
 *       computed here by eto-core for the same input;</li>
 *   <li>slow clients (slow loris): connections that trickle their request head one byte a second, while other
 *       clients' page loads and API calls are timed and compared with the same load without them;</li>
 *   <li>a fault: two instances on one PostgreSQL, one killed with SIGKILL in the middle of the load; every task
 *       accepted by either must end exactly once, succeeded, with its result readable from the other.</li>
 * </ol>
 * Every answer must be a documented status; a task accepted ({@code 202}) and not succeeded with a readable
 * result is lost. Timings are reported, never asserted.
 */
final class LoadSuite {
    /** Rows of each submitted calculation: one year of daily data. */
    static final int ROWS = 365;
    static final String STATION = "latitude=-7.5312&longitude=-46.0390&elevation=256&name=Load";
    static final String CSV = csv(ROWS, LocalDate.of(2016, 1, 1));
    /** Rows of each bulk submission: the 30 years 1991-2020 of daily data. */
    static final int BULK_ROWS = 10_958;
    static final LocalDate BULK_START = LocalDate.of(1991, 1, 1);
    static final String BULK_CSV = csv(BULK_ROWS, BULK_START);
    /** The bulk series' ETo as the CSV must show it, computed here (see {@link #expectedEto}). */
    static final List<String> BULK_ETO = expectedEto(BULK_ROWS, BULK_START);

    final Options options;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final ObjectMapper json = new ObjectMapper();
    final StringBuilder report = new StringBuilder();

    /**
     * How long and how wide the run is.
     *
     * @param jar           the web app's jar
     * @param levels        concurrent clients of the throughput phase
     * @param levelDuration how long each level runs
     * @param lorisDuration how long the slow-client phase runs (and its baseline)
     * @param lorisClients  slow connections opened
     * @param faultDuration how long the fault phase's load runs (the kill is at its middle)
     */
    record Options(Path jar, int[] levels, Duration levelDuration, Duration lorisDuration, int lorisClients,
                   Duration faultDuration, boolean overlapFault, int bulkClients, int bulkSubmissions,
                   Duration bulkDeadline, Set<String> phases) {
        /** Every phase; {@code -Dloadtest.phases=bulk,loris} runs only those named. */
        static final String ALL_PHASES = "throughput,bulk,loris,fault";

        static Set<String> selectedPhases() {
            return Set.of(System.getProperty("loadtest.phases", ALL_PHASES).split(","));
        }

        static Options full(Path jar) {
            return new Options(jar, new int[] {1, 16, 64}, Duration.ofSeconds(15), Duration.ofSeconds(15), 100,
                    Duration.ofSeconds(8), false, 64, 10, Duration.ofSeconds(600), selectedPhases());
        }

        /**
         * The short run: a second per level, and the fault phase (which waits 30 s for the killed instance's
         * leases) at the same time as the others, so the whole run takes well under a minute; its figures mean
         * nothing, its invariants hold all the same.
         */
        static Options quick(Path jar) {
            return new Options(jar, new int[] {1, 16, 64}, Duration.ofSeconds(1), Duration.ofSeconds(2), 100,
                    Duration.ofSeconds(3), true, 4, 2, Duration.ofSeconds(120), selectedPhases());
        }
    }

    /** What happened to requests and tasks in one phase. */
    static final class Tally {
        final ConcurrentLinkedQueue<Long> postNanos = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> endNanos = new ConcurrentLinkedQueue<>();
        /** Each status and result request of the API clients, and each page load. */
        final ConcurrentLinkedQueue<Long> apiNanos = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> pageNanos = new ConcurrentLinkedQueue<>();
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger succeeded = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        final Set<String> acceptedIds = ConcurrentHashMap.newKeySet();
        final ConcurrentLinkedQueue<String> lost = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> undocumented = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final Map<String, String> tokens = new ConcurrentHashMap<>();
    }

    /** One level of the throughput phase. */
    record Level(String store, int clients, double seconds, Tally tally, AppProcess.Resources peak) {
        double tasksPerSecond() {
            return tally.succeeded.get() / seconds;
        }
    }

    /** The bulk phase on one store. */
    record Bulk(String store, int clients, int submissions, double seconds, double appCpuSeconds, Tally tally,
                AppProcess.Resources peak) {
        double rows() {
            return (double) tally.succeeded.get() * BULK_ROWS;
        }
    }

    /** One app's resources through a phase. */
    record Resources(String app, AppProcess.Resources start, AppProcess.Resources warm, AppProcess.Resources peak,
                     AppProcess.Resources after) {
    }

    final List<Level> levels = new ArrayList<>();
    final List<Resources> resources = new ArrayList<>();
    final List<Tally> tallies = new ArrayList<>();
    final List<Bulk> bulks = new ArrayList<>();
    /** Wall-clock seconds of each phase, app start and stop included. */
    final Map<String, Double> phaseSeconds = new java.util.LinkedHashMap<>();
    Tally lorisBaseline;
    Tally lorisDuring;
    final Map<String, Integer> lorisEnds = new ConcurrentHashMap<>();
    Tally fault;
    int faultTakenOver;
    final List<String> faultViolations = new ArrayList<>();

    LoadSuite(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String key = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
            String jdbc = "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres";
            AtomicReference<Exception> faultError = new AtomicReference<>();
            Thread faultPhase = new Thread(() -> {
                try {
                    fault(jdbc, key);
                } catch (Exception e) {
                    faultError.set(e);
                }
            }, "loadtest-fault");
            boolean faultOn = options.phases.contains("fault");
            if (options.overlapFault && faultOn) {
                faultPhase.start();
            }
            long t = System.nanoTime();
            if (options.phases.contains("throughput")) {
                try (AppProcess memory = AppProcess.start("memory", options.jar, "512m", Map.of())) {
                    throughput("memory", memory);
                    if (options.overlapFault && options.phases.contains("bulk")) {
                        // The short run: its bulk phase on the same instance (one start fewer; its store has room).
                        bulk("memory", memory);
                    }
                }
                t = lap("throughput, memory store", t);
            }
            // Fresh instances for the phases below: the throughput phase leaves its store full of kept results.
            if (options.phases.contains("bulk") && !(options.overlapFault && options.phases.contains("throughput"))) {
                // -Dloadtest.jfr=<file>: a JFR profile of the bulk phase's app (where its CPU goes).
                String jfr = System.getProperty("loadtest.jfr", "");
                Map<String, String> env = jfr.isEmpty() ? Map.of()
                        : Map.of("JDK_JAVA_OPTIONS", "-XX:StartFlightRecording=settings=profile,filename=" + jfr);
                try (AppProcess memory = AppProcess.start("memory-bulk", options.jar, "512m", env)) {
                    bulk("memory", memory);
                }
                t = lap("bulk", t);
            }
            if (options.phases.contains("loris")) {
                try (AppProcess memory = AppProcess.start("memory-slow-clients", options.jar, "512m", Map.of())) {
                    loris(memory);
                }
                t = lap("slow clients", t);
            }
            if (options.phases.contains("throughput")) {
                try (AppProcess postgres = AppProcess.start("postgres", options.jar, "512m",
                        Map.of("ETO_TOKEN_KEY", key), "--store", "postgres", "--jdbc-url", jdbc,
                        "--jdbc-user", "postgres")) {
                    throughput("postgres", postgres);
                }
                t = lap("throughput, PostgreSQL store", t);
            }
            if (!options.overlapFault && faultOn) {
                faultPhase.start();
            }
            if (faultOn) {
                faultPhase.join();
                lap(options.overlapFault ? "fault (its rest, after the others)" : "fault", t);
            }
            if (faultError.get() != null) {
                throw faultError.get();
            }
        }
    }

    private long lap(String phase, long since) {
        long now = System.nanoTime();
        phaseSeconds.put(phase, (now - since) / 1e9);
        return now;
    }

    // ---- throughput ----

    private void throughput(String store, AppProcess app) throws Exception {
        AppProcess.Resources start = app.resources();
        URI base = URI.create("http://127.0.0.1:" + app.port + "/");
        // Warm-up at the widest level: the JIT, the HTTP server's threads and the pools reach their working size.
        Tally warm = new Tally();
        load(List.of(base), options.levels[options.levels.length - 1], options.levelDuration, warm, null);
        tallies.add(warm);
        Thread.sleep(1500);
        AppProcess.Resources warmed = app.resources();
        AppProcess.Resources peak = warmed;
        for (int clients : options.levels) {
            Tally t = new Tally();
            AtomicReference<AppProcess.Resources> levelPeak = new AtomicReference<>(app.resources());
            long t0 = System.nanoTime();
            load(List.of(base), clients, options.levelDuration, t, () -> levelPeak.accumulateAndGet(app.resources(),
                    AppProcess.Resources::max));
            double seconds = (System.nanoTime() - t0) / 1e9;
            levels.add(new Level(store, clients, seconds, t, levelPeak.get()));
            tallies.add(t);
            peak = peak.max(levelPeak.get());
        }
        // Idle client connections close after 1 s (jdk.httpclient.keepalive.timeout), the server's after that.
        Thread.sleep(2000);
        resources.add(new Resources(store, start, warmed, peak, app.resources()));
    }

    /**
     * {@code clients} threads submit, follow and read calculations until {@code duration} has passed; each
     * task ends before its client submits the next. {@code sample} (if any) runs every 100 ms meanwhile.
     */
    private void load(List<URI> targets, int clients, Duration duration, Tally tally, Runnable sample)
            throws InterruptedException {
        long deadline = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                int i = 0;
                while (System.nanoTime() < deadline) {
                    URI target = targets.get((client + i++) % targets.size());
                    oneTask(target, targets, tally);
                }
            }, "loadtest-client-" + c);
            t.start();
            threads.add(t);
        }
        while (System.nanoTime() < deadline) {
            if (sample != null) {
                sample.run();
            }
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    /** Submit, poll until ended, read the result; every answer checked against the documented statuses. */
    void oneTask(URI target, List<URI> fallbacks, Tally tally) {
        long t0 = System.nanoTime();
        HttpResponse<String> post;
        try {
            post = http.send(HttpRequest.newBuilder(target.resolve("/api/v1/calculations?" + STATION))
                    .timeout(Duration.ofSeconds(30)).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofString(CSV)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            tally.failures.add("POST " + target + ": " + e);
            pause(50);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        long t1 = System.nanoTime();
        tally.apiNanos.add(t1 - t0);
        if (post.statusCode() == 503 || post.statusCode() == 429) {
            tally.refused.incrementAndGet();
            if (post.headers().firstValue("Retry-After").isEmpty()) {
                tally.undocumented.add("POST " + post.statusCode() + " without Retry-After");
            }
            pause(200);
            return;
        }
        if (post.statusCode() != 202) {
            tally.undocumented.add("POST " + post.statusCode() + " " + post.body());
            return;
        }
        tally.postNanos.add(t1 - t0);
        tally.accepted.incrementAndGet();
        JsonNode answer;
        try {
            answer = json.readTree(post.body());
        } catch (IOException e) {
            tally.undocumented.add("POST 202 not JSON");
            return;
        }
        String id = answer.get("taskId").asText();
        String token = answer.get("token").asText();
        tally.acceptedIds.add(id);
        tally.tokens.put(id, token);
        String ended = follow(target, fallbacks, answer.get("statusUrl").asText(), token, tally,
                Duration.ofSeconds(120));
        if (!"succeeded".equals(ended)) {
            tally.lost.add(id + " ended " + ended);
            return;
        }
        if (!readResult(target, fallbacks, answer.get("resultUrl").asText(), token, tally,
                LoadSuite::oneYearComplete)) {
            tally.lost.add(id + " result unreadable");
            return;
        }
        tally.endNanos.add(System.nanoTime() - t0);
        tally.succeeded.incrementAndGet();
    }

    /** Polls the status (on {@code target}, or another instance when it is gone) until the task ended. */
    String follow(URI target, List<URI> fallbacks, String statusUrl, String token, Tally tally, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int sleep = 5;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(target, fallbacks, statusUrl, token, tally);
            if (r != null && r.statusCode() == 200) {
                try {
                    String state = json.readTree(r.body()).path("task").path("state").asText(
                            json.readTree(r.body()).path("state").asText(""));
                    if (state.equals("succeeded") || state.equals("failed") || state.equals("cancelled")) {
                        return state;
                    }
                } catch (IOException e) {
                    tally.undocumented.add("status 200 not JSON");
                }
            } else if (r != null && r.statusCode() != 503) {
                tally.undocumented.add("status " + r.statusCode() + " " + r.body());
                return "status " + r.statusCode();
            }
            pause(sleep);
            sleep = Math.min(50, sleep * 2);
        }
        return "timeout";
    }

    /** Whether a one-year result CSV holds its header and every row. */
    static boolean oneYearComplete(String csv) {
        return csv.split("\r\n").length == ROWS + 1;
    }

    boolean readResult(URI target, List<URI> fallbacks, String resultUrl, String token, Tally tally,
                       java.util.function.Predicate<String> complete) {
        for (int attempt = 0; attempt < 20; attempt++) {
            HttpResponse<String> r = get(target, fallbacks, resultUrl + "?format=csv", token, tally);
            if (r != null && r.statusCode() == 200) {
                return complete.test(r.body());
            }
            if (r != null && r.statusCode() != 503) {
                tally.undocumented.add("result " + r.statusCode() + " " + r.body());
                return false;
            }
            pause(100);
        }
        return false;
    }

    /** A GET on {@code target}; when it refuses connections (killed), on the first other instance. */
    private HttpResponse<String> get(URI target, List<URI> fallbacks, String path, String token, Tally tally) {
        List<URI> order = new ArrayList<>(List.of(target));
        fallbacks.stream().filter(u -> !u.equals(target)).forEach(order::add);
        for (URI base : order) {
            try {
                long t0 = System.nanoTime();
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                tally.apiNanos.add(System.nanoTime() - t0);
                return r;
            } catch (ConnectException e) {
                continue;   // the instance is gone: another one answers for the same task
            } catch (IOException e) {
                if (order.size() == 1) {
                    tally.failures.add("GET " + path + ": " + e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    // ---- bulk ----

    /**
     * {@code bulkClients} clients, each submitting {@code bulkSubmissions} 30-year series one after the other:
     * submit (again after {@code Retry-After} when refused with 503 or 429), follow the status until the task
     * ended, download the CSV and check it row by row. A task not done by the phase's deadline counts as lost.
     */
    private void bulk(String store, AppProcess app) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + app.port + "/");
        Tally t = new Tally();
        AtomicReference<AppProcess.Resources> peak = new AtomicReference<>(app.resources());
        double cpu0 = app.cpuSeconds();
        long t0 = System.nanoTime();
        long deadline = t0 + options.bulkDeadline.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < options.bulkClients; c++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < options.bulkSubmissions; i++) {
                    if (!bulkTask(base, t, deadline)) {
                        t.lost.add("a client's submission " + (i + 1) + " of " + options.bulkSubmissions
                                + " did not end with a complete CSV before the phase's deadline");
                        return;
                    }
                }
            }, "loadtest-bulk-" + c);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) {
            while (th.isAlive()) {
                peak.accumulateAndGet(app.resources(), AppProcess.Resources::max);
                th.join(200);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        bulks.add(new Bulk(store, options.bulkClients, options.bulkSubmissions, seconds, app.cpuSeconds() - cpu0, t,
                peak.get()));
        tallies.add(t);
    }

    /** One bulk submission to its checked CSV; false when the deadline passed first. */
    private boolean bulkTask(URI base, Tally tally, long deadline) {
        long t0 = System.nanoTime();
        HttpResponse<String> post = null;
        long t1 = t0;
        while (System.nanoTime() < deadline) {
            try {
                t0 = System.nanoTime();
                post = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/calculations?" + STATION))
                        .timeout(Duration.ofSeconds(60)).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(BULK_CSV)).build(),
                        HttpResponse.BodyHandlers.ofString());
                t1 = System.nanoTime();
            } catch (IOException e) {
                tally.failures.add("POST: " + e);
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (post.statusCode() != 503 && post.statusCode() != 429) {
                break;
            }
            tally.refused.incrementAndGet();
            String retry = post.headers().firstValue("Retry-After").orElse(null);
            if (retry == null) {
                tally.undocumented.add("POST " + post.statusCode() + " without Retry-After");
                return false;
            }
            pause(1000L * Math.max(1, Math.min(10, Long.parseLong(retry.trim()))));
            post = null;
        }
        if (post == null) {
            return false;
        }
        if (post.statusCode() != 202) {
            tally.undocumented.add("POST " + post.statusCode() + " " + post.body());
            return false;
        }
        tally.postNanos.add(t1 - t0);
        tally.accepted.incrementAndGet();
        JsonNode answer;
        try {
            answer = json.readTree(post.body());
        } catch (IOException e) {
            tally.undocumented.add("POST 202 not JSON");
            return false;
        }
        String id = answer.get("taskId").asText();
        String token = answer.get("token").asText();
        tally.acceptedIds.add(id);
        String ended = follow(base, List.of(base), answer.get("statusUrl").asText(), token, tally,
                Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        if (!"succeeded".equals(ended)) {
            tally.lost.add(id + " ended " + ended);
            return !"timeout".equals(ended);
        }
        List<String> problems = new ArrayList<>();
        if (!readResult(base, List.of(base), answer.get("resultUrl").asText(), token, tally, csv -> {
            bulkProblem(csv).ifPresent(problems::add);
            return problems.isEmpty();
        })) {
            tally.lost.add(id + " CSV " + (problems.isEmpty() ? "unreadable" : "incomplete: " + problems.get(0)));
            return true;
        }
        tally.endNanos.add(System.nanoTime() - t0);
        tally.succeeded.incrementAndGet();
        return true;
    }

    // ---- slow clients ----

    private void loris(AppProcess app) throws Exception {
        URI base = URI.create("http://127.0.0.1:" + app.port + "/");
        int clients = 4;
        if (!options.overlapFault) {
            // A fresh instance: warm its JIT and pools first (full run), so that the baseline is not its start-up.
            Tally warm = new Tally();
            load(List.of(base), clients, options.lorisDuration.dividedBy(3), warm, null);
            tallies.add(warm);
        }
        lorisBaseline = new Tally();
        loadWithPage(base, clients, lorisBaseline);
        tallies.add(lorisBaseline);
        lorisDuring = new Tally();
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> slow = new ArrayList<>();
        for (int i = 0; i < options.lorisClients; i++) {
            Thread t = new Thread(() -> trickle(app.port, stop), "loadtest-loris-" + i);
            t.setDaemon(true);
            t.start();
            slow.add(t);
        }
        Thread.sleep(1500);   // every slow connection open and trickling
        loadWithPage(base, clients, lorisDuring);
        tallies.add(lorisDuring);
        stop.set(true);
        for (Thread t : slow) {
            t.join(5_000);
        }
    }

    /** {@code clients} API clients as {@link #load}, and one visitor loading the page ({@code GET /}) meanwhile. */
    private void loadWithPage(URI base, int clients, Tally tally) throws InterruptedException {
        long deadline = System.nanoTime() + options.lorisDuration.toNanos();
        Thread page = new Thread(() -> {
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(30))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        tally.undocumented.add("page " + r.statusCode());
                    } else {
                        tally.pageNanos.add(System.nanoTime() - t0);
                    }
                } catch (IOException e) {
                    tally.failures.add("GET /: " + e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause(20);
            }
        }, "loadtest-page");
        page.start();
        load(List.of(base), clients, options.lorisDuration, tally, null);
        page.join(60_000);
    }

    /**
     * One slow-loris connection: a request head sent one byte a second, never finished; records how it ended.
     */
    private void trickle(int port, AtomicBoolean stop) {
        String kind = "headers";
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(1000);   // the pace: one byte, then wait up to a second for an answer
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            byte[] head = ("GET / HTTP/1.1\r\nHost: localhost\r\nX-Slow: " + "x".repeat(4000))
                    .getBytes(StandardCharsets.ISO_8859_1);
            byte[] buf = new byte[4096];
            StringBuilder answer = new StringBuilder();
            int sent = 0;
            while (!stop.get()) {
                out.write(head[sent++ % head.length]);
                out.flush();
                try {
                    int n = in.read(buf);
                    if (n < 0) {
                        lorisEnds.merge(kind + ": closed by the server, answer "
                                + (answer.length() == 0 ? "none" : answer.substring(0, Math.min(12, answer.length()))),
                                1, Integer::sum);
                        return;
                    }
                    answer.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                } catch (java.net.SocketTimeoutException e) {
                    // nothing yet: trickle on
                }
            }
            lorisEnds.merge(kind + ": still open at the end of the phase"
                    + (answer.length() == 0 ? "" : ", answer " + answer.substring(0, Math.min(12, answer.length()))),
                    1, Integer::sum);
        } catch (IOException e) {
            lorisEnds.merge(kind + ": " + e.getClass().getSimpleName(), 1, Integer::sum);
        }
    }

    // ---- fault ----

    private void fault(String jdbc, String key) throws Exception {
        fault = new Tally();
        Map<String, String> env = Map.of("ETO_TOKEN_KEY", key);
        try (AppProcess b = AppProcess.start("b", options.jar, "512m", env, "--store", "postgres", "--jdbc-url", jdbc,
                "--jdbc-user", "postgres");
             AppProcess a = AppProcess.start("a", options.jar, "512m", env, "--store", "postgres", "--jdbc-url", jdbc,
                     "--jdbc-user", "postgres", "--workers", "2", "--demo-delay-per-row-micros", "400")) {
            URI ua = URI.create("http://127.0.0.1:" + a.port + "/");
            URI ub = URI.create("http://127.0.0.1:" + b.port + "/");
            long half = options.faultDuration.toNanos() / 2;
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(half / 1_000_000);
                    a.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "loadtest-killer");
            killer.start();
            // Clients alternate between the instances; a task's status and result are read on B once A is gone.
            load(List.of(ua, ub), 8, options.faultDuration, fault, null);
            killer.join();
            // Tasks A held are taken over when their leases expire (30 s): every accepted one must end, on B.
            for (String id : fault.acceptedIds) {
                String token = fault.tokens.get(id);
                String state = follow(ub, List.of(ub), "/api/v1/tasks/" + id, token, fault, Duration.ofSeconds(120));
                if (!"succeeded".equals(state)) {
                    faultViolations.add(id + " ended " + state + " on b");
                } else if (!readResult(ub, List.of(ub), "/api/v1/tasks/" + id + "/result", token, fault,
                        LoadSuite::oneYearComplete)) {
                    faultViolations.add(id + " result unreadable on b");
                }
            }
        }
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", "")) {
            for (String id : fault.acceptedIds) {
                try (PreparedStatement s = c.prepareStatement("SELECT t.state, t.attempt, (SELECT count(*) FROM "
                        + "eto_task_event e WHERE e.task_id = t.id AND e.type IN ('completed', 'failed', 'cancelled')) "
                        + "FROM eto_task t WHERE t.id = ?")) {
                    s.setString(1, id);
                    try (ResultSet r = s.executeQuery()) {
                        if (!r.next()) {
                            faultViolations.add(id + " not in the database");
                            continue;
                        }
                        if (!r.getString(1).equals("succeeded") || r.getLong(3) != 1) {
                            faultViolations.add(id + " state " + r.getString(1) + ", "
                                    + r.getLong(3) + " terminal events");
                        }
                        if (r.getInt(2) > 1) {
                            faultTakenOver++;
                        }
                    }
                }
            }
        }
    }

    // ---- report ----

    /** Every invariant broken anywhere (empty when all hold). */
    List<String> violations() {
        List<String> v = new ArrayList<>();
        for (Tally t : tallies) {
            t.lost.forEach(x -> v.add("lost: " + x));
            t.undocumented.forEach(x -> v.add("undocumented answer: " + x));
            t.failures.forEach(x -> v.add("request failed: " + x));
        }
        if (fault != null) {
            fault.undocumented.forEach(x -> v.add("fault phase, undocumented answer: " + x));
            faultViolations.forEach(x -> v.add("fault phase: " + x));
        }
        for (Resources r : resources) {
            if (r.after.threads() > r.warm.threads() + 4) {
                v.add(r.app + ": threads grew from " + r.warm.threads() + " to " + r.after.threads());
            }
            if (r.after.fds() > r.warm.fds() + 8) {
                v.add(r.app + ": file descriptors grew from " + r.warm.fds() + " to " + r.after.fds());
            }
        }
        return v;
    }

    String report() {
        StringBuilder b = new StringBuilder();
        b.append("| store | clients | tasks | tasks/s | rows/s | POST p50 | POST p99 | end-to-end p50 | end-to-end p99"
                + " | 503 | peak RSS / threads / fds |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Level l : levels) {
            b.append(String.format(Locale.ROOT,
                    "| %s | %d | %d | %.1f | %.0f | %s | %s | %s | %s | %d | %d MB / %d / %d |%n",
                    l.store, l.clients, l.tally.succeeded.get(), l.tasksPerSecond(), l.tasksPerSecond() * ROWS,
                    ms(l.tally.postNanos, 50), ms(l.tally.postNanos, 99), ms(l.tally.endNanos, 50),
                    ms(l.tally.endNanos, 99), l.tally.refused.get(), l.peak.rssBytes() >> 20, l.peak.threads(),
                    l.peak.fds()));
        }
        b.append("\n| app | start | after warm-up | peak | after (2 s idle) |\n|---|---|---|---|---|\n");
        for (Resources r : resources) {
            b.append("| ").append(r.app).append(" | ").append(r.start).append(" | ").append(r.warm).append(" | ")
                    .append(r.peak).append(" | ").append(r.after).append(" |\n");
        }
        if (!bulks.isEmpty()) {
            b.append("\n| bulk store | clients × submissions | tasks | seconds | tasks/s | rows/s | app CPU s"
                    + " | rows/s per core of app CPU | POST p50 / p99 | end-to-end p50 / p99 | 503/429 | lost"
                    + " | peak RSS / threads / fds |\n");
            b.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (Bulk k : bulks) {
                b.append(String.format(Locale.ROOT,
                        "| %s | %d × %d | %d | %.1f | %.2f | %.0f | %.1f | %.0f | %s / %s | %s / %s | %d | %d"
                                + " | %d MB / %d / %d |%n",
                        k.store, k.clients, k.submissions, k.tally.succeeded.get(), k.seconds,
                        k.tally.succeeded.get() / k.seconds, k.rows() / k.seconds, k.appCpuSeconds,
                        k.rows() / k.appCpuSeconds, ms(k.tally.postNanos, 50), ms(k.tally.postNanos, 99),
                        ms(k.tally.endNanos, 50), ms(k.tally.endNanos, 99), k.tally.refused.get(), k.tally.lost.size(),
                        k.peak.rssBytes() >> 20, k.peak.threads(), k.peak.fds()));
            }
        }
        if (lorisBaseline != null) {
            b.append("\n| slow phase | page p50 / p99 (loads) | API request p50 / p99 (requests) | POST p50 / p99"
                    + " | end-to-end p50 / p99 | tasks | 503/429 |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (Tally t : List.of(lorisBaseline, lorisDuring)) {
                b.append(String.format(Locale.ROOT,
                        "| %s | %s / %s (%d) | %s / %s (%d) | %s / %s | %s / %s | %d | %d |%n",
                        t == lorisBaseline ? "4 clients alone"
                                : "4 clients with " + options.lorisClients + " slow heads",
                        ms(t.pageNanos, 50), ms(t.pageNanos, 99), t.pageNanos.size(), ms(t.apiNanos, 50),
                        ms(t.apiNanos, 99), t.apiNanos.size(), ms(t.postNanos, 50), ms(t.postNanos, 99),
                        ms(t.endNanos, 50), ms(t.endNanos, 99), t.succeeded.get(), t.refused.get()));
            }
            b.append("slow connections: ").append(new java.util.TreeMap<>(lorisEnds)).append('\n');
        }
        if (fault != null) {
            b.append(String.format(Locale.ROOT,
                    "%nfault: %d tasks accepted by a and b, %d refused (503), %d requests to "
                    + "the killed a failed (expected), %d taken over after a's kill (attempt 2), %d violations%n",
                    fault.acceptedIds.size(), fault.refused.get(), fault.failures.size(), faultTakenOver,
                    faultViolations.size()));
        }
        b.append("\nphases (s): ").append(phaseSeconds.entrySet().stream()
                .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).toList()).append('\n');
        List<String> v = violations();
        b.append("\ninvariants: ")
                .append(v.isEmpty() ? "all hold" : v.size() + " broken: " + v.subList(0, Math.min(20, v.size())))
                .append('\n');
        return b.toString();
    }

    static String ms(java.util.Collection<Long> nanos, int percentile) {
        if (nanos.isEmpty()) {
            return "–";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        long v = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
        return String.format(Locale.ROOT, "%.1f ms", v / 1e6);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The cells of row {@code i} after the date: tmax, tmin, rh_mean, u2, rs (a smoothed year in Maranhão). */
    static String[] cells(int i) {
        double s = Math.sin(i * 2 * Math.PI / 365.25);
        return new String[] {String.format(Locale.ROOT, "%.2f", 31 + 2 * s),
                String.format(Locale.ROOT, "%.2f", 22 + 1.5 * s),
                String.format(Locale.ROOT, "%.1f", 70 + 8 * s), String.format(Locale.ROOT, "%.2f", 1.8 + 0.4 * s),
                String.format(Locale.ROOT, "%.2f", 17 + 3 * s)};
    }

    /** {@code rows} days of daily rows from {@code start} (the values of the app's sample, smoothed). */
    static String csv(int rows, LocalDate start) {
        StringBuilder b = new StringBuilder("date,tmax,tmin,rh_mean,u2,rs\n");
        LocalDate d = start;
        for (int i = 0; i < rows; i++, d = d.plusDays(1)) {
            b.append(d).append(',').append(String.join(",", cells(i))).append('\n');
        }
        return b.toString();
    }

    /**
     * The ETo of {@link #csv}'s rows as the app's CSV writes it: FAO-56 daily by eto-core for the station of
     * {@link #STATION} (wind at 2 m, Tmean from the extremes as no mean is given), four decimals rounded half up
     * from the double's shortest decimal form (eto-i18n's number rule).
     */
    static List<String> expectedEto(int rows, LocalDate start) {
        Fao56 fao56 = Fao56.defaults();
        Station station = Station.of(-7.5312, 256);
        List<String> eto = new ArrayList<>(rows);
        LocalDate d = start;
        for (int i = 0; i < rows; i++, d = d.plusDays(1)) {
            String[] c = cells(i);
            DailyWeather day = DailyWeather.builder(d).tmax(Double.parseDouble(c[0])).tmin(Double.parseDouble(c[1]))
                    .rhMean(Double.parseDouble(c[2])).u2(Double.parseDouble(c[3])).rs(Double.parseDouble(c[4])).build();
            eto.add(BigDecimal.valueOf(fao56.daily(station, day).eto())
                    .setScale(4, RoundingMode.HALF_UP).toPlainString());
        }
        return eto;
    }

    /**
     * Why a bulk result CSV is not the complete, right answer, or empty when it is: its header, then one row per
     * day of the series in order, each with the date and the ETo computed here ({@link #BULK_ETO}).
     */
    static java.util.Optional<String> bulkProblem(String csv) {
        String body = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        String[] lines = body.split("\r\n");
        if (lines.length != BULK_ROWS + 1) {
            return java.util.Optional.of((lines.length - 1) + " rows instead of " + BULK_ROWS);
        }
        List<String> header = List.of(lines[0].split(","));
        int date = header.indexOf("date");
        int eto = header.indexOf("eto_mm_day");
        if (date < 0 || eto < 0) {
            return java.util.Optional.of("header " + lines[0]);
        }
        LocalDate d = BULK_START;
        for (int i = 0; i < BULK_ROWS; i++, d = d.plusDays(1)) {
            String[] c = lines[i + 1].split(",");
            if (!c[date].equals(d.toString()) || !c[eto].equals(BULK_ETO.get(i))) {
                return java.util.Optional.of("row " + (i + 1) + " is '" + lines[i + 1] + "', expected date " + d
                        + " and ETo " + BULK_ETO.get(i));
            }
        }
        return java.util.Optional.empty();
    }

}
