package org.eto4j.sources;

/**
 * Hears about a download's progress and may cancel it.
 *
 * <p>A download of a long period is split into chunks (one HTTP request each); the observer is told after
 * each chunk. {@link #cancelled()} is polled before each request and while waiting for an answer, so a
 * cancellation takes effect within about 100 ms even during a slow request.
 */
public interface FetchObserver {
    /** An observer that ignores progress and never cancels. */
    FetchObserver NONE = new FetchObserver() { };

    /**
     * Called after each chunk has been downloaded (or served from the cache).
     *
     * @param source      the source
     * @param chunksDone  chunks finished so far, 1-based
     * @param chunksTotal chunks in this download
     */
    default void chunkDone(SourceId source, int chunksDone, int chunksTotal) {
    }

    /** Whether the caller wants the download stopped; it then ends with {@link SourceErrorCode#CANCELLED}. */
    default boolean cancelled() {
        return false;
    }
}
