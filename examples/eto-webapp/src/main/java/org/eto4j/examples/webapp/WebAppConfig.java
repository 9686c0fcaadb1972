package org.eto4j.examples.webapp;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.eto4j.transport.TaskTokens;

/**
 * The web app's configuration: the address and port, how it sits behind a reverse proxy (public base URL,
 * trusted proxies, allowed origins), the store (and its database), the token key, input and connection limits,
 * and the demo throttle. Every option has a command-line flag and an environment variable (flags win), listed
 * once in {@link Option}, which drives {@link #parse(String[], Map)} and {@link #help()}.
 *
 * @param host                    the address the server binds to
 * @param httpPort                the port of the page, the REST API, the WebSocket and the event stream; 0 picks a
 *                                free port
 * @param store                   the task store: {@code memory} (the default; tasks and results live in this
 *                                process) or {@code postgres} (durable, shared by every node on the database)
 * @param maxBodyBytes            the largest request body accepted (413 above)
 * @param maxRows                 the most data rows one calculation may have (413 above)
 * @param submissionsPerMinute    calculations one client (IP address) may submit per minute (429 above)
 * @param workers                 calculations run at the same time
 * @param tokenTtl                how long a task's token stays valid
 * @param allowedOrigins          origins allowed to open the WebSocket and to read the event stream across
 *                                origins, besides the public base URL's; empty = the page's own origins
 * @param demoDelayPerRowMicros   a pause after each record of every stage, in microseconds, so that
 *                                progress can be watched on small files; 0 (the default) means none
 * @param sourcesBaseUrl          for the "by location" mode: one base URL that every weather source and the
 *                                elevation lookup use instead of the public services (mirrors, tests);
 *                                empty (the default) means the public services
 * @param userAgent               the User-Agent sent to the weather services
 * @param maxLocationDays         the longest period one "by location" calculation may ask for (400 above)
 * @param jdbcUrl                 with the {@code postgres} store: the database, {@code jdbc:postgresql://…};
 *                                empty otherwise
 * @param jdbcUser                the database user; empty to take it from the URL or the driver's defaults
 * @param jdbcPassword            the database password; empty for none (never printed, see {@link #toString()})
 * @param tokenKey                the task tokens' HMAC key in base64 (at least {@value TaskTokens#MIN_KEY_BYTES}
 *                                bytes); empty for a random key per process (memory store only: tokens then
 *                                die with the process, as the tasks do). Never printed.
 * @param publicBaseUrl           the address clients reach the app at, {@code https://eto.example.org} (no
 *                                trailing slash); empty (the default) = links in answers are paths only
 * @param trustedProxies          IP addresses and CIDR ranges of reverse proxies whose {@code Forwarded} and
 *                                {@code X-Forwarded-*} headers are believed; empty (the default) = none
 * @param idleTimeout             how long a connection may stay silent before the server closes it
 * @param maxRequestHeaderBytes   the largest request line plus headers accepted (431 above)
 * @param resultRetention         how long a finished calculation's result is kept at least (and then until it
 *                                was read, up to the token's lifetime), whatever the load
 * @param resultCapacityRows      result rows the memory store holds at most, running calculations' rows
 *                                included; a submission that does not fit is refused with 503 and Retry-After
 * @param minRequestBytesPerSecond the slowest a request body may arrive, in bytes per second (408 and the
 *                                connection closed below it); 0 = no minimum
 * @param maxUploadBytesInFlight  the most request-body bytes of uploads being read at once over all requests
 *                                (503 and Retry-After past it); 0 = an eighth of the heap; at least one
 *                                {@code maxBodyBytes} either way (see {@link #uploadBytesInFlightLimit()})
 * @param requestHeadTimeout      the longest a request's line and headers may take to arrive once begun (the
 *                                connection is closed past it); zero = no deadline
 */
