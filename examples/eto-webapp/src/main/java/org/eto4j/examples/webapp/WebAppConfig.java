package org.eto4j.examples.webapp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eto4j.transport.TaskTokens;

/**
 * The web app's configuration: ports, store (and its database), token key, input limits and the demo throttle. Every option has a
 * command-line flag and an environment variable (flags win); see {@link #parse(String[], Map)}.
 *
 * @param host                    the address the HTTP and WebSocket servers bind to
 * @param httpPort                the HTTP port; 0 picks a free port
 * @param webSocketPort           the WebSocket port; 0 picks a free port
 * @param store                   the task store: {@code memory} (the default; tasks and results live in this
 *                                process) or {@code postgres} (durable, shared by every node on the database)
 * @param maxBodyBytes            the largest request body accepted (413 above)
 * @param maxRows                 the most data rows one calculation may have (413 above)
 * @param submissionsPerMinute    calculations one client (IP address) may submit per minute (429 above)
 * @param workers                 calculations run at the same time
 * @param tokenTtl                how long a task's token stays valid
 * @param allowedOrigins          origins allowed to open the WebSocket; empty = the page's own origins
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
 */
public record WebAppConfig(String host, int httpPort, int webSocketPort, String store, long maxBodyBytes,
                           int maxRows, int submissionsPerMinute, int workers, Duration tokenTtl,
                           List<String> allowedOrigins, long demoDelayPerRowMicros,
                           String sourcesBaseUrl, String userAgent, int maxLocationDays,
                           String jdbcUrl, String jdbcUser, String jdbcPassword, String tokenKey) {

    /** The in-memory store: nothing to install; tasks and results end with the process. */
    public static final String STORE_MEMORY = "memory";
    /** The PostgreSQL store (eto-progress-postgres): results survive restarts and are shared between nodes. */
    public static final String STORE_POSTGRES = "postgres";

    /** Default HTTP port, the usual development port of web servers. */
    public static final int DEFAULT_HTTP_PORT = 8080;
    /** Default WebSocket port, next to the HTTP port. */
    public static final int DEFAULT_WEBSOCKET_PORT = 8081;
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

    /** Default User-Agent towards the weather services: the application and where to learn about it. */
    public static final String DEFAULT_USER_AGENT = "eto4j-webapp/0.1 (+https://eto4j.org)";
    /** Default longest "by location" period, 3,660 days: ten years, one NASA POWER request chunk. */
    public static final int DEFAULT_MAX_LOCATION_DAYS = 3660;

    /** Validates the components. */
    public WebAppConfig {
        Objects.requireNonNull(host, "host");
        requireRange("http-port", httpPort, 0, 65535);
        requireRange("ws-port", webSocketPort, 0, 65535);
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

    /** The configuration with the database password and the token key masked, so it can be logged. */
    @Override
    public String toString() {
        return "WebAppConfig[host=" + host + ", httpPort=" + httpPort + ", webSocketPort=" + webSocketPort
                + ", store=" + store + ", maxBodyBytes=" + maxBodyBytes + ", maxRows=" + maxRows
                + ", submissionsPerMinute=" + submissionsPerMinute + ", workers=" + workers + ", tokenTtl=" + tokenTtl
                + ", allowedOrigins=" + allowedOrigins + ", demoDelayPerRowMicros=" + demoDelayPerRowMicros
                + ", sourcesBaseUrl=" + sourcesBaseUrl + ", userAgent=" + userAgent
                + ", maxLocationDays=" + maxLocationDays + ", jdbcUrl=" + (jdbcUrl.isEmpty() ? "" : "(set)")
                + ", jdbcUser=" + jdbcUser + ", jdbcPassword=" + (jdbcPassword.isEmpty() ? "" : "***")
                + ", tokenKey=" + (tokenKey.isEmpty() ? "" : "***") + "]";
    }

    /**
     * The defaults: ports 8080 and 8081 on loopback, memory store, a random token key, the default limits,
     * no throttle.
     */
    public static WebAppConfig defaults() {
        return new WebAppConfig(DEFAULT_HOST, DEFAULT_HTTP_PORT, DEFAULT_WEBSOCKET_PORT, "memory",
                DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_ROWS, DEFAULT_SUBMISSIONS_PER_MINUTE, DEFAULT_WORKERS,
                DEFAULT_TOKEN_TTL, List.of(), 0, "", DEFAULT_USER_AGENT, DEFAULT_MAX_LOCATION_DAYS, "", "", "", "");
    }

    /**
     * Reads the configuration from flags ({@code --http-port 9000} or {@code --http-port=9000}) and
     * environment variables ({@code ETO_HTTP_PORT=9000}); flags win over the environment.
     *
     * <table>
     * <caption>Options</caption>
     * <tr><th>flag</th><th>environment</th></tr>
     * <tr><td>--host</td><td>ETO_HOST</td></tr>
     * <tr><td>--http-port</td><td>ETO_HTTP_PORT</td></tr>
     * <tr><td>--ws-port</td><td>ETO_WS_PORT</td></tr>
     * <tr><td>--store</td><td>ETO_STORE</td></tr>
     * <tr><td>--max-body-bytes</td><td>ETO_MAX_BODY_BYTES</td></tr>
     * <tr><td>--max-rows</td><td>ETO_MAX_ROWS</td></tr>
     * <tr><td>--rate-per-minute</td><td>ETO_RATE_PER_MINUTE</td></tr>
     * <tr><td>--workers</td><td>ETO_WORKERS</td></tr>
     * <tr><td>--token-ttl-seconds</td><td>ETO_TOKEN_TTL_SECONDS</td></tr>
     * <tr><td>--allowed-origins (comma-separated)</td><td>ETO_ALLOWED_ORIGINS</td></tr>
     * <tr><td>--demo-delay-per-row-micros</td><td>ETO_DEMO_DELAY_PER_ROW_MICROS</td></tr>
     * <tr><td>--sources-base-url</td><td>ETO_SOURCES_BASE_URL</td></tr>
     * <tr><td>--user-agent</td><td>ETO_USER_AGENT</td></tr>
     * <tr><td>--max-location-days</td><td>ETO_MAX_LOCATION_DAYS</td></tr>
     * <tr><td>--jdbc-url</td><td>ETO_JDBC_URL</td></tr>
     * <tr><td>--jdbc-user</td><td>ETO_JDBC_USER</td></tr>
     * <tr><td>--jdbc-password</td><td>ETO_JDBC_PASSWORD</td></tr>
     * <tr><td>--token-key (base64)</td><td>ETO_TOKEN_KEY</td></tr>
     * </table>
     *
     * @param args the command-line arguments
     * @param env  the environment
     * @return the configuration
     * @throws IllegalArgumentException naming the option when a value is unknown or out of range
     */
    public static WebAppConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new java.util.HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + a + "'");
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                flags.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
        }
        WebAppConfig d = defaults();
        Source s = new Source(flags, env);
        WebAppConfig config = new WebAppConfig(
                s.text("host", d.host()),
                (int) s.number("http-port", d.httpPort()),
                (int) s.number("ws-port", d.webSocketPort()),
                s.text("store", d.store()).toLowerCase(Locale.ROOT),
                s.number("max-body-bytes", d.maxBodyBytes()),
                (int) s.number("max-rows", d.maxRows()),
                (int) s.number("rate-per-minute", d.submissionsPerMinute()),
                (int) s.number("workers", d.workers()),
                Duration.ofSeconds(s.number("token-ttl-seconds", d.tokenTtl().toSeconds())),
                origins(s.text("allowed-origins", "")),
                s.number("demo-delay-per-row-micros", d.demoDelayPerRowMicros()),
                s.text("sources-base-url", d.sourcesBaseUrl()),
                s.text("user-agent", d.userAgent()),
                (int) s.number("max-location-days", d.maxLocationDays()),
                s.text("jdbc-url", d.jdbcUrl()),
                s.text("jdbc-user", d.jdbcUser()),
                s.secret("jdbc-password", d.jdbcPassword()),
                s.text("token-key", d.tokenKey()));
        flags.keySet().removeAll(Source.KNOWN);
        if (!flags.isEmpty()) {
            throw new IllegalArgumentException("unknown option --" + flags.keySet().iterator().next());
        }
        return config;
    }

    /**
     * A copy with other ports.
     *
     * @param http      the HTTP port, 0 for any free port
     * @param webSocket the WebSocket port, 0 for any free port
     * @return the copy
     */
    public WebAppConfig withPorts(int http, int webSocket) {
        return new WebAppConfig(host, http, webSocket, store, maxBodyBytes, maxRows, submissionsPerMinute, workers,
                tokenTtl, allowedOrigins, demoDelayPerRowMicros, sourcesBaseUrl, userAgent, maxLocationDays, jdbcUrl,
                jdbcUser, jdbcPassword, tokenKey);
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
        return new WebAppConfig(host, httpPort, webSocketPort, store, bodyBytes, rows, perMinute, workers,
                tokenTtl, allowedOrigins, demoDelayPerRowMicros, sourcesBaseUrl, userAgent, maxLocationDays, jdbcUrl,
                jdbcUser, jdbcPassword, tokenKey);
    }

    /**
     * A copy with another demo throttle.
     *
     * @param micros pause after each record of each stage, 0 for none
     * @return the copy
     */
    public WebAppConfig withDemoDelayPerRowMicros(long micros) {
        return new WebAppConfig(host, httpPort, webSocketPort, store, maxBodyBytes, maxRows, submissionsPerMinute,
                workers, tokenTtl, allowedOrigins, micros, sourcesBaseUrl, userAgent, maxLocationDays, jdbcUrl, jdbcUser,
                jdbcPassword, tokenKey);
    }

    /**
     * A copy whose "by location" mode asks {@code url} instead of the public weather services.
     *
     * @param url the base URL of every source and of the elevation lookup; empty for the public services
     * @return the copy
     */
    public WebAppConfig withSourcesBaseUrl(String url) {
        return new WebAppConfig(host, httpPort, webSocketPort, store, maxBodyBytes, maxRows, submissionsPerMinute,
                workers, tokenTtl, allowedOrigins, demoDelayPerRowMicros, url, userAgent, maxLocationDays, jdbcUrl,
                jdbcUser, jdbcPassword, tokenKey);
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
        return new WebAppConfig(host, httpPort, webSocketPort, STORE_POSTGRES, maxBodyBytes, maxRows,
                submissionsPerMinute, workers, tokenTtl, allowedOrigins, demoDelayPerRowMicros, sourcesBaseUrl,
                userAgent, maxLocationDays, url, user, password, key);
    }

    private static List<String> origins(String text) {
        List<String> out = new ArrayList<>();
        for (String o : text.split(",")) {
            if (!o.isBlank()) {
                out.add(o.trim());
            }
        }
        return out;
    }

    private static void requireRange(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(option + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private record Source(Map<String, String> flags, Map<String, String> env) {
        static final List<String> KNOWN = List.of("host", "http-port", "ws-port", "store", "max-body-bytes",
                "max-rows", "rate-per-minute", "workers", "token-ttl-seconds", "allowed-origins",
                "demo-delay-per-row-micros", "sources-base-url", "user-agent", "max-location-days", "jdbc-url",
                "jdbc-user", "jdbc-password", "token-key");

        String text(String option, String fallback) {
            String v = flags.get(option);
            if (v == null) {
                v = env.get("ETO_" + option.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return v == null ? fallback : v.trim();
        }

        /** As {@link #text}, but never trimmed: a password may end in a space. */
        String secret(String option, String fallback) {
            String v = flags.get(option);
            if (v == null) {
                v = env.get("ETO_" + option.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
            return v == null ? fallback : v;
        }

        long number(String option, long fallback) {
            String v = text(option, null);
            if (v == null) {
                return fallback;
            }
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a whole number, was '" + v + "'", e);
            }
        }
    }
}
