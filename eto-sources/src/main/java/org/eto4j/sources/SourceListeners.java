package org.eto4j.sources;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners registered on one {@link WeatherSources}, shared by its gateways; one failing listener never stops a
 * request.
 */
final class SourceListeners {
    private static final Logger LOG = LoggerFactory.getLogger(SourceListeners.class);

    private final List<SourceListener> listeners = new CopyOnWriteArrayList<>();

    void add(SourceListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.remove(listener); // registering twice has no further effect
        listeners.add(listener);
    }

    boolean remove(SourceListener listener) {
        return listeners.remove(Objects.requireNonNull(listener, "listener"));
    }

    void cacheLookup(String source, boolean hit) {
        for (SourceListener l : listeners) {
            try {
                l.cacheLookup(source, hit);
            } catch (RuntimeException e) {
                LOG.warn("source listener failed on a cache look-up of {}", source, e);
            }
        }
    }

    void response(String source, int status, long startNanos) {
        if (listeners.isEmpty()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        for (SourceListener l : listeners) {
            try {
                l.response(source, status, elapsed);
            } catch (RuntimeException e) {
                LOG.warn("source listener failed on a response of {}", source, e);
            }
        }
    }

    void requestFailed(String source, SourceErrorCode code, long startNanos) {
        if (listeners.isEmpty()) {
            return;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        for (SourceListener l : listeners) {
            try {
                l.requestFailed(source, code, elapsed);
            } catch (RuntimeException e) {
                LOG.warn("source listener failed on a failed request of {}", source, e);
            }
        }
    }

    void retrying(String source, int nextAttempt, SourceErrorCode cause, Duration wait) {
        for (SourceListener l : listeners) {
            try {
                l.retrying(source, nextAttempt, cause, wait);
            } catch (RuntimeException e) {
                LOG.warn("source listener failed on a retry of {}", source, e);
            }
        }
    }
}
