package org.eto4j.sources;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The entry point: every weather source and the elevation lookup, sharing one HTTP client, one response cache
 * and one rate limiter per service.
 *
 * <pre>{@code
 * WeatherSources sources = WeatherSources.builder()
 *         .userAgent("my-irrigation-app/2.1 (ops@example.org)")
 *         .build();
 * DailySeries days = sources.source(SourceId.OPEN_METEO_ARCHIVE)
 *         .daily(WeatherRequest.of(new GeoPoint(-22.7, -47.6), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31)));
 * }</pre>
 *
 * <p>Create one instance per application and share it: it is thread-safe, and the cache and rate limits only
 * work across calls made through the same instance.
 */
public final class WeatherSources {
    /** Connect timeout: a reachable service accepts a connection in well under a second; 10 s allows slow links. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Read timeout: NASA POWER takes 5–30 s to answer a multi-year daily request; 60 s leaves margin. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** Attempts per request (1 + 3 retries): enough to ride out a restart or a short rate-limit window. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** First backoff; doubled per attempt (with jitter) up to {@link #DEFAULT_MAX_BACKOFF}. */
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    /** Longest backoff between two attempts. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
    /** A Retry-After longer than this fails at once with RATE_LIMITED instead of blocking the caller. */
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofMinutes(2);
    /** Forecast answers change with every model run (MET Norway and Open-Meteo update hourly). */
    public static final Duration DEFAULT_FORECAST_TTL = Duration.ofHours(1);
    /** Recent days are revised while reanalyses and near-real-time products catch up. */
    public static final Duration DEFAULT_RECENT_TTL = Duration.ofHours(12);
    /** Settled archive data do not change. */
    public static final Duration DEFAULT_ARCHIVE_TTL = Duration.ofDays(30);
    /** Days count as "recent" for this long: ERA5T preliminary data are replaced by final ERA5 after 2–3 months. */
    public static final int DEFAULT_RECENT_WINDOW_DAYS = 90;
    /**
     * How long an expired answer that carries Last-Modified is kept for a conditional request (MET Norway's
     * terms ask for If-Modified-Since).
     */
    public static final Duration DEFAULT_STALE_RETENTION = Duration.ofDays(1);
    /** Cached answers kept at most (an answer is one chunk: up to a year of hourly data, a few hundred kB). */
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 500;
    /**
     * Longest run of missing days filled by linear interpolation: two days keep the fill within the persistence
     * of synoptic weather; longer gaps stay missing and flagged.
     */
    public static final int DEFAULT_MAX_GAP_DAYS = 2;
    /** The User-Agent sent unless replaced; MET Norway's terms ask applications to identify themselves. */
    public static final String DEFAULT_USER_AGENT = "eto4j/0.1 (+https://eto4j.org)";
    /** Open-Meteo elevation API base URL. */
    public static final String DEFAULT_ELEVATION_BASE_URL = "https://api.open-meteo.com";

    private final Settings settings;
    private final Cache<CacheKey, HttpGateway.Entry> cache;
    private final EnumMap<SourceId, WeatherSource> sources = new EnumMap<>(SourceId.class);
    private final ElevationLookup elevation;
    private final SourceListeners listeners = new SourceListeners();

