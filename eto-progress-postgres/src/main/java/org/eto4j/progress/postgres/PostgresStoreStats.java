package org.eto4j.progress.postgres;

/**
 * Counts of a {@link PostgresTaskStore}'s work since it was built, for metrics (eto-micrometer's
 * {@code PostgresStoreMetrics} reads them as counters) and for tests. Counters never go down.
 *
 * @param claimedTasks     tasks this node claimed from the shared queue
 * @param leaseReaps       tasks whose expired lease this node's reaper handled (re-queued, failed with
 *                         {@code PRG-2003}, ended cancelled, or returned to the queue unstarted)
 * @param purgedTasks      finished tasks this node deleted after their retention
 * @param listenReconnects times the LISTEN connection was established again after it was lost or could not be
 *                         opened (the first connection is not counted)
 * @param listening        whether the LISTEN connection is up now
 */
public record PostgresStoreStats(long claimedTasks, long leaseReaps, long purgedTasks, long listenReconnects,
                                 boolean listening) {
}
