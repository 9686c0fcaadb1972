package org.eto4j.sources;

import com.github.benmanes.caffeine.cache.Cache;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service's HTTP access: cache look-up, rate limit, timeouts, retries with exponential backoff and jitter
 * honouring Retry-After, conditional requests, and typed errors. Parsed answers are cached, so a malformed
 * body is never cached and a cache hit costs no parsing.
 */
final class HttpGateway {
    private static final Logger LOG = LoggerFactory.getLogger(HttpGateway.class);
    /** How often a waiting request checks for cancellation. */
    private static final long CANCEL_POLL_MILLIS = 100;

    /** Parses a response body; throws {@link SourceException} (MALFORMED_RESPONSE) when it cannot. */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String body);
    }

    /** A cached parsed answer. */
    record Entry(Object value, Instant expiresAt, String lastModified) {
    }

    private final SourceId source;
    private final String sourceToken;
    private final Settings settings;
    private final RateLimiter limiter;
    private final Cache<CacheKey, Entry> cache;
    private final HttpClient client;
    private final SourceListeners listeners;
    private final ConcurrentHashMap<CacheKey, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    HttpGateway(SourceId source, String sourceToken, Settings settings, RateLimiter limiter,
            Cache<CacheKey, Entry> cache, HttpClient client, SourceListeners listeners) {
        this.source = source;
        this.listeners = listeners;
        this.sourceToken = sourceToken;
        this.settings = settings;
        this.limiter = limiter;
        this.cache = cache;
        this.client = client;
    }

    /**
     * Fetches and parses, or answers from the cache.
     *
     * @param uri           the URL
     * @param key           the cache key
     * @param ttl           how long a fresh answer stays valid when the service does not say
     * @param honourExpires whether the service's Expires header sets the lifetime (MET Norway's terms ask for it)
     */
    <T> T get(URI uri, CacheKey key, Duration ttl, boolean honourExpires, Parser<T> parser, FetchObserver observer) {
        boolean reported = false;
        while (true) {
            Entry cached = cache.getIfPresent(key);
            boolean fresh = cached != null && settings.clock().instant().isBefore(cached.expiresAt());
            if (!reported) {
                // Once per call: a caller that waited for another's cancelled request and comes round again is
                // still one look-up.
                reported = true;
                listeners.cacheLookup(sourceToken, fresh);
            }
            if (fresh) {
                @SuppressWarnings("unchecked")
                T value = (T) cached.value();
                return value;
            }
            // One request per key at a time: callers asking for the same answer meanwhile wait for it instead of
            // sending their own (a web app's users at one farm make one request, not fifty).
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> leader = inFlight.putIfAbsent(key, mine);
            if (leader != null) {
                Optional<Object> shared = await(leader, observer);
                if (shared.isPresent()) {
                    @SuppressWarnings("unchecked")
                    T value = (T) shared.get();
                    return value;
                }
                continue;
            }
            try {
                T value = fetch(uri, key, cached, ttl, honourExpires, parser, observer);
                mine.complete(value);
                return value;
            } catch (RuntimeException | Error e) {
                // Complete in every case, or callers waiting on this request would wait until they cancel.
                mine.completeExceptionally(e);
                throw e;
            } finally {
                inFlight.remove(key, mine);
            }
        }
    }

    /**
     * Waits for another caller's request; empty when that caller was cancelled (this one then tries itself).
     */
    private Optional<Object> await(CompletableFuture<Object> leader, FetchObserver observer) {
        while (true) {
            try {
                return Optional.of(leader.get(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (observer.cancelled()) {
                    throw new SourceException(SourceErrorCode.CANCELLED, sourceToken);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(SourceErrorCode.CANCELLED, e, sourceToken);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SourceException se) {
                    if (se.code() == SourceErrorCode.CANCELLED) {
                        return Optional.empty();
                    }
                    // A new exception, so that this caller's stack shows where it waited; the leader's is the cause.
                    throw new SourceException(se.code(), se, se.args().toArray());
                }
                throw new SourceException(SourceErrorCode.MALFORMED_RESPONSE, e.getCause(), sourceToken,
                        String.valueOf(e.getCause()));
            }
        }
    }

    private <T> T fetch(URI uri, CacheKey key, Entry cached, Duration ttl, boolean honourExpires, Parser<T> parser,
            FetchObserver observer) {
        SourceException last = null;
        for (int attempt = 1; attempt <= settings.maxAttempts(); attempt++) {
            if (observer.cancelled()) {
                throw new SourceException(SourceErrorCode.CANCELLED, sourceToken);
            }
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException(SourceErrorCode.CANCELLED, e, sourceToken);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .GET()
                    .timeout(settings.readTimeout())
                    .header("User-Agent", settings.userAgent())
                    .header("Accept", "application/json")
                    // Forecast answers are 50–300 kB of JSON; gzip cuts them by about ten (MET Norway asks for it).
                    .header("Accept-Encoding", "gzip");
            if (cached != null && cached.lastModified() != null) {
                request.header("If-Modified-Since", cached.lastModified());
            }
            Duration retryAfter = null;
            long startNanos = System.nanoTime();
            try {
                HttpResponse<byte[]> response = send(request.build(), observer);
                int status = response.statusCode();
                listeners.response(sourceToken, status, startNanos);
                Instant now = settings.clock().instant();
                if (status == 304 && cached != null) {
                    Entry refreshed = new Entry(cached.value(), expiry(response, now, ttl, honourExpires),
                            cached.lastModified());
                    cache.put(key, refreshed);
                    @SuppressWarnings("unchecked")
                    T value = (T) cached.value();
                    return value;
                }
                if (status >= 200 && status < 300) {
                    if (status == 203) {
                        // MET Norway marks a product version that will be withdrawn; the data are still valid.
                        LOG.warn("{} answered 203: the endpoint {} is deprecated", sourceToken, uri.getPath());
                    }
                    T value = parser.parse(text(response));
                    String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
                    cache.put(key, new Entry(value, expiry(response, now, ttl, honourExpires), lastModified));
                    return value;
                }
                retryAfter = retryAfter(response, now).orElse(null);
                if (status == 429) {
                    long seconds = retryAfter == null ? -1 : retryAfter.toSeconds();
                    last = new SourceException(SourceErrorCode.RATE_LIMITED, sourceToken, seconds);
                    if (retryAfter != null && retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
                        throw last;
                    }
                } else if (status == 500 || status == 502 || status == 503 || status == 504) {
                    last = new SourceException(SourceErrorCode.SERVICE_ERROR, sourceToken, status, uri.getPath());
                } else {
                    throw new SourceException(SourceErrorCode.SERVICE_ERROR, sourceToken, status, uri.getPath());
                }
            } catch (HttpConnectTimeoutException e) {
                last = new SourceException(SourceErrorCode.NETWORK_UNAVAILABLE, e, sourceToken, uri.getHost());
                listeners.requestFailed(sourceToken, last.code(), startNanos);
            } catch (HttpTimeoutException e) {
                last = new SourceException(SourceErrorCode.TIMEOUT, e, sourceToken, settings.readTimeout().toMillis());
                listeners.requestFailed(sourceToken, last.code(), startNanos);
            } catch (IOException e) {
                // Refused or reset connections and bodies cut short by the transport are worth another try.
                last = new SourceException(SourceErrorCode.NETWORK_UNAVAILABLE, e, sourceToken, uri.getHost());
                listeners.requestFailed(sourceToken, last.code(), startNanos);
            }
            if (attempt < settings.maxAttempts()) {
                Duration wait = retryAfter != null ? retryAfter : backoff(attempt);
                listeners.retrying(sourceToken, attempt + 1, last.code(), wait);
                LOG.debug("{} attempt {} failed ({}); retrying in {} ms", sourceToken, attempt, last.code(),
                        wait.toMillis());
                try {
                    settings.sleeper().sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SourceException(SourceErrorCode.CANCELLED, e, sourceToken);
                }
            }
        }
        throw last;
    }

    /**
     * Exponential backoff with "equal jitter": half the exponential delay is kept, the other half drawn at
     * random, so that synchronised clients spread out yet no retry comes immediately.
     */
    Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        long half = capped / 2;
        long jitter;
        synchronized (settings.random()) {
            jitter = half == 0 ? 0 : (long) (settings.random().nextDouble() * (capped - half + 1));
        }
        return Duration.ofMillis(half + jitter);
    }

    /** The body as text, gunzipped when the service compressed it; a broken gzip stream is a malformed answer. */
    private String text(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        boolean gzip = response.headers().firstValue("Content-Encoding")
                .map(v -> v.trim().equalsIgnoreCase("gzip")).orElse(false);
        if (!gzip) {
            return new String(body, StandardCharsets.UTF_8);
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SourceException(SourceErrorCode.MALFORMED_RESPONSE, e, sourceToken, "broken gzip body");
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request, FetchObserver observer) throws IOException {
        CompletableFuture<HttpResponse<byte[]>> future =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        while (true) {
            try {
                return future.get(CANCEL_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (observer.cancelled()) {
                    future.cancel(true);
                    throw new SourceException(SourceErrorCode.CANCELLED, sourceToken);
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new SourceException(SourceErrorCode.CANCELLED, e, sourceToken);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                while (cause instanceof CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                if (cause instanceof IOException io) {
                    throw io;
                }
                if (cause instanceof SourceException se) {
                    throw se;
                }
                throw new IOException(cause);
            }
        }
    }

    private Instant expiry(HttpResponse<?> response, Instant now, Duration ttl, boolean honourExpires) {
        if (honourExpires) {
            Optional<Instant> expires = response.headers().firstValue("Expires").flatMap(HttpGateway::httpDate);
            if (expires.isPresent()) {
                return expires.get();
            }
        }
        return now.plus(ttl);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response, Instant now) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String v = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            return httpDate(v).map(t -> t.isAfter(now) ? Duration.between(now, t) : Duration.ZERO);
        }
    }

    static Optional<Instant> httpDate(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    SourceId source() {
        return source;
    }
}
