package org.eto4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eto4j.sources.SourceErrorCode;
import org.eto4j.sources.SourceListener;
import org.eto4j.sources.WeatherSources;

/**
 * Metrics of a {@link WeatherSources}: HTTP requests by source and status class with their latency, retries by
 * cause, and cache hits and misses by source, from a {@link SourceListener} the binder registers; and the number
 * of cached answers.
 *
 * <pre>{@code
 * WeatherSourceMetrics metrics = new WeatherSourceMetrics(sources);
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <p>The {@code source} tag is the service's token ({@code nasa-power}, {@code open-meteo-archive},
 * {@code open-meteo-forecast}, {@code met-norway}, {@code open-meteo-elevation}). The {@code status} tag of
 * {@value #REQUESTS} is the class of the HTTP status ({@code 2xx}, {@code 3xx}, {@code 4xx}, {@code 5xx}), or
 * {@code network} / {@code timeout} for an exchange that got no status.
 */
public final class WeatherSourceMetrics implements MeterBinder, AutoCloseable {
    /** Timer of HTTP exchanges; tags {@code source}, {@code status}. */
    public static final String REQUESTS = "eto.sources.requests";
    /** Counter of retried attempts; tags {@code source}, {@code cause} (e.g. {@code rate_limited}). */
    public static final String RETRIES = "eto.sources.retries";
    /** Counter of cache look-ups; tags {@code source}, {@code result} ({@code hit|miss}). */
    public static final String CACHE = "eto.sources.cache";
    /** Gauge of answers held in the cache. */
    public static final String CACHE_SIZE = "eto.sources.cache.size";

    private final WeatherSources sources;
    private final Tags tags;
    private final List<SourceListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Metrics of the given sources, without extra tags.
     *
     * @param sources the sources
     */
    public WeatherSourceMetrics(WeatherSources sources) {
        this(sources, Tags.empty());
    }

    /**
     * Metrics of the given sources.
     *
     * @param sources the sources
     * @param tags    tags added to every meter
     */
    public WeatherSourceMetrics(WeatherSources sources, Iterable<Tag> tags) {
        this.sources = Objects.requireNonNull(sources, "sources");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        Gauge.builder(CACHE_SIZE, sources, WeatherSources::cachedAnswers).tags(tags)
                .description("Answers held in the weather source cache").baseUnit("answers").register(registry);
        Recorder recorder = new Recorder(registry, tags);
        listeners.add(recorder);
        sources.addListener(recorder);
    }

    /** Unregisters the binder's listeners; the meters stay in their registries. */
    @Override
    public void close() {
        for (SourceListener l : listeners) {
            sources.removeListener(l);
        }
        listeners.clear();
    }

    /**
     * The {@code status} tag: the HTTP status class, so that a service's odd codes do not multiply time series.
     *
     * @param status an HTTP status code
     * @return {@code 1xx} … {@code 5xx}, or {@code unknown} outside 100..599
     */
    static String statusClass(int status) {
        return status >= 100 && status < 600 ? (status / 100) + "xx" : "unknown";
    }

    private static final class Recorder implements SourceListener {
        private final MeterRegistry registry;
        private final Tags tags;
        private final Map<List<String>, Timer> requests = new ConcurrentHashMap<>();
        private final Map<List<String>, Counter> retries = new ConcurrentHashMap<>();
        private final Map<List<String>, Counter> cache = new ConcurrentHashMap<>();

        Recorder(MeterRegistry registry, Tags tags) {
            this.registry = registry;
            this.tags = tags;
        }

        @Override
        public void cacheLookup(String source, boolean hit) {
            String result = hit ? "hit" : "miss";
            cache.computeIfAbsent(List.of(source, result), k -> Counter.builder(CACHE).tags(tags)
                    .tag("source", source).tag("result", result)
                    .description("Weather source cache look-ups").register(registry)).increment();
        }

        @Override
        public void response(String source, int status, Duration elapsed) {
            request(source, statusClass(status), elapsed);
        }

        @Override
        public void requestFailed(String source, SourceErrorCode code, Duration elapsed) {
            request(source, code == SourceErrorCode.TIMEOUT ? "timeout" : "network", elapsed);
        }

        private void request(String source, String status, Duration elapsed) {
            requests.computeIfAbsent(List.of(source, status), k -> Timer.builder(REQUESTS).tags(tags)
                    .tag("source", source).tag("status", status)
                    .description("HTTP requests to weather services").register(registry)).record(elapsed);
        }

        @Override
        public void retrying(String source, int nextAttempt, SourceErrorCode cause, Duration wait) {
            String c = cause.name().toLowerCase(Locale.ROOT);
            retries.computeIfAbsent(List.of(source, c), k -> Counter.builder(RETRIES).tags(tags)
                    .tag("source", source).tag("cause", c)
                    .description("Weather service requests tried again").register(registry)).increment();
        }
    }
}