    private WeatherSources(Settings settings) {
        this.settings = settings;
        Clock clock = settings.clock();
        this.cache = Caffeine.newBuilder()
                .maximumSize(settings.cacheMaximumSize())
                // Maintenance on the calling thread: evictions and expiries happen when the call returns, so the
                // cache's behaviour is deterministic under an injected clock.
                .executor(Runnable::run)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new Expiry<CacheKey, HttpGateway.Entry>() {
                    @Override
                    public long expireAfterCreate(CacheKey key, HttpGateway.Entry value, long currentTime) {
                        return lifetime(value);
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey key, HttpGateway.Entry value, long currentTime,
                            long currentDuration) {
                        return lifetime(value);
                    }

                    @Override
                    public long expireAfterRead(CacheKey key, HttpGateway.Entry value, long currentTime,
                            long currentDuration) {
                        return currentDuration;
                    }
                })
                .build();
        HttpClient client = settings.httpClient() != null ? settings.httpClient()
                : HttpClient.newBuilder()
                        .connectTimeout(settings.connectTimeout())
                        .followRedirects(HttpClient.Redirect.NORMAL)
                        .build();
        DailyProcessing processing = new DailyProcessing(settings.maxGapDays(), CoreScience.INSTANCE);
        for (SourceId id : SourceId.values()) {
            RateLimiter limiter = new RateLimiter(settings.minRequestIntervals().get(id), clock, settings.sleeper());
            HttpGateway gateway = new HttpGateway(id, id.token(), settings, limiter, cache, client, listeners);
            sources.put(id, switch (id) {
                case NASA_POWER -> new NasaPowerSource(settings, gateway, processing);
                case OPEN_METEO_ARCHIVE, OPEN_METEO_FORECAST -> new OpenMeteoSource(id, settings, gateway, processing);
                case MET_NORWAY -> new MetNorwaySource(settings, gateway, processing);
            });
        }
        RateLimiter elevationLimiter = new RateLimiter(settings.elevationMinRequestInterval(), clock,
                settings.sleeper());
        this.elevation = new OpenMeteoElevation(settings, new HttpGateway(SourceId.OPEN_METEO_FORECAST,
                SourceListener.ELEVATION, settings, elevationLimiter, cache, client, listeners));
    }

    private long lifetime(HttpGateway.Entry value) {
        Instant now = settings.clock().instant();
        Duration d = Duration.between(now, value.expiresAt());
        if (value.lastModified() != null) {
            d = d.plus(settings.staleRetention());
        }
        return d.isNegative() ? 0 : d.toNanos();
    }

    /** A builder with every option at its documented default. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The client for one source.
     *
     * @param id the source
     * @return its client (the same object on every call)
     */
    public WeatherSource source(SourceId id) {
        return sources.get(Objects.requireNonNull(id, "id"));
    }

    /** The elevation lookup (Open-Meteo elevation API). */
    public ElevationLookup elevation() {
        return elevation;
    }

    /**
     * Registers a listener of every cache look-up and HTTP exchange made through this instance (metrics, access
     * logs); see {@link SourceListener}. Registering the same listener twice has no further effect.
     *
     * @param listener the listener
     */
    public void addListener(SourceListener listener) {
        listeners.add(listener);
    }

    /**
     * Unregisters a listener; it may still get a callback that was under way.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(SourceListener listener) {
        return listeners.remove(listener);
    }

    /** Drops every cached answer. */
    public void invalidateCache() {
        cache.invalidateAll();
    }

    /** The number of answers currently cached (approximate, as Caffeine's estimate). */
    public long cachedAnswers() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /**
     * Options for {@link WeatherSources}. Each setter returns the builder; {@link #build()} validates every
     * option and fails fast, naming the option and its accepted range.
     */
    public static final class Builder {
        private final EnumMap<SourceId, String> baseUrls = new EnumMap<>(SourceId.class);
        private String elevationBaseUrl = DEFAULT_ELEVATION_BASE_URL;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration readTimeout = DEFAULT_READ_TIMEOUT;
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private Duration maxRetryAfter = DEFAULT_MAX_RETRY_AFTER;
        private final EnumMap<SourceId, Duration> minRequestIntervals = new EnumMap<>(SourceId.class);
        private Duration elevationMinRequestInterval = Duration.ofMillis(200);
        private final EnumMap<SourceId, Integer> chunkDays = new EnumMap<>(SourceId.class);
        private long cacheMaximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;
        private Duration forecastTtl = DEFAULT_FORECAST_TTL;
        private Duration recentTtl = DEFAULT_RECENT_TTL;
        private Duration archiveTtl = DEFAULT_ARCHIVE_TTL;
        private int recentWindowDays = DEFAULT_RECENT_WINDOW_DAYS;
        private Duration staleRetention = DEFAULT_STALE_RETENTION;
        private int maxGapDays = DEFAULT_MAX_GAP_DAYS;
        private String userAgent = DEFAULT_USER_AGENT;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Random random = new Random();
        private HttpClient httpClient;

        private Builder() {
            // NASA POWER asks users not to hammer its API; one request a second is its documented courtesy.
            minRequestIntervals.put(SourceId.NASA_POWER, Duration.ofSeconds(1));
            // Open-Meteo's free tier allows 600 calls a minute: one each 100 ms; 200 ms stays well inside.
            minRequestIntervals.put(SourceId.OPEN_METEO_ARCHIVE, Duration.ofMillis(200));
            minRequestIntervals.put(SourceId.OPEN_METEO_FORECAST, Duration.ofMillis(200));
            // MET Norway allows 20 requests a second per application; 100 ms keeps a tenth of that per instance.
            minRequestIntervals.put(SourceId.MET_NORWAY, Duration.ofMillis(100));
            // POWER answers ten years of daily data in one request comfortably; its hourly endpoint takes one year.
            chunkDays.put(SourceId.NASA_POWER, 3653);
            // A year of hourly Open-Meteo data is about 9,000 rows × 6 variables: a few hundred kB per answer.
            chunkDays.put(SourceId.OPEN_METEO_ARCHIVE, 366);
            chunkDays.put(SourceId.OPEN_METEO_FORECAST, 366);
            chunkDays.put(SourceId.MET_NORWAY, 366);
        }

        /**
         * The base URL of one source (a mirror, a proxy, a test server), e.g. {@code http://127.0.0.1:8080}.
         *
         * @param source the source
         * @param url    absolute http(s) URL without query
         * @return this builder
         */
        public Builder baseUrl(SourceId source, String url) {
            baseUrls.put(Objects.requireNonNull(source, "source"), url);
            return this;
        }

        /**
         * The base URL of the elevation API; default {@value WeatherSources#DEFAULT_ELEVATION_BASE_URL}.
         *
         * @param url absolute http(s) URL
         * @return this builder
         */
        public Builder elevationBaseUrl(String url) {
            this.elevationBaseUrl = url;
            return this;
        }

        /**
         * TCP connect timeout; default {@link WeatherSources#DEFAULT_CONNECT_TIMEOUT}.
         *
         * @param timeout positive, at most 10 minutes
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Time allowed for a whole answer after the request is sent; default
         * {@link WeatherSources#DEFAULT_READ_TIMEOUT}.
         *
         * @param timeout positive, at most 10 minutes
         * @return this builder
         */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = timeout;
            return this;
        }

        /**
         * Attempts per request, the first included; default {@value WeatherSources#DEFAULT_MAX_ATTEMPTS}.
         *
         * @param attempts 1 to 10
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Exponential backoff between attempts: {@code initial × 2^(n−1)} capped at {@code max}, of which a random
         * half is jitter. A Retry-After header replaces the backoff.
         *
         * @param initial positive
         * @param max     at least {@code initial}, at most 10 minutes
         * @return this builder
         */
        public Builder backoff(Duration initial, Duration max) {
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * The longest Retry-After honoured by waiting; longer ones fail at once with RATE_LIMITED.
         *
         * @param max zero to 1 hour
         * @return this builder
         */
        public Builder maxRetryAfter(Duration max) {
            this.maxRetryAfter = max;
            return this;
        }

        /**
         * The least time between two requests to one source (its rate limit).
         *
         * @param source   the source
         * @param interval zero (no limit) to 1 hour
         * @return this builder
         */
        public Builder minRequestInterval(SourceId source, Duration interval) {
            minRequestIntervals.put(Objects.requireNonNull(source, "source"), interval);
            return this;
        }

        /**
         * The least time between two elevation requests; default 200 ms.
         *
         * @param interval zero to 1 hour
         * @return this builder
         */
        public Builder elevationMinRequestInterval(Duration interval) {
            this.elevationMinRequestInterval = interval;
            return this;
        }

        /**
         * The days one request may span; longer periods are split into chunks.
         *
         * @param source the source
         * @param days   1 to 36,600
         * @return this builder
         */
        public Builder chunkDays(SourceId source, int days) {
            chunkDays.put(Objects.requireNonNull(source, "source"), days);
            return this;
        }

        /**
         * The most answers kept in the cache; 0 turns caching off.
         *
         * @param size 0 to 1,000,000
         * @return this builder
         */
        public Builder cacheMaximumSize(long size) {
            this.cacheMaximumSize = size;
            return this;
        }

        /**
         * Cache lifetimes by data age: forecasts, periods ending within the recent window, older periods.
         *
         * @param forecast positive
         * @param recent   positive
         * @param archive  positive
         * @return this builder
         */
        public Builder cacheTtl(Duration forecast, Duration recent, Duration archive) {
            this.forecastTtl = forecast;
            this.recentTtl = recent;
            this.archiveTtl = archive;
            return this;
        }

        /**
         * How many days before today still count as recent for the cache lifetime.
         *
         * @param days 0 to 3,660
         * @return this builder
         */
        public Builder recentWindowDays(int days) {
            this.recentWindowDays = days;
            return this;
        }

        /**
         * How long an expired answer with Last-Modified is kept for an If-Modified-Since request.
         *
         * @param retention zero to 30 days
         * @return this builder
         */
        public Builder staleRetention(Duration retention) {
            this.staleRetention = retention;
            return this;
        }

        /**
         * The longest run of missing days filled by linear interpolation; 0 turns filling off.
         *
         * @param days 0 to 31
         * @return this builder
         */
        public Builder maxGapDays(int days) {
            this.maxGapDays = days;
            return this;
        }

        /**
         * The User-Agent header. MET Norway's terms require one naming the application and a contact.
         *
         * @param userAgent non-blank, printable ASCII
         * @return this builder
         */
        public Builder userAgent(String userAgent) {
            this.userAgent = userAgent;
            return this;
        }

        /**
         * The clock for cache lifetimes, rate limits and data age; tests pass a controllable one.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * How waits (backoff, Retry-After, rate limit) are done; tests pass one that does not really wait.
         *
         * @param sleeper the sleeper
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        /**
         * The random source of the backoff jitter; tests pass a seeded one.
         *
         * @param random the generator
         * @return this builder
         */
        public Builder random(Random random) {
            this.random = random;
            return this;
        }

        /**
         * An HTTP client to use (proxy, TLS, executor); its own connect timeout then applies.
         *
         * @param client the client
         * @return this builder
         */
        public Builder httpClient(HttpClient client) {
            this.httpClient = client;
            return this;
        }

        /**
         * Validates the options and builds the sources.
         *
         * @return a new, thread-safe instance
         * @throws SourceException {@link SourceErrorCode#INVALID_OPTION} naming the first invalid option
         */
        public WeatherSources build() {
            for (SourceId id : SourceId.values()) {
                if (baseUrls.containsKey(id)) {
                    url("baseUrl(" + id.token() + ")", baseUrls.get(id));
                }
                range("minRequestInterval(" + id.token() + ")", minRequestIntervals.get(id), Duration.ZERO,
                        Duration.ofHours(1));
                int days = chunkDays.get(id);
                if (days < 1 || days > WeatherRequest.MAX_DAYS) {
                    throw invalid("chunkDays(" + id.token() + ")", days, "1..36600");
                }
            }
            url("elevationBaseUrl", elevationBaseUrl);
            range("connectTimeout", connectTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
            range("readTimeout", readTimeout, Duration.ofMillis(1), Duration.ofMinutes(10));
            if (maxAttempts < 1 || maxAttempts > 10) {
                throw invalid("maxAttempts", maxAttempts, "1..10");
            }
            range("backoff.initial", initialBackoff, Duration.ofMillis(1), Duration.ofMinutes(10));
            range("backoff.max", maxBackoff, initialBackoff, Duration.ofMinutes(10));
            range("maxRetryAfter", maxRetryAfter, Duration.ZERO, Duration.ofHours(1));
            range("elevationMinRequestInterval", elevationMinRequestInterval, Duration.ZERO, Duration.ofHours(1));
            if (cacheMaximumSize < 0 || cacheMaximumSize > 1_000_000) {
                throw invalid("cacheMaximumSize", cacheMaximumSize, "0..1000000");
            }
            range("cacheTtl.forecast", forecastTtl, Duration.ofSeconds(1), Duration.ofDays(3660));
            range("cacheTtl.recent", recentTtl, Duration.ofSeconds(1), Duration.ofDays(3660));
            range("cacheTtl.archive", archiveTtl, Duration.ofSeconds(1), Duration.ofDays(3660));
            if (recentWindowDays < 0 || recentWindowDays > 3660) {
                throw invalid("recentWindowDays", recentWindowDays, "0..3660");
            }
            range("staleRetention", staleRetention, Duration.ZERO, Duration.ofDays(30));
            if (maxGapDays < 0 || maxGapDays > 31) {
                throw invalid("maxGapDays", maxGapDays, "0..31");
            }
            if (userAgent == null || userAgent.isBlank() || !userAgent.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                throw invalid("userAgent", userAgent, "non-blank printable ASCII");
            }
            if (clock == null) {
                throw invalid("clock", null, "non-null");
            }
            if (sleeper == null) {
                throw invalid("sleeper", null, "non-null");
            }
            if (random == null) {
                throw invalid("random", null, "non-null");
            }
            EnumMap<SourceId, String> urls = new EnumMap<>(SourceId.class);
            urls.putAll(baseUrls);
            return new WeatherSources(new Settings(urls, strip(elevationBaseUrl), connectTimeout, readTimeout,
                    maxAttempts, initialBackoff, maxBackoff, maxRetryAfter, new EnumMap<>(minRequestIntervals),
                    elevationMinRequestInterval, new EnumMap<>(chunkDays), cacheMaximumSize, forecastTtl, recentTtl,
                    archiveTtl, recentWindowDays, staleRetention, maxGapDays, userAgent, clock, sleeper, random,
                    httpClient));
        }

        private static String strip(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }

        private static void url(String option, String url) {
            try {
                URI uri = URI.create(url);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                        || uri.getQuery() != null) {
                    throw invalid(option, url, "absolute http(s) URL without query");
                }
            } catch (IllegalArgumentException | NullPointerException e) {
                throw invalid(option, url, "absolute http(s) URL without query");
            }
        }

        private static void range(String option, Duration value, Duration min, Duration max) {
            if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
                throw invalid(option, value, min + ".." + max);
            }
        }

        private static SourceException invalid(String option, Object value, String accepted) {
            return new SourceException(SourceErrorCode.INVALID_OPTION, option, value, accepted);
        }
    }
}