public record WebAppConfig(String host, int httpPort, String store, long maxBodyBytes,
                           int maxRows, int submissionsPerMinute, int workers, Duration tokenTtl,
                           List<String> allowedOrigins, long demoDelayPerRowMicros,
                           String sourcesBaseUrl, String userAgent, int maxLocationDays,
                           String jdbcUrl, String jdbcUser, String jdbcPassword, String tokenKey,
                           String publicBaseUrl, List<String> trustedProxies, Duration idleTimeout,
                           int maxRequestHeaderBytes, Duration resultRetention, long resultCapacityRows,
                           long minRequestBytesPerSecond, long maxUploadBytesInFlight,
                           Duration requestHeadTimeout) {

    /** The in-memory store: nothing to install; tasks and results end with the process. */
    public static final String STORE_MEMORY = "memory";
    /** The PostgreSQL store (eto-progress-postgres): results survive restarts and are shared between nodes. */
    public static final String STORE_POSTGRES = "postgres";

    /** Default HTTP port, the usual development port of web servers. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Default bind address: loopback only, so a demo is not exposed to the network by accident. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default body limit, 8 MiB: about 100 years of daily rows with every column. */
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /** Default row limit, 100,000 rows: 270 years of daily data. */
    public static final int DEFAULT_MAX_ROWS = 100_000;
    /** Default submissions per client and minute: far above what a person clicking needs. */
    public static final int DEFAULT_SUBMISSIONS_PER_MINUTE = 30;
    /** Default number of calculations running at once: the machine's processors. */
    public static final int DEFAULT_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Default token lifetime: one hour, longer than any calculation plus time to read its result. */
    public static final Duration DEFAULT_TOKEN_TTL = Duration.ofHours(1);
    /**
     * Default idle timeout of a connection, 30 s (Jetty's own default): three times the live updates' 10 s
     * heartbeat, so a followed task's stream is never idle that long, while a silent client is let go.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Default limit of the request line plus headers, 8 KiB (Jetty's default, also nginx's
     * {@code large_client_header_buffers} size): a token and the forwarded headers of a few proxies fit easily.
     */
    public static final int DEFAULT_MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    /**
     * Default minimum retention of a finished calculation's result, 15 minutes: time for a user who looked away
     * to come back and download it. After that a result stays until it was read (up to the token's lifetime).
     */
    public static final Duration DEFAULT_RESULT_RETENTION = Duration.ofMinutes(15);
    /**
     * Default capacity of the memory store, 0: sized from the heap, a third of {@code -Xmx} at
     * {@link #RESULT_ROW_BYTES} bytes a row ({@link #resultCapacityRowsLimit()}): about 8.9 million result rows
     * under {@code -Xmx512m} (810 thirty-year daily series), 17.9 million under {@code -Xmx1g}. A third leaves
     * the rest to the uploads in flight (at most a quarter, see {@link #uploadBytesInFlightLimit()}) and to the
     * work of the running calculations.
     */
    public static final long DEFAULT_RESULT_CAPACITY_ROWS = 0;
    /**
     * Heap bytes of a kept result row of an uploaded calculation, 20: its period, ETo and flags as primitive
     * columns (an {@code int}, a {@code double}, a {@code long}); measured by a class histogram under load.
     */
    public static final int RESULT_ROW_BYTES = ResultRows.BYTES_PER_ROW;
    /**
     * Default slowest request body, 1024 bytes a second: far below any real connection, so only a client that
     * trickles its upload on purpose (holding a thread and a buffer) is cut off.
     */
    public static final long DEFAULT_MIN_REQUEST_BYTES_PER_SECOND = 1024;
    /**
     * Default deadline of a request head, 10 s: a real client sends its request line and headers in one packet
     * or a few, within a round trip or two even on a poor mobile link; a client that trickles them ("slow
     * loris") is let go long before the idle timeout would notice it, which every byte restarts.
     */
    public static final Duration DEFAULT_REQUEST_HEAD_TIMEOUT = Duration.ofSeconds(10);

    /** Default User-Agent towards the weather services: the application and where to learn about it. */
    public static final String DEFAULT_USER_AGENT = "eto4j-webapp/0.1 (+https://eto4j.org)";
    /** Default longest "by location" period, 3,660 days: ten years, one NASA POWER request chunk. */
    public static final int DEFAULT_MAX_LOCATION_DAYS = 3660;

    /** Validates the components. */
    public WebAppConfig {
        Objects.requireNonNull(host, "host");
        requireRange("http-port", httpPort, 0, 65535);
        if (!STORE_MEMORY.equals(store) && !STORE_POSTGRES.equals(store)) {
            throw new IllegalArgumentException("store must be 'memory' or 'postgres', was '" + store + "'");
        }
        requireRange("max-body-bytes", maxBodyBytes, 1024, 1L << 30);
        requireRange("max-rows", maxRows, 1, 10_000_000);
        requireRange("rate-per-minute", submissionsPerMinute, 1, 1_000_000);
        requireRange("workers", workers, 1, 1024);
        Objects.requireNonNull(tokenTtl, "tokenTtl");
        if (tokenTtl.isNegative() || tokenTtl.isZero()) {
            throw new IllegalArgumentException("token-ttl-seconds must be positive, was " + tokenTtl.toSeconds());
        }
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String origin : allowedOrigins) {
            Origins.requireOrigin("allowed-origins", origin);
        }
        requireRange("demo-delay-per-row-micros", demoDelayPerRowMicros, 0, 1_000_000);
        Objects.requireNonNull(sourcesBaseUrl, "sourcesBaseUrl");
        if (!sourcesBaseUrl.isEmpty() && !sourcesBaseUrl.matches("https?://[^\\s]+")) {
            throw new IllegalArgumentException("sources-base-url must be an http:// or https:// URL, was '"
                    + sourcesBaseUrl + "'");
        }
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("user-agent must not be empty");
        }
        requireRange("max-location-days", maxLocationDays, 1, 100_000);
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(jdbcUser, "jdbcUser");
        Objects.requireNonNull(jdbcPassword, "jdbcPassword");
        Objects.requireNonNull(tokenKey, "tokenKey");
        if (STORE_POSTGRES.equals(store)) {
            if (jdbcUrl.isEmpty()) {
                throw new IllegalArgumentException("store postgres needs --jdbc-url (or ETO_JDBC_URL), e.g. "
                        + "jdbc:postgresql://localhost:5432/eto");
            }
            // The URL is not echoed: it may carry a password.
            if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
                throw new IllegalArgumentException("jdbc-url must start with 'jdbc:postgresql:'");
            }
            if (tokenKey.isEmpty()) {
                throw new IllegalArgumentException("store postgres needs --token-key (or ETO_TOKEN_KEY): base64 of "
                        + "at least " + TaskTokens.MIN_KEY_BYTES + " random bytes, the same on every node, e.g. from "
                        + "'openssl rand -base64 32'; tokens must stay valid after a restart and on other nodes");
            }
        } else if (!jdbcUrl.isEmpty() || !jdbcUser.isEmpty() || !jdbcPassword.isEmpty()) {
            throw new IllegalArgumentException("jdbc-url, jdbc-user and jdbc-password apply only to --store postgres, "
                    + "the store is '" + store + "'");
        }
        if (!tokenKey.isEmpty()) {
            decodeKey(tokenKey);
        }
        publicBaseUrl = publicBaseUrl(Objects.requireNonNull(publicBaseUrl, "publicBaseUrl"));
        trustedProxies = List.copyOf(trustedProxies);
        TrustedProxies.of(trustedProxies);   // refuses what is not an IP address or a CIDR range
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        requireRange("idle-timeout-seconds", idleTimeout.toSeconds(), 1, 3600);
        requireRange("max-header-bytes", maxRequestHeaderBytes, 1024, 64 * 1024);
        Objects.requireNonNull(resultRetention, "resultRetention");
        requireRange("result-retention-minutes", resultRetention.toMinutes(), 0, 7 * 24 * 60);
        requireRange("result-capacity-rows", resultCapacityRows, 0, 1_000_000_000);
        requireRange("min-request-bytes-per-second", minRequestBytesPerSecond, 0, 1L << 30);
        requireRange("max-upload-bytes-in-flight", maxUploadBytesInFlight, 0, 1L << 40);
        Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
        if (requestHeadTimeout.isNegative() || requestHeadTimeout.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("request-head-timeout-seconds must be between 0 and 3600, was "
                    + requestHeadTimeout.toSeconds());
        }
    }

    /**
     * The memory store's capacity in result rows: {@link #resultCapacityRows()}, or when it is 0 a third of the
     * heap ({@code -Xmx}) at {@link #RESULT_ROW_BYTES} bytes a row.
     *
     * @return the capacity in rows
     */
    public long resultCapacityRowsLimit() {
        return resultCapacityRows > 0 ? resultCapacityRows : Runtime.getRuntime().maxMemory() / 3 / RESULT_ROW_BYTES;
    }

    /**
     * The most request-body bytes of uploads read at once: {@link #maxUploadBytesInFlight()}, or when it is 0
     * an eighth of the heap ({@code -Xmx}); at least one {@link #maxBodyBytes()} either way, so that any body
     * the app accepts fits when it is alone. A body being parsed holds about twice its size (its compact rows
     * and their buffer), so uploads in flight hold at most about a quarter of the heap.
     *
     * @return the limit in bytes
     */
    public long uploadBytesInFlightLimit() {
        long limit = maxUploadBytesInFlight > 0 ? maxUploadBytesInFlight : Runtime.getRuntime().maxMemory() / 8;
        return Math.max(maxBodyBytes, limit);
    }

    /**
     * The task tokens' key, when one is configured.
     *
     * @return the decoded {@link #tokenKey()}, or empty for a random key per process
     */
    public Optional<byte[]> tokenKeyBytes() {
        return tokenKey.isEmpty() ? Optional.empty() : Optional.of(decodeKey(tokenKey));
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            // The value is a secret: it is never echoed.
            throw new IllegalArgumentException("token-key must be base64 (standard alphabet, e.g. from "
                    + "'openssl rand -base64 32')");
        }
        if (key.length < TaskTokens.MIN_KEY_BYTES) {
            throw new IllegalArgumentException("token-key must decode to at least " + TaskTokens.MIN_KEY_BYTES
                    + " bytes, was " + key.length);
        }
        return key;
    }

    /** The public base URL without its trailing slash; refused unless http(s) with a host and no query. */
    private static String publicBaseUrl(String url) {
        if (url.isEmpty()) {
            return url;
        }
        String refusal = "public-base-url must be an http:// or https:// URL with a host and at most a path "
                + "(no query, fragment or user), was '" + url + "'";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(refusal, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException(refusal);
        }
        String trimmed = url;
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** The configuration with the database password and the token key masked, so it can be logged. */
    @Override
    public String toString() {
        return "WebAppConfig[host=" + host + ", httpPort=" + httpPort
                + ", store=" + store + ", maxBodyBytes=" + maxBodyBytes + ", maxRows=" + maxRows
                + ", submissionsPerMinute=" + submissionsPerMinute + ", workers=" + workers + ", tokenTtl=" + tokenTtl
                + ", allowedOrigins=" + allowedOrigins + ", demoDelayPerRowMicros=" + demoDelayPerRowMicros
                + ", sourcesBaseUrl=" + sourcesBaseUrl + ", userAgent=" + userAgent
                + ", maxLocationDays=" + maxLocationDays + ", jdbcUrl=" + (jdbcUrl.isEmpty() ? "" : "(set)")
                + ", jdbcUser=" + jdbcUser + ", jdbcPassword=" + (jdbcPassword.isEmpty() ? "" : "***")
                + ", tokenKey=" + (tokenKey.isEmpty() ? "" : "***") + ", publicBaseUrl=" + publicBaseUrl
                + ", trustedProxies=" + trustedProxies + ", idleTimeout=" + idleTimeout
                + ", maxRequestHeaderBytes=" + maxRequestHeaderBytes + ", resultRetention=" + resultRetention
                + ", resultCapacityRows=" + resultCapacityRows
                + ", minRequestBytesPerSecond=" + minRequestBytesPerSecond
                + ", maxUploadBytesInFlight=" + maxUploadBytesInFlight
                + ", requestHeadTimeout=" + requestHeadTimeout + "]";
    }

    /**
     * The defaults: port 8080 on loopback, memory store, a random token key, the default limits, no public base
     * URL, no trusted proxy, no throttle.
     */
    public static WebAppConfig defaults() {
        return new WebAppConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, STORE_MEMORY,
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ROWS, DEFAULT_SUBMISSIONS_PER_MINUTE, DEFAULT_WORKERS,
                DEFAULT_TOKEN_TTL, List.of(), 0, "", DEFAULT_USER_AGENT, DEFAULT_MAX_LOCATION_DAYS, "", "", "", "",
                "", List.of(), DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_REQUEST_HEADER_BYTES, DEFAULT_RESULT_RETENTION,
                DEFAULT_RESULT_CAPACITY_ROWS, DEFAULT_MIN_REQUEST_BYTES_PER_SECOND, 0, DEFAULT_REQUEST_HEAD_TIMEOUT);
    }

    /**
     * Every option: its flag, environment variable, default and meaning, and how its value is read. The one
     * list behind {@link #parse} (known flags and variables) and {@link #help()}.
     */
    enum Option {
        HOST("host", DEFAULT_HOST, "address to bind to (0.0.0.0 for all)", (b, v) -> b.host = v),
        HTTP_PORT("http-port", String.valueOf(DEFAULT_HTTP_PORT),
                "port of the page, the REST API, the WebSocket (/ws/) and the event stream (/api/v1/events/); "
                        + "0 = any free port",
                (b, v) -> b.httpPort = (int) number("http-port", v)),
        PUBLIC_BASE_URL("public-base-url", "none (links are paths)",
                "the address clients reach the app at behind a reverse proxy, e.g. https://eto.example.org: "
                        + "links in answers become absolute (wss:// for https), and its origin may open the "
                        + "WebSocket and the event stream",
                (b, v) -> b.publicBaseUrl = v),
        TRUSTED_PROXIES("trusted-proxies", "none",
                "comma-separated IP addresses or CIDR ranges of reverse proxies whose Forwarded and "
                        + "X-Forwarded-For/-Proto/-Host headers are believed (the client is the right-most "
                        + "address that is not one of them)",
                (b, v) -> b.trustedProxies = list(v)),
        ALLOWED_ORIGINS("allowed-origins", "the page's own origins",
                "comma-separated origins allowed to open the WebSocket and read the event stream, besides the "
                        + "public base URL's; when given, these replace the page's own origins",
                (b, v) -> b.allowedOrigins = list(v)),
        STORE("store", STORE_MEMORY, "task store: memory (ends with the process) or postgres (durable, shared)",
                (b, v) -> b.store = v.toLowerCase(Locale.ROOT)),
        JDBC_URL("jdbc-url", "none", "postgres store: the database, jdbc:postgresql://host:5432/db (required with it)",
                (b, v) -> b.jdbcUrl = v),
        JDBC_USER("jdbc-user", "none", "postgres store: the user (else the URL's or the driver's default)",
                (b, v) -> b.jdbcUser = v),
        JDBC_PASSWORD("jdbc-password", "none", "postgres store: the password (prefer the environment variable)",
                (b, v) -> b.jdbcPassword = v, true),
        TOKEN_KEY("token-key", "random per process",
                "HMAC key of the task tokens, base64 of at least " + TaskTokens.MIN_KEY_BYTES
                        + " bytes; required with postgres, the same on every instance",
                (b, v) -> b.tokenKey = v),
        MAX_BODY_BYTES("max-body-bytes", String.valueOf(DEFAULT_MAX_BODY_BYTES), "larger request bodies get 413",
                (b, v) -> b.maxBodyBytes = number("max-body-bytes", v)),
        MAX_ROWS("max-rows", String.valueOf(DEFAULT_MAX_ROWS), "more data rows get 413",
                (b, v) -> b.maxRows = (int) number("max-rows", v)),
        RATE_PER_MINUTE("rate-per-minute", String.valueOf(DEFAULT_SUBMISSIONS_PER_MINUTE),
                "calculations one client (IP address) may submit per minute; more get 429",
                (b, v) -> b.submissionsPerMinute = (int) number("rate-per-minute", v)),
        WORKERS("workers", "processors (" + DEFAULT_WORKERS + ")", "calculations running at once",
                (b, v) -> b.workers = (int) number("workers", v)),
        TOKEN_TTL_SECONDS("token-ttl-seconds", String.valueOf(DEFAULT_TOKEN_TTL.toSeconds()),
                "lifetime of a task's token (and, with the memory store, of its kept result)",
                (b, v) -> b.tokenTtl = Duration.ofSeconds(number("token-ttl-seconds", v))),
        IDLE_TIMEOUT_SECONDS("idle-timeout-seconds", String.valueOf(DEFAULT_IDLE_TIMEOUT.toSeconds()),
                "a connection silent this long is closed (live updates send a heartbeat every 10 s)",
                (b, v) -> b.idleTimeout = Duration.ofSeconds(number("idle-timeout-seconds", v))),
        MAX_HEADER_BYTES("max-header-bytes", String.valueOf(DEFAULT_MAX_REQUEST_HEADER_BYTES),
                "largest request line plus headers; larger get 431",
                (b, v) -> b.maxRequestHeaderBytes = (int) number("max-header-bytes", v)),
        REQUEST_HEAD_TIMEOUT_SECONDS("request-head-timeout-seconds",
                String.valueOf(DEFAULT_REQUEST_HEAD_TIMEOUT.toSeconds()),
                "a request line plus headers still arriving this long after they began has its connection "
                        + "closed (slow clients); 0 = no deadline",
                (b, v) -> b.requestHeadTimeout = Duration.ofSeconds(number("request-head-timeout-seconds", v))),
        MIN_REQUEST_BYTES_PER_SECOND("min-request-bytes-per-second",
                String.valueOf(DEFAULT_MIN_REQUEST_BYTES_PER_SECOND),
                "a request body arriving slower is answered 408 and its connection closed; 0 = no minimum",
                (b, v) -> b.minRequestBytesPerSecond = number("min-request-bytes-per-second", v)),
        MAX_UPLOAD_BYTES_IN_FLIGHT("max-upload-bytes-in-flight", "an eighth of the heap",
                "request-body bytes of uploads read at once over all requests; past it 503 with Retry-After",
                (b, v) -> b.maxUploadBytesInFlight = number("max-upload-bytes-in-flight", v)),
        RESULT_RETENTION_MINUTES("result-retention-minutes", String.valueOf(DEFAULT_RESULT_RETENTION.toMinutes()),
                "a finished calculation's result is kept at least this long, then until it was read (up to the "
                        + "token's lifetime)",
                (b, v) -> b.resultRetention = Duration.ofMinutes(number("result-retention-minutes", v))),
        RESULT_CAPACITY_ROWS("result-capacity-rows", "a third of the heap at " + RESULT_ROW_BYTES + " bytes a row",
                "memory store: result rows held at most (running calculations included); when full, new "
                        + "calculations get 503 and Retry-After, kept results are never dropped",
                (b, v) -> b.resultCapacityRows = number("result-capacity-rows", v)),
        SOURCES_BASE_URL("sources-base-url", "the public services",
                "\"by location\": one base URL that every weather source and the elevation lookup use instead",
                (b, v) -> b.sourcesBaseUrl = v),
        USER_AGENT("user-agent", DEFAULT_USER_AGENT, "User-Agent sent to the weather services (put a contact here)",
                (b, v) -> b.userAgent = v),
        MAX_LOCATION_DAYS("max-location-days", String.valueOf(DEFAULT_MAX_LOCATION_DAYS),
                "longest \"by location\" period in days",
                (b, v) -> b.maxLocationDays = (int) number("max-location-days", v)),
        DEMO_DELAY_PER_ROW_MICROS("demo-delay-per-row-micros", "0",
                "demo throttle: a pause after each record of every stage, so progress can be watched; keep 0 "
                        + "in production",
                (b, v) -> b.demoDelayPerRowMicros = number("demo-delay-per-row-micros", v));

        private final String flag;
        private final String defaultText;
        private final String meaning;
        private final BiConsumer<Builder, String> apply;
        private final boolean secret;

        Option(String flag, String defaultText, String meaning, BiConsumer<Builder, String> apply) {
            this(flag, defaultText, meaning, apply, false);
        }

        Option(String flag, String defaultText, String meaning, BiConsumer<Builder, String> apply, boolean secret) {
            this.flag = flag;
            this.defaultText = defaultText;
            this.meaning = meaning;
            this.apply = apply;
            this.secret = secret;
        }

        /** The flag without its dashes, e.g. {@code http-port}. */
        String flag() {
            return flag;
        }

        /** The environment variable, e.g. {@code ETO_HTTP_PORT}. */
        String env() {
            return "ETO_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
        }

        /** The default as a person reads it. */
        String defaultText() {
            return defaultText;
        }

        /** What the option does. */
        String meaning() {
            return meaning;
        }

        static Optional<Option> byFlag(String flag) {
            for (Option o : values()) {
                if (o.flag.equals(flag)) {
                    return Optional.of(o);
                }
            }
            return Optional.empty();
        }
    }

    /** Options of earlier versions that are gone, with what replaced them. */
    private static final Map<String, String> REMOVED = Map.of(
            "ws-port", "the WebSocket is served on the HTTP port now, at /ws/{taskId}");

    /**
     * Whether the command line asks for the option list ({@code --help} or {@code -h}).
     *
     * @param args the command-line arguments
     * @return true to print {@link #help()} and exit
     */
    public static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The option list: each flag with its environment variable, default and meaning.
     *
     * @return the text printed by {@code --help}
     */
    public static String help() {
        StringBuilder out = new StringBuilder(4096);
        out.append("Usage: java -jar eto-webapp.jar [--option value | --option=value]...\n")
                .append("Every option can also be set by its environment variable; a flag wins.\n\n");
        for (Option o : Option.values()) {
            out.append("  --").append(o.flag()).append(" <value>    (env ").append(o.env()).append(", default: ")
                    .append(o.defaultText()).append(")\n      ").append(o.meaning()).append('\n');
        }
        out.append("  --help    this list\n");
        return out.toString();
    }

    /**
     * Reads the configuration from flags ({@code --http-port 9000} or {@code --http-port=9000}) and
     * environment variables ({@code ETO_HTTP_PORT=9000}); flags win over the environment. The options are
     * those of {@link Option} (printed by {@link #help()}).
     *
     * @param args the command-line arguments
     * @param env  the environment
     * @return the configuration
     * @throws IllegalArgumentException naming the option when one is unknown or a value is out of range
     */
    public static WebAppConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(2, eq) : a.substring(2);
            if (Option.byFlag(name).isEmpty()) {
                String removed = REMOVED.get(name);
                throw new IllegalArgumentException("unknown option --" + name
                        + (removed == null ? "" : ": " + removed));
            }
            if (eq > 0) {
                flags.put(name, a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        Builder b = new Builder(defaults());
        for (Option o : Option.values()) {
            String v = flags.containsKey(o.flag()) ? flags.get(o.flag()) : env.get(o.env());
            if (v != null) {
                // A password may begin or end in a space: secrets are taken as given.
                o.apply.accept(b, o.secret ? v : v.trim());
            }
        }
        return b.build();
    }

    /**
     * A copy on another HTTP port.
     *
     * @param port the port, 0 for any free port
     * @return the copy
     */
    public WebAppConfig withHttpPort(int port) {
        Builder b = new Builder(this);
        b.httpPort = port;
        return b.build();
    }

    /**
     * A copy on other ports, as in earlier versions.
     *
     * @param http      the HTTP port, 0 for any free port
     * @param webSocket ignored: the WebSocket is served on the HTTP port
     * @return the copy
     * @deprecated use {@link #withHttpPort(int)}
     */
    @Deprecated(forRemoval = true)
    public WebAppConfig withPorts(int http, int webSocket) {
        return withHttpPort(http);
    }

    /**
     * A copy with other limits.
     *
     * @param bodyBytes the body limit
     * @param rows      the row limit
     * @param perMinute submissions per client and minute
     * @return the copy
     */
    public WebAppConfig withLimits(long bodyBytes, int rows, int perMinute) {
        Builder b = new Builder(this);
        b.maxBodyBytes = bodyBytes;
        b.maxRows = rows;
        b.submissionsPerMinute = perMinute;
        return b.build();
    }

    /**
     * A copy with another demo throttle.
     *
     * @param micros pause after each record of each stage, 0 for none
     * @return the copy
     */
    public WebAppConfig withDemoDelayPerRowMicros(long micros) {
        Builder b = new Builder(this);
        b.demoDelayPerRowMicros = micros;
        return b.build();
    }

    /**
     * A copy whose "by location" mode asks {@code url} instead of the public weather services.
     *
     * @param url the base URL of every source and of the elevation lookup; empty for the public services
     * @return the copy
     */
    public WebAppConfig withSourcesBaseUrl(String url) {
        Builder b = new Builder(this);
        b.sourcesBaseUrl = url;
        return b.build();
    }

    /**
     * A copy on the PostgreSQL store.
     *
     * @param url      the JDBC URL, {@code jdbc:postgresql://…}
     * @param user     the user, or empty
     * @param password the password, or empty
     * @param key      the token key in base64 (at least {@value TaskTokens#MIN_KEY_BYTES} bytes)
     * @return the copy
     */
    public WebAppConfig withPostgres(String url, String user, String password, String key) {
        Builder b = new Builder(this);
        b.store = STORE_POSTGRES;
        b.jdbcUrl = url;
        b.jdbcUser = user;
        b.jdbcPassword = password;
        b.tokenKey = key;
        return b.build();
    }

    /**
     * A copy behind a reverse proxy.
     *
     * @param baseUrl the public base URL ({@code https://eto.example.org}), or empty for paths only
     * @param proxies the trusted proxies' addresses or CIDR ranges
     * @return the copy
     */
    public WebAppConfig withProxy(String baseUrl, List<String> proxies) {
        Builder b = new Builder(this);
        b.publicBaseUrl = baseUrl;
        b.trustedProxies = proxies;
        return b.build();
    }

    /**
     * A copy with other allowed origins.
     *
     * @param origins origins allowed to open the WebSocket and read the event stream; empty for the page's own
     * @return the copy
     */
    public WebAppConfig withAllowedOrigins(List<String> origins) {
        Builder b = new Builder(this);
        b.allowedOrigins = origins;
        return b.build();
    }

    /**
     * A copy with other connection limits.
     *
     * @param idle        the idle timeout of a connection
     * @param headerBytes the request header limit
     * @return the copy
     */
    public WebAppConfig withConnectionLimits(Duration idle, int headerBytes) {
        Builder b = new Builder(this);
        b.idleTimeout = idle;
        b.maxRequestHeaderBytes = headerBytes;
        return b.build();
    }

    /**
     * A copy with another retention of results.
     *
     * @param minimum      the minimum retention of a finished calculation's result
     * @param capacityRows result rows the memory store holds at most
     * @return the copy
     */
    public WebAppConfig withResultRetention(Duration minimum, long capacityRows) {
        Builder b = new Builder(this);
        b.resultRetention = minimum;
        b.resultCapacityRows = capacityRows;
        return b.build();
    }

    /**
     * A copy with another slowest request body.
     *
     * @param bytesPerSecond the minimum rate, 0 for none
     * @return the copy
     */
    public WebAppConfig withMinRequestBytesPerSecond(long bytesPerSecond) {
        Builder b = new Builder(this);
        b.minRequestBytesPerSecond = bytesPerSecond;
        return b.build();
    }

    /**
     * A copy with another deadline for request heads.
     *
     * @param timeout the longest a request head may take to arrive once begun; zero for no deadline
     * @return the copy
     */
    public WebAppConfig withRequestHeadTimeout(Duration timeout) {
        Builder b = new Builder(this);
        b.requestHeadTimeout = timeout;
        return b.build();
    }

    /**
     * A copy with another bound of upload bytes in flight.
     *
     * @param bytes the bound, 0 for an eighth of the heap
     * @return the copy
     */
    public WebAppConfig withMaxUploadBytesInFlight(long bytes) {
        Builder b = new Builder(this);
        b.maxUploadBytesInFlight = bytes;
        return b.build();
    }

    private static List<String> list(String text) {
        List<String> out = new ArrayList<>();
        for (String o : text.split(",")) {
            if (!o.isBlank()) {
                out.add(o.trim());
            }
        }
        return out;
    }

    private static long number(String option, String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number, was '" + v + "'", e);
        }
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    /** The components while options are read; {@link #build()} validates them. */
    private static final class Builder {
        String host;
        int httpPort;
        String store;
        long maxBodyBytes;
        int maxRows;
        int submissionsPerMinute;
        int workers;
        Duration tokenTtl;
        List<String> allowedOrigins;
        long demoDelayPerRowMicros;
        String sourcesBaseUrl;
        String userAgent;
        int maxLocationDays;
        String jdbcUrl;
        String jdbcUser;
        String jdbcPassword;
        String tokenKey;
        String publicBaseUrl;
        List<String> trustedProxies;
        Duration idleTimeout;
        int maxRequestHeaderBytes;
        Duration resultRetention;
        long resultCapacityRows;
        long minRequestBytesPerSecond;
        long maxUploadBytesInFlight;
        Duration requestHeadTimeout;

        Builder(WebAppConfig c) {
            host = c.host;
            httpPort = c.httpPort;
            store = c.store;
            maxBodyBytes = c.maxBodyBytes;
            maxRows = c.maxRows;
            submissionsPerMinute = c.submissionsPerMinute;
            workers = c.workers;
            tokenTtl = c.tokenTtl;
            allowedOrigins = c.allowedOrigins;
            demoDelayPerRowMicros = c.demoDelayPerRowMicros;
            sourcesBaseUrl = c.sourcesBaseUrl;
            userAgent = c.userAgent;
            maxLocationDays = c.maxLocationDays;
            jdbcUrl = c.jdbcUrl;
            jdbcUser = c.jdbcUser;
            jdbcPassword = c.jdbcPassword;
            tokenKey = c.tokenKey;
            publicBaseUrl = c.publicBaseUrl;
            trustedProxies = c.trustedProxies;
            idleTimeout = c.idleTimeout;
            maxRequestHeaderBytes = c.maxRequestHeaderBytes;
            resultRetention = c.resultRetention;
            resultCapacityRows = c.resultCapacityRows;
            minRequestBytesPerSecond = c.minRequestBytesPerSecond;
            maxUploadBytesInFlight = c.maxUploadBytesInFlight;
            requestHeadTimeout = c.requestHeadTimeout;
        }

        WebAppConfig build() {
            return new WebAppConfig(host, httpPort, store, maxBodyBytes, maxRows, submissionsPerMinute, workers,
                    tokenTtl, allowedOrigins, demoDelayPerRowMicros, sourcesBaseUrl, userAgent, maxLocationDays,
                    jdbcUrl, jdbcUser, jdbcPassword, tokenKey, publicBaseUrl, trustedProxies, idleTimeout,
                    maxRequestHeaderBytes, resultRetention, resultCapacityRows, minRequestBytesPerSecond,
                    maxUploadBytesInFlight, requestHeadTimeout);
        }
    }
}
