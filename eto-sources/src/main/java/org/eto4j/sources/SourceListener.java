package org.eto4j.sources;

import java.time.Duration;

/**
 * Hears about every cache look-up and HTTP exchange of a {@link WeatherSources}: the hook for metrics (requests by
 * source and status class, retries, cache hits and misses) and for access logs, with the JDK only. Register with
 * {@link WeatherSources#addListener(SourceListener)}.
 *
 * <p>{@code source} is the service's token: a {@link SourceId#token()} ({@code nasa-power},
 * {@code open-meteo-archive}, {@code open-meteo-forecast}, {@code met-norway}) or {@value #ELEVATION} for the
 * elevation lookup. Callbacks run on the calling thread, synchronously: they must return quickly and not block.
 * An exception is logged and otherwise ignored. Every method has an empty default.
 */
public interface SourceListener {

    /** The {@code source} of the elevation lookup (Open-Meteo's elevation API). */
    String ELEVATION = "open-meteo-elevation";

    /**
     * One look-up of an answer: a hit is served from the cache without a request; a miss goes on to the service
     * (or waits for the same request made by another caller). Reported once per call, however many attempts follow.
     *
     * @param source the service's token
     * @param hit    whether a fresh cached answer was used
     */
    default void cacheLookup(String source, boolean hit) {
    }

    /**
     * One HTTP exchange answered with a status (2xx, 304 for a conditional request, 429, 5xx, …), whether or not
     * it is retried.
     *
     * @param source  the service's token
     * @param status  the HTTP status code
     * @param elapsed from sending the request to the whole body received (measured with {@link System#nanoTime()})
     */
    default void response(String source, int status, Duration elapsed) {
    }

    /**
     * One HTTP exchange that got no status: connection refused or reset ({@link SourceErrorCode#NETWORK_UNAVAILABLE})
     * or a time-out ({@link SourceErrorCode#TIMEOUT}). A cancellation is not reported.
     *
     * @param source  the service's token
     * @param code    what went wrong
     * @param elapsed from sending the request to the failure
     */
    default void requestFailed(String source, SourceErrorCode code, Duration elapsed) {
    }

    /**
     * A failed attempt will be tried again after {@code wait} (backoff or Retry-After).
     *
     * @param source      the service's token
     * @param nextAttempt the number of the coming attempt (2, 3, …)
     * @param cause       why the previous attempt failed (e.g. {@link SourceErrorCode#RATE_LIMITED})
     * @param wait        how long the caller waits before it
     */
    default void retrying(String source, int nextAttempt, SourceErrorCode cause, Duration wait) {
    }
}
