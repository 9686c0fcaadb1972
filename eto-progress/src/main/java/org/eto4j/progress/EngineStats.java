package org.eto4j.progress;

/**
 * A point-in-time view of an engine's load, for metrics and for leak checks in tests.
 *
 * @param queued            tasks waiting for a worker
 * @param running           tasks running or cancelling on this engine's workers
 * @param waitingForRetry   tasks waiting for a retry's backoff to elapse
 * @param openSubscriptions subscriptions whose listener has not been closed yet
 */
public record EngineStats(int queued, int running, int waitingForRetry, int openSubscriptions) {
}
